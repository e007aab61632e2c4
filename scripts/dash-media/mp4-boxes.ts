// Just enough ISO-BMFF reading to locate top-level boxes and decode a sidx,
// reading box headers with positioned reads instead of loading whole files.
import { open, type FileHandle } from 'node:fs/promises';

export interface BoxLocation {
  readonly type: string;
  readonly offset: number;
  readonly size: number;
}

export interface SidxReference {
  readonly referencedSize: number;
  readonly subsegmentDuration: number;
}

export interface SegmentIndex {
  readonly timescale: number;
  readonly earliestPresentationTime: number;
  /** Byte offset of the first referenced subsegment in the file. */
  readonly firstOffset: number;
  readonly references: readonly SidxReference[];
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Lists the top-level boxes of an MP4 file in order. */
export async function topLevelBoxes(filePath: string): Promise<BoxLocation[]> {
  const file = await open(filePath, 'r');
  try {
    const { size: fileSize } = await file.stat();
    const boxes: BoxLocation[] = [];
    let offset = 0;
    while (offset + 8 <= fileSize) {
      const header = await readAt(file, offset, 16);
      let size = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (size === 1) size = Number(header.readBigUInt64BE(8));
      if (size === 0) size = fileSize - offset;
      if (size < 8) throw new Error(`${filePath}: corrupt box "${type}" at ${offset}`);
      boxes.push({ type, offset, size });
      offset += size;
    }
    return boxes;
  } finally {
    await file.close();
  }
}

/** Decodes a sidx box (ISO/IEC 14496-12 8.16.3) located at `box`. */
export async function readSegmentIndex(filePath: string, box: BoxLocation): Promise<SegmentIndex> {
  const file = await open(filePath, 'r');
  try {
    const data = await readAt(file, box.offset, box.size);
    const version = data.readUInt8(8);
    const timescale = data.readUInt32BE(16);
    let cursor = 20;
    let earliestPresentationTime: number;
    let firstOffsetDelta: number;
    if (version === 0) {
      earliestPresentationTime = data.readUInt32BE(cursor);
      firstOffsetDelta = data.readUInt32BE(cursor + 4);
      cursor += 8;
    } else {
      earliestPresentationTime = Number(data.readBigUInt64BE(cursor));
      firstOffsetDelta = Number(data.readBigUInt64BE(cursor + 8));
      cursor += 16;
    }
    const referenceCount = data.readUInt16BE(cursor + 2);
    cursor += 4;
    const references: SidxReference[] = [];
    for (let i = 0; i < referenceCount; i++) {
      const word = data.readUInt32BE(cursor);
      if (word >>> 31 !== 0) throw new Error(`${filePath}: hierarchical sidx is not expected`);
      references.push({ referencedSize: word & 0x7fffffff, subsegmentDuration: data.readUInt32BE(cursor + 4) });
      cursor += 12;
    }
    return {
      timescale,
      earliestPresentationTime,
      firstOffset: box.offset + box.size + firstOffsetDelta,
      references,
    };
  } finally {
    await file.close();
  }
}
