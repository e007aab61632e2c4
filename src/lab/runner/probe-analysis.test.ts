import { describe, expect, it } from 'vitest';
import { downloadSizeFor, predictedFraction } from '../../model/throughput-model.js';
import type { ProbeDownload } from '../page/lab-result.js';
import { analyzeProbe, modelProbeBytes, probeNetworkState, restartsWindow } from './probe-analysis.js';

const network = { fairShareMbps: 9.6, baseRttMs: 40.8, loadedRttMs: 65, competitors: 1 };

function download(bytes: number, index: number, ms: number, idleBeforeMs: number | undefined, periodS = 2): ProbeDownload {
  const start = 1000 + index * 10_000;
  return {
    bytes, periodS, index, url: `/media/lab-probe/${bytes}.bin?${index}`, startTime: start - 1, requestStart: start,
    responseStart: start + 50, responseEnd: start + ms, encodedBodySize: bytes, protocol: 'h2', idleBeforeMs,
  };
}

describe('probe analysis', () => {
  it('computes the aggregate fraction of fair share per size', () => {
    // 250 kB in 500 ms and 1000 ms: 500 kB in 1.5 s = 2.667 Mbit/s of 9.6.
    const [result] = analyzeProbe([download(250_000, 0, 500, undefined), download(250_000, 1, 1000, 1500)], network, 0);
    expect(result?.count).toBe(2);
    expect(result?.measuredFraction).toBeCloseTo((500_000 * 8) / 1.5 / 9.6e6, 6);
    expect(result?.fractions[0]).toBeCloseTo((250_000 * 8) / 0.5 / 9.6e6, 6);
    expect(result?.idleRestartShare).toBe(1);
    expect(result?.predictedFraction).toBeCloseTo(predictedFraction(250_000, probeNetworkState(network, true)), 10);
  });

  it('separates sizes and treats short idles as no restart', () => {
    const results = analyzeProbe([download(1000, 0, 10, 5, 0), download(2000, 1, 10, 5, 0)], network, 3);
    expect(results.map((r) => [r.bytes, r.cell])).toEqual([[1000, 3], [2000, 3]]);
    expect(restartsWindow(download(1000, 0, 10, 100, 0), network)).toBe(false);
    expect(restartsWindow(download(1000, 0, 10, 400, 0), network)).toBe(true);
    expect(results[0]?.predictedFraction).toBeCloseTo(predictedFraction(1000, probeNetworkState(network, false)), 10);
  });

  it('sizes the model probe at the model\'s pick for the target, rounded up to 10 kB', () => {
    const exact = downloadSizeFor(0.9, probeNetworkState(network, true));
    const bytes = modelProbeBytes(0.9, network);
    expect(bytes).not.toBeNull();
    expect(bytes! % 10_000).toBe(0);
    expect(bytes!).toBeGreaterThanOrEqual(exact);
    expect(bytes! - exact).toBeLessThan(10_000);
    expect(predictedFraction(bytes!, probeNetworkState(network, true))).toBeGreaterThanOrEqual(0.9);
    expect(modelProbeBytes(0.5, network)!).toBeLessThan(bytes!);
  });

  it('marks no size as model-picked by default', () => {
    const [result] = analyzeProbe([download(250_000, 0, 500, undefined)], network, 0);
    expect(result?.modelTarget).toBeNull();
  });
});
