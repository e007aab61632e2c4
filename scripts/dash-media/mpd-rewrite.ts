// Small, targeted edits to the MPDs ffmpeg 5.1 writes, where its output is
// wrong for our purpose or cannot express what we need.
import path from 'node:path';
import { readSegmentIndex, topLevelBoxes } from './mp4-boxes.js';

const LIVE_PROFILE = 'urn:mpeg:dash:profile:isoff-live:2011';
const ON_DEMAND_PROFILE = 'urn:mpeg:dash:profile:isoff-on-demand:2011';

/**
 * ffmpeg claims bitstreamSwitching="true", but each rung has its own SPS/PPS in its
 * own init segment, so a player must re-append the init segment when it switches.
 */
export function dropBitstreamSwitching(mpd: string): string {
  return mpd.replaceAll(' bitstreamSwitching="true"', '');
}

/**
 * ffmpeg's single-file mode writes a SegmentList of byte ranges. We want the
 * on-demand shape: SegmentBase whose indexRange points at the file's global sidx,
 * so the player has to fetch and parse the sidx itself.
 */
export async function segmentListToSegmentBase(mpd: string, dir: string): Promise<string> {
  const pattern = /(?<indent>[ \t]*)<BaseURL>(?<file>[^<]+)<\/BaseURL>\s*<SegmentList[^>]*>[\s\S]*?<\/SegmentList>/g;
  const matches = [...mpd.matchAll(pattern)];
  if (matches.length === 0) throw new Error('single-file MPD has no BaseURL + SegmentList to rewrite');
  let result = mpd;
  for (const match of matches) {
    const indent = match.groups?.['indent'] ?? '';
    const file = match.groups?.['file'] ?? '';
    const filePath = path.join(dir, file);
    const boxes = await topLevelBoxes(filePath);
    const sidx = boxes.find((box) => box.type === 'sidx');
    if (!sidx) throw new Error(`${file}: no sidx box (was -global_sidx 1 passed?)`);
    const index = await readSegmentIndex(filePath, sidx);
    const segmentBase = [
      `${indent}<BaseURL>${file}</BaseURL>`,
      `${indent}<SegmentBase timescale="${index.timescale}" indexRange="${sidx.offset}-${sidx.offset + sidx.size - 1}" indexRangeExact="true">`,
      `${indent}\t<Initialization range="0-${sidx.offset - 1}" />`,
      `${indent}</SegmentBase>`,
    ].join('\n');
    result = result.replace(match[0], segmentBase);
  }
  return result.replace(LIVE_PROFILE, ON_DEMAND_PROFILE);
}
