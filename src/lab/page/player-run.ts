/** Player mode of the lab page: one player, muted, measured for a fixed time, then torn down. */
import { parseMpd } from '../../manifest/parse-mpd.js';
import { PageMeasurement } from '../../compare/page-measurement.js';
import { createPlayerAdapter } from '../../compare/player-adapter.js';
import { buildSegmentMap } from '../../compare/segment-map.js';
import type { LabPlayerResult, LabStatus } from './lab-result.js';
import type { PlayerPageParams } from './page-params.js';

export interface PlayerRun {
  status(): LabStatus;
  /** Resolves with the result after params.durationS seconds. */
  readonly finished: Promise<LabPlayerResult>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function startPlayerRun(params: PlayerPageParams, video: HTMLVideoElement): PlayerRun {
  let measurement: PageMeasurement | undefined;
  let loadStartedAt: number | undefined;
  let done = false;
  let adapter: Awaited<ReturnType<typeof createPlayerAdapter>> | undefined;

  const finished = (async (): Promise<LabPlayerResult> => {
    const src = new URL(params.src, location.href).href;
    // The page reads the MPD itself to know which URLs are which segments, for every player.
    const manifest = parseMpd(await (await fetch(src, { cache: 'no-store' })).text(), src);
    adapter = await createPlayerAdapter(params.player, video);
    const abrApplied = adapter.setAbr?.(params.abr) ?? `${params.player} default`;
    const maxBufferS = params.maxBufferS === undefined ? null : adapter.setMaxBufferS?.(params.maxBufferS) ?? null;
    measurement = new PageMeasurement({ video, segmentMap: buildSegmentMap(manifest) });
    measurement.start();
    loadStartedAt = performance.now();
    await adapter.load(src);
    await sleep(Math.max(0, loadStartedAt + params.durationS * 1000 - performance.now()));
    measurement.stop();
    const sprint = adapter.sprintStats?.();
    const errors = [...adapter.errors()];
    await adapter.destroy();
    done = true;
    return {
      mode: 'player',
      player: params.player,
      abr: params.abr,
      abrApplied,
      scheduler: adapter.scheduler,
      maxBufferS,
      src,
      durationS: params.durationS,
      userAgent: navigator.userAgent,
      loadStartedAt,
      measurement: measurement.result(),
      ...(sprint ? { sprint } : {}),
      errors,
    };
  })();

  return {
    finished,
    status: () => {
      const latest = measurement?.latest();
      // Our player's live counters, for the soak's time series (src/lab/soak).
      const stats = done ? undefined : adapter?.sprintStats?.();
      return {
        done,
        elapsedS: loadStartedAt === undefined ? 0 : (performance.now() - loadStartedAt) / 1000,
        ...(latest ? { currentTime: latest.currentTime, bufferAheadS: latest.bufferAheadS } : {}),
        ...(stats
          ? { sprint: { state: stats.state, sourceBufferBytes: stats.sourceBufferBytes, recoverableErrors: stats.recoverableErrors, fatalErrors: stats.fatalErrors } }
          : {}),
      };
    },
  };
}
