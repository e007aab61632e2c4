import { describe, expect, it } from 'vitest';
import type { OriginRequestRecord } from '../../server/request-log.js';
import type { LabPlayerResult } from '../page/lab-result.js';
import { attributeStalls, countFaults, countRangeResumes, errorsByCode, summarizeSoak } from './soak-summary.js';
import { SoakRecorder } from './soak-recorder.js';

const record = (over: Partial<OriginRequestRecord>): OriginRequestRecord => ({
  id: 1, streamId: 1, socketId: 1, method: 'GET', path: '/media/lab/chunk-0-00001.m4s', range: null, status: 200, bytes: 10,
  startMs: 0, endMs: 1, protocol: 'h2', aborted: false, ...over,
});

function page(over: Partial<LabPlayerResult> = {}): LabPlayerResult {
  return {
    mode: 'player', player: 'sprint', abr: 'dynamic', abrApplied: 'dynamic', scheduler: 'sprint', src: 'https://o/m.mpd', durationS: 600,
    userAgent: 'x', loadStartedAt: 1000, measurement: {} as LabPlayerResult['measurement'], errors: [], ...over,
  };
}

describe('soak summary', () => {
  it('counts origin faults by kind and Range resumes of whole files', () => {
    const records = [
      record({ fault: 'reset' }), record({ fault: 'reset' }), record({ fault: '5xx', status: 503 }), record({}),
      record({ range: 'bytes=5000-', status: 206 }), record({ range: 'bytes=0-99', status: 206 }), record({ path: '/media/lab/x.mp4', range: 'bytes=5-', status: 206 }),
    ];
    expect(countFaults(records)).toEqual({ '5xx': 1, '404': 0, reset: 2, truncate: 0, stall: 0 });
    expect(countRangeResumes(records)).toBe(1);
  });

  it('counts errors by code', () => {
    expect(errorsByCode(['REQUEST_TIMEOUT: REQUEST_TIMEOUT: x', 'SEGMENT_LOAD_FAILED: y', 'REQUEST_TIMEOUT: z', 'weird'])).toEqual({
      REQUEST_TIMEOUT: 2, SEGMENT_LOAD_FAILED: 1, OTHER: 1,
    });
  });

  it('attributes stalls to a link fault (during it or within 30 s after), to a jumped hole, or to nothing known', () => {
    const stats = {
      stalls: [
        { startMs: 1000 + 95_000, endMs: 1000 + 97_000, positionS: 80 },
        { startMs: 1000 + 99_000, endMs: 1000 + 99_150, positionS: 179.75 },
        { startMs: 1000 + 300_000, endMs: undefined, positionS: 290 },
      ],
    };
    const jumped = [{ seenAtS: 150, positionS: 150, fromS: 179.8, toS: 180, behind: false }];
    const stalls = attributeStalls(page({ sprint: stats as unknown as LabPlayerResult['sprint'] }), [{ atS: 90, kind: 'outage', durationS: 10 }], jumped, 310);
    expect(stalls.map((s) => [Math.round(s.atS), Number(s.durationS.toFixed(2)), s.cause])).toEqual([
      [95, 2, 'link fault'],
      [99, 0.15, 'gap jump'],
      [300, 10, 'other'],
    ]);
  });

  it('passes only with no fatal error and no hole in the buffer', () => {
    const recorder = new SoakRecorder();
    recorder.add({ elapsedS: 1, positionS: 1, ranges: [[0, 10]], bufferAheadS: 9, heapUsedBytes: 5e6, sourceBufferBytes: 1e6 });
    const sprint = { fatalErrors: 0, recoverableErrors: 7, stalls: [] } as unknown as LabPlayerResult['sprint'];
    const base = { durationS: 600, faultSpec: 'mixed', faultSpecExpanded: 'x', linkEvents: [], baseRateMbps: 20, recorder, origin: [record({ fault: 'stall' })], finalPositionS: 590 };
    const ok = summarizeSoak({ ...base, page: page({ sprint, errors: ['REQUEST_TIMEOUT: t'] }) });
    expect(ok).toMatchObject({ passed: true, recoveries: 7, fatalErrors: 0, bufferGaps: 0, faultsTotal: 1, maxHeapBytes: 5e6, maxSourceBufferBytes: 1e6 });
    const fatal = summarizeSoak({ ...base, page: page({ sprint: { ...sprint!, fatalErrors: 1 }, errors: ['REQUEST_TIMEOUT: t', 'SEGMENT_LOAD_FAILED: gone'] }) });
    expect(fatal.passed).toBe(false);
    expect(fatal.fatalMessages).toEqual(['SEGMENT_LOAD_FAILED: gone']);
  });
});
