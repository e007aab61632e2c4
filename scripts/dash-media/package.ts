// Step 2: remux the intermediates (-c copy, no re-encode) into one DASH variant.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SEGMENT_SECONDS, type DashVariant, type VideoRung } from './recipe.js';
import { audioIntermediate, videoIntermediate } from './encode.js';
import { dropBitstreamSwitching, segmentListToSegmentBase } from './mpd-rewrite.js';
import { runTool } from './run-tool.js';

export const MANIFEST_NAME = 'manifest.mpd';
export const INIT_PATTERN = 'init-$RepresentationID$.m4s';

/** The naming each variant uses; also what the verifier expects on disk. */
export const SEGMENT_NAMING = {
  number: { init: INIT_PATTERN, media: 'chunk-$RepresentationID$-$Number%05d$.m4s' },
  timeline: { init: INIT_PATTERN, media: 'chunk-$RepresentationID$-$Time$.m4s' },
  single: { file: 'stream-$RepresentationID$.mp4' },
} as const;

function variantArgs(variant: DashVariant['name']): string[] {
  switch (variant) {
    case 'number':
      return ['-use_template', '1', '-use_timeline', '0',
        '-init_seg_name', SEGMENT_NAMING.number.init, '-media_seg_name', SEGMENT_NAMING.number.media];
    case 'timeline':
      return ['-use_template', '1', '-use_timeline', '1',
        '-init_seg_name', SEGMENT_NAMING.timeline.init, '-media_seg_name', SEGMENT_NAMING.timeline.media];
    case 'single':
      // global_sidx puts one sidx after the moov, which SegmentBase@indexRange points at.
      return ['-single_file', '1', '-global_sidx', '1', '-single_file_name', SEGMENT_NAMING.single.file];
  }
}

function packageArgs(ladder: readonly VideoRung[], workDir: string, variant: DashVariant['name'], mpd: string): string[] {
  const inputs = ladder.flatMap((rung) => ['-i', videoIntermediate(workDir, rung)]);
  inputs.push('-i', audioIntermediate(workDir));
  const maps = ladder.flatMap((_, index) => ['-map', `${index}:v:0`]);
  maps.push('-map', `${ladder.length}:a:0`);
  return [
    '-hide_banner', '-loglevel', 'error', '-y',
    ...inputs, ...maps,
    '-c', 'copy',
    '-f', 'dash',
    '-seg_duration', String(SEGMENT_SECONDS),
    '-adaptation_sets', 'id=0,streams=v id=1,streams=a',
    ...variantArgs(variant),
    mpd,
  ];
}

/** Packages into `<dir>.tmp` and swaps it into place, so a failed run never leaves half a variant. */
export async function packageVariant(
  ladder: readonly VideoRung[],
  workDir: string,
  variant: DashVariant['name'],
  targetDir: string,
): Promise<{ ms: number }> {
  const staging = `${targetDir}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const mpdPath = path.join(staging, MANIFEST_NAME);
  const { ms } = await runTool('ffmpeg', packageArgs(ladder, workDir, variant, mpdPath));

  let mpd = dropBitstreamSwitching(await readFile(mpdPath, 'utf8'));
  if (variant === 'single') mpd = await segmentListToSegmentBase(mpd, staging);
  await writeFile(mpdPath, mpd);

  await rm(targetDir, { recursive: true, force: true });
  await rename(staging, targetDir);
  return { ms };
}
