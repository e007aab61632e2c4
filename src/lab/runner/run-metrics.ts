/**
 * Turns one player run's raw records (page measurement, origin log, competitor
 * samples) into the RunResult of results.json. Pure; all times become epoch ms.
 */
import { isSprintSchedulerName } from '../../scheduler/sprint.js';
import type { MediaRequestRecord } from '../../compare/measurement-types.js';
import type { OriginRequestRecord } from '../../server/request-log.js';
import type { LabPlayerResult } from '../page/lab-result.js';
import {
  activeMs, downloadFraction, inFlightSteps, meanOrNull, meanRateInWindow, playedBitrate, rebufferStats, stallIntervals, startupMs,
  type Interval, type Transfer,
} from './metrics.js';
import { playbackQoe } from './playback-qoe.js';
import type { CellConfig, RunResult } from './results.js';
import { flowSeries, perConnectionSeries, throughputSeries } from './series.js';
import { sprintRunList } from './sprint-run-list.js';

/** A competitor's per-second samples on the epoch clock. */
export interface CompetitorSamples {
  readonly samples: readonly { endMs: number; durationMs: number; mbps: number }[];
}

export interface RunInputs {
  readonly cell: number;
  readonly config: CellConfig;
  readonly fairShareMbps: number;
  readonly page: LabPlayerResult;
  /** Origin log records of the whole cell; filtered here to the run's window and media folder. */
  readonly origin: readonly OriginRequestRecord[];
  readonly competitors: readonly CompetitorSamples[];
  readonly rawFile: string;
}

export const SERIES_BIN_S = 0.5;

/** When the request left (requestStart is 0 when the browser hides it). */
function sentAt(request: MediaRequestRecord): number {
  return request.requestStart > 0 ? request.requestStart : request.startTime;
}

/** URL path of the folder that holds the MPD: media requests on the origin live under it. */
export function mediaFolder(src: string): string {
  const pathname = new URL(src).pathname;
  return pathname.slice(0, pathname.lastIndexOf('/') + 1);
}

export function assembleRunResult(inputs: RunInputs): RunResult {
  const { page, config, fairShareMbps } = inputs;
  const m = page.measurement;
  const epoch = (t: number): number => m.timeOrigin + t;
  const fromMs = epoch(page.loadStartedAt);
  const toMs = epoch(m.stoppedAt);

  const requests = m.mediaRequests;
  const intervals: Interval[] = requests.map((r) => ({ startMs: epoch(sentAt(r)), endMs: epoch(r.responseEnd) }));
  const transfers: Transfer[] = requests.map((r) => ({
    startMs: epoch(sentAt(r)),
    firstByteMs: epoch(r.responseStart > 0 ? r.responseStart : sentAt(r)),
    endMs: epoch(r.responseEnd),
    bytes: r.encodedBodySize,
  }));
  const mediaBytes = requests.reduce((sum, r) => sum + r.encodedBodySize, 0);
  const active = activeMs(intervals);
  const steps = inFlightSteps(intervals);

  const videoDownloads = requests
    .filter((r) => r.segment.contentType === 'video' && !r.segment.isInit)
    .map((r) => ({ ...r.segment, endMs: epoch(r.responseEnd) }));
  const samples = m.samples.map((s) => ({ ...s, t: epoch(s.t) }));
  const played = playedBitrate(samples, videoDownloads);
  const events = m.events.map((e) => ({ type: e.type, t: epoch(e.t), currentTime: e.currentTime }));
  const rebuffer = rebufferStats(events, toMs);
  const startup = startupMs(fromMs, events);
  const qoe = playbackQoe({
    samples,
    downloads: videoDownloads,
    stalls: stallIntervals(events, toMs).map((s) => ({ startMs: s.startMs, endMs: s.endMs, positionS: (s.ended ?? s.began).currentTime })),
    startupMs: startup,
  });

  const folder = mediaFolder(page.src);
  const served = inputs.origin.filter((r) => r.path.startsWith(folder) && !r.path.endsWith('.mpd') && r.startMs >= fromMs - 1000 && r.startMs <= toMs);
  const connections = perConnectionSeries(served, fromMs, toMs, SERIES_BIN_S * 1000);

  const competitorMbps = inputs.competitors.map((c) => meanRateInWindow(c.samples, fromMs, toMs));
  const competitorMean = meanOrNull(competitorMbps);
  const runs = page.sprint?.runs ?? [];
  const isSprintRuns = isSprintSchedulerName(page.scheduler);
  const durationMs = toMs - fromMs;
  const last = samples[samples.length - 1];
  const seconds = (t: number): number => (t - fromMs) / 1000;

  return {
    cell: inputs.cell,
    player: page.player,
    scheduler: page.scheduler,
    abr: page.abr,
    abrApplied: page.abrApplied,
    maxBufferS: page.maxBufferS ?? null,
    ...config,
    durationS: page.durationS,
    fairShareMbps,
    downloadFraction: downloadFraction(mediaBytes, active, fairShareMbps),
    meanBitrateKbps: played.meanKbps,
    rebufferRatio: rebuffer.ratio,
    stalls: rebuffer.stalls,
    startupMs: startup,
    switches: played.switches,
    qoe,
    mediaBytes,
    serverMediaBytes: served.reduce((sum, r) => sum + r.bytes, 0),
    activeSeconds: active / 1000,
    linkShareOverall: downloadFraction(mediaBytes, durationMs, fairShareMbps),
    mediaRequests: requests.length,
    maxInFlight: steps.reduce((max, s) => Math.max(max, s.n), 0),
    connections: connections.length,
    protocols: [...new Set(requests.map((r) => r.nextHopProtocol).filter(Boolean))],
    competitorMbps,
    competitorFraction: competitorMean === null ? null : competitorMean / fairShareMbps,
    playedS: played.playedS,
    finalPositionS: last?.currentTime ?? 0,
    droppedFrames: last?.droppedFrames ?? 0,
    totalFrames: last?.totalFrames ?? 0,
    predictedFraction: isSprintRuns ? meanOrNull(runs.map((r) => r.predictedFraction)) : null,
    sprintMeasuredFraction: isSprintRuns ? meanOrNull(runs.map((r) => r.measuredFraction)) : null,
    sprintRuns: isSprintRuns ? runs.length : null,
    sprintRunList: isSprintRuns && page.sprint ? sprintRunList(page.sprint, page.loadStartedAt, fairShareMbps) : [],
    fairShareEstimateMbps: page.sprint?.fairShareBps === undefined ? null : page.sprint.fairShareBps / 1e6,
    errors: page.errors,
    rawFile: inputs.rawFile,
    series: {
      binS: SERIES_BIN_S,
      throughputMbps: throughputSeries(transfers, fromMs, toMs, SERIES_BIN_S * 1000),
      competitorMbps: inputs.competitors.map((c) => flowSeries(c.samples, fromMs, toMs)),
      bufferS: samples.map((s) => [seconds(s.t), s.bufferAheadS]),
      playedKbps: played.series.map(([t, kbps]) => [seconds(t), kbps]),
      requestedKbps: requests
        .filter((r) => r.segment.contentType === 'video' && !r.segment.isInit)
        .map((r) => [seconds(epoch(sentAt(r))), r.segment.bandwidth / 1000]),
      inFlight: steps.map((s) => [seconds(s.t), s.n]),
      connections,
    },
  };
}
