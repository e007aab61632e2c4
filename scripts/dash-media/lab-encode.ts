// Encodes the lab ladder: each rung once for LAB_LOOP_SECONDS in CBR, then repeated
// without re-encoding up to LAB_SECONDS; audio is encoded at full length (cheap).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { FRAME_RATE, SEGMENT_SECONDS, type VideoRung } from './recipe.js';
import { LAB_LOOP_SECONDS, LAB_SECONDS, LAB_SOURCE, LAB_X264 } from './lab-recipe.js';
import { audioArgs, audioIntermediate, videoIntermediate, type EncodedRendition } from './encode.js';
import { runLimited, runTool } from './run-tool.js';

function pieceArgs(rung: VideoRung, output: string): string[] {
  const gop = FRAME_RATE * SEGMENT_SECONDS;
  const filter = [
    `testsrc2=size=${rung.width}x${rung.height}:rate=${FRAME_RATE}:duration=${LAB_LOOP_SECONDS}`,
    LAB_SOURCE.noise,
    'format=yuv420p',
  ].join(',');
  const rate = `${rung.kbps}k`;
  return [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', filter,
    '-c:v', 'libx264', '-preset', LAB_X264.preset, '-profile:v', LAB_X264.profile,
    // CBR with filler: a one-second VBV keeps every 2 s segment close to nominal.
    '-b:v', rate, '-minrate', rate, '-maxrate', rate, '-bufsize', rate,
    '-g', String(gop), '-keyint_min', String(gop),
    '-force_key_frames', `expr:gte(t,n_forced*${SEGMENT_SECONDS})`,
    '-x264-params', LAB_X264.params,
    '-threads', '1',
    '-an', output,
  ];
}

function loopArgs(piece: string, output: string): string[] {
  const repeats = LAB_SECONDS / LAB_LOOP_SECONDS - 1;
  return ['-hide_banner', '-loglevel', 'error', '-y', '-stream_loop', String(repeats), '-i', piece, '-c', 'copy', '-movflags', '+faststart', output];
}

export async function encodeLabIntermediates(
  ladder: readonly VideoRung[],
  workDir: string,
  parallel: number,
  onDone: (rendition: EncodedRendition) => void,
): Promise<EncodedRendition[]> {
  if (LAB_SECONDS % LAB_LOOP_SECONDS !== 0) throw new Error('LAB_SECONDS must be a whole number of loop pieces');
  const byCost = [...ladder].sort((a, b) => b.kbps - a.kbps);
  const jobs = byCost.map((rung) => async (): Promise<EncodedRendition> => {
    const file = videoIntermediate(workDir, rung);
    const piece = path.join(workDir, `piece-${rung.name}.mp4`);
    const encoded = await runTool('ffmpeg', pieceArgs(rung, piece));
    const looped = await runTool('ffmpeg', loopArgs(piece, file));
    await rm(piece, { force: true });
    const done: EncodedRendition = { kind: 'video', name: rung.name, file, ms: encoded.ms + looped.ms };
    onDone(done);
    return done;
  });
  jobs.push(async () => {
    const file = audioIntermediate(workDir);
    const { ms } = await runTool('ffmpeg', audioArgs(LAB_SECONDS, file));
    const done: EncodedRendition = { kind: 'audio', name: 'audio', file, ms };
    onDone(done);
    return done;
  });
  return runLimited(jobs, parallel);
}
