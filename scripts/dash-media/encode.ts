// Step 1: encode each rung once into an intermediate file; packaging only copies these.
import path from 'node:path';
import {
  AUDIO,
  FRAME_RATE,
  SEGMENT_SECONDS,
  SOURCE,
  X264,
  audioContentSamples,
  type VideoRung,
} from './recipe.js';
import { runLimited, runTool } from './run-tool.js';

export interface EncodedRendition {
  readonly kind: 'video' | 'audio';
  readonly name: string;
  readonly file: string;
  readonly ms: number;
}

export function videoIntermediate(workDir: string, rung: VideoRung): string {
  return path.join(workDir, `video-${rung.name}.mp4`);
}

/** ADTS has no timestamps, so packets start at 0 without an edit list (keeps $Time$ names and tfdt equal). */
export function audioIntermediate(workDir: string): string {
  return path.join(workDir, 'audio.aac');
}

function videoArgs(rung: VideoRung, seconds: number, output: string): string[] {
  const gop = FRAME_RATE * SEGMENT_SECONDS;
  const filter = [
    `testsrc2=size=${SOURCE.width}x${SOURCE.height}:rate=${FRAME_RATE}:duration=${seconds}`,
    SOURCE.noise,
    // scale keeps the display aspect: 426x240 gets sar 640:639, which the DASH muxer
    // needs (it refuses mixed aspect ratios within one AdaptationSet).
    `scale=${rung.width}:${rung.height}`,
    'format=yuv420p',
  ].join(',');
  return [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', filter,
    '-c:v', 'libx264', '-preset', X264.preset, '-profile:v', X264.profile,
    '-b:v', `${rung.kbps}k`, '-maxrate', `${rung.kbps}k`, '-bufsize', `${rung.kbps * 2}k`,
    '-g', String(gop), '-keyint_min', String(gop),
    '-force_key_frames', `expr:gte(t,n_forced*${SEGMENT_SECONDS})`,
    '-x264-params', X264.params,
    // Two single-threaded encodes in parallel measured faster than sequential multi-threaded ones on 2 cores.
    '-threads', '1',
    '-an', '-movflags', '+faststart',
    output,
  ];
}

export function audioArgs(seconds: number, output: string): string[] {
  const filter = [
    `sine=frequency=${AUDIO.toneHz}:sample_rate=${AUDIO.sampleRate}`,
    `atrim=end_sample=${audioContentSamples(seconds)}`,
    'aformat=channel_layouts=stereo',
  ].join(',');
  return [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', filter,
    '-c:a', 'aac', '-b:a', `${AUDIO.kbps}k`, '-ar', String(AUDIO.sampleRate), '-ac', String(AUDIO.channels),
    output,
  ];
}

/** Encodes all rungs plus audio, `parallel` ffmpeg processes at a time, biggest rungs first. */
export async function encodeIntermediates(
  ladder: readonly VideoRung[],
  seconds: number,
  workDir: string,
  parallel: number,
  onDone: (rendition: EncodedRendition) => void,
): Promise<EncodedRendition[]> {
  const byCost = [...ladder].sort((a, b) => b.width * b.height - a.width * a.height);
  const jobs = byCost.map((rung) => async (): Promise<EncodedRendition> => {
    const file = videoIntermediate(workDir, rung);
    const { ms } = await runTool('ffmpeg', videoArgs(rung, seconds, file));
    const done: EncodedRendition = { kind: 'video', name: rung.name, file, ms };
    onDone(done);
    return done;
  });
  jobs.push(async () => {
    const file = audioIntermediate(workDir);
    const { ms } = await runTool('ffmpeg', audioArgs(seconds, file));
    const done: EncodedRendition = { kind: 'audio', name: 'audio', file, ms };
    onDone(done);
    return done;
  });
  return runLimited(jobs, parallel);
}
