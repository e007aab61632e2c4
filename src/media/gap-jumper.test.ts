import { describe, expect, it } from 'vitest';
import { gapJumpTarget, stallNudgeTarget } from './gap-jumper.js';
import { FakeTimeRanges } from './fake-source-buffer.js';

describe('gapJumpTarget', () => {
  const ranges = new FakeTimeRanges([
    [0.02, 4],
    [4.3, 10],
    [14, 20],
  ]);
  it('jumps the startup sliver before the first media', () => {
    expect(gapJumpTarget(ranges, 0, 0.5)).toBeCloseTo(0.03);
  });
  it('jumps a small hole between ranges', () => {
    expect(gapJumpTarget(ranges, 4, 0.5)).toBeCloseTo(4.31);
  });
  it('jumps from just short of a range end over a sliver to the next range (a Period boundary)', () => {
    const boundary = new FakeTimeRanges([
      [172, 179.8],
      [180, 235.94],
    ]);
    expect(gapJumpTarget(boundary, 179.74, 0.5)).toBeCloseTo(180.01);
    expect(gapJumpTarget(boundary, 179.3, 0.5)).toBeUndefined();
  });
  it('does not jump where media is playable or the hole is too big', () => {
    expect(gapJumpTarget(ranges, 2, 0.5)).toBeUndefined();
    expect(gapJumpTarget(ranges, 10, 0.5)).toBeUndefined();
  });
});

describe('stallNudgeTarget', () => {
  const ranges = new FakeTimeRanges([[0, 10]]);
  it('nudges a playhead stuck for a second inside buffered media', () => {
    expect(stallNudgeTarget(ranges, 4, 1000)).toBeCloseTo(4.1);
  });
  it('waits a second, and leaves a playhead at the end of its media alone (that is a rebuffer)', () => {
    expect(stallNudgeTarget(ranges, 4, 750)).toBeUndefined();
    expect(stallNudgeTarget(ranges, 9.7, 5000)).toBeUndefined();
    expect(stallNudgeTarget(ranges, 12, 5000)).toBeUndefined();
  });
});
