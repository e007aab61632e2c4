// Decodes one real segment (init + media, as a player would append them) with
// ffprobe, proving the packaged output is playable and not just well-formed XML.
import { runTool } from './run-tool.js';

export interface ProbedStream {
  readonly codec: string;
  readonly profile: string;
  readonly width?: number;
  readonly height?: number;
  readonly frames: number;
}

interface FfprobeOutput {
  streams?: {
    codec_name?: string;
    profile?: string;
    width?: number;
    height?: number;
    nb_read_frames?: string;
  }[];
}

export async function probeSegment(initPath: string, segmentPath: string): Promise<ProbedStream> {
  const { stdout } = await runTool('ffprobe', [
    '-v', 'error', '-count_frames',
    '-show_entries', 'stream=codec_name,profile,width,height,nb_read_frames',
    '-of', 'json',
    `concat:${initPath}|${segmentPath}`,
  ]);
  const stream = (JSON.parse(stdout) as FfprobeOutput).streams?.[0];
  if (!stream?.codec_name) throw new Error(`ffprobe found no stream in ${segmentPath}`);
  const frames = Number(stream.nb_read_frames ?? 0);
  if (frames <= 0) throw new Error(`ffprobe decoded no frames from ${segmentPath}`);
  return {
    codec: stream.codec_name,
    profile: stream.profile ?? '',
    ...(stream.width && stream.height ? { width: stream.width, height: stream.height } : {}),
    frames,
  };
}
