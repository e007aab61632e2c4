import { describe, expect, it } from 'vitest';
import { SoakRecorder, type SoakSample } from './soak-recorder.js';

const sample = (elapsedS: number, ranges: [number, number][], extra: Partial<SoakSample> = {}): SoakSample => ({
  elapsedS,
  positionS: elapsedS,
  ranges,
  bufferAheadS: 10,
  heapUsedBytes: undefined,
  sourceBufferBytes: undefined,
  ...extra,
});

describe('SoakRecorder', () => {
  it('counts a hole wider than the gap jumper can jump once, behind or ahead of the playhead; slivers apart', () => {
    const recorder = new SoakRecorder();
    recorder.add(sample(5, [[0, 10]]));
    recorder.add(sample(6, [[0, 10], [10.05, 20]]));
    recorder.add(sample(7, [[0, 10], [10.05, 20], [21, 30]]));
    recorder.add(sample(25, [[0, 10], [10.05, 20], [21, 30]]));
    const gaps = recorder.bufferGaps();
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ fromS: 20, toS: 21, seenAtS: 7, behind: false });
    expect(recorder.sliverCount()).toBe(1);
  });

  it('counts a narrow hole as jumped when the playhead went past it, as a gap when it sat stuck in front of it', () => {
    const jumped = new SoakRecorder();
    jumped.add(sample(178, [[170, 179.8], [180, 200]], { positionS: 178 }));
    jumped.add(sample(179, [[170, 179.8], [180, 200]], { positionS: 179.74 }));
    jumped.add(sample(180, [[170, 179.8], [180, 200]], { positionS: 180.5 }));
    expect(jumped.bufferGaps()).toEqual([]);
    expect(jumped.jumpedGaps()).toHaveLength(1);
    const stuck = new SoakRecorder();
    for (let t = 178; t < 190; t++) stuck.add(sample(t, [[170, 179.8], [180, 200]], { positionS: Math.min(t, 179.74) }));
    expect(stuck.bufferGaps()).toHaveLength(1);
    expect(stuck.jumpedGaps()).toEqual([]);
  });

  it('keeps the largest heap and SourceBuffer sizes and a thinned memory series', () => {
    const recorder = new SoakRecorder(10);
    for (let t = 0; t <= 60; t++) recorder.add(sample(t, [[0, 1]], { heapUsedBytes: 1e6 + (t === 30 ? 5e6 : 0), sourceBufferBytes: t * 1000 }));
    expect(recorder.maxHeapBytes()).toBe(6e6);
    expect(recorder.maxSourceBufferBytes()).toBe(60_000);
    expect(recorder.memorySeries().map(([s]) => s)).toEqual([0, 10, 20, 30, 40, 50, 60]);
  });

  it('measures heap growth over the second half; none without heap samples', () => {
    const growing = new SoakRecorder(10);
    for (let t = 0; t <= 600; t += 10) growing.add(sample(t, [], { heapUsedBytes: 10e6 + t * 1000 }));
    expect(growing.heapGrowthBytesPerMin()).toBeCloseTo(60_000);
    const blind = new SoakRecorder(10);
    for (let t = 0; t <= 600; t += 10) blind.add(sample(t, []));
    expect(blind.heapGrowthBytesPerMin()).toBeNull();
    expect(blind.maxHeapBytes()).toBeNull();
  });
});
