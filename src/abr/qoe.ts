/**
 * QoE accounting from per-segment records, pure. The linear QoE is the one
 * RobustMPC optimises and Pensieve reports (Yin et al., SIGCOMM 2015, eq. 5;
 * Mao, Netravali, Alizadeh, "Neural Adaptive Video Streaming with Pensieve",
 * SIGCOMM 2017, QoE_lin): per segment k
 *     QoE_k = R_k − 4.3 · rebuffer_k − 1 · |R_k − R_{k−1}|      (R in Mbit/s, rebuffer in s)
 * summed over the session and divided by minutes of media played. Startup
 * delay is reported beside it, not folded in.
 */

export interface QoeSegment {
  readonly bitrateBps: number;
  /** Seconds playback stalled waiting for this segment (0 when it was in time). */
  readonly rebufferS: number;
  /** Media seconds the segment holds. */
  readonly durationS: number;
  /** When it was requested, ms on the session clock; informational. */
  readonly atMs?: number;
}

export interface QoeWeights {
  /** Per second of rebuffering (μ). */
  readonly rebufferPenalty: number;
  /** Per Mbit/s of bitrate change between consecutive segments (λ). */
  readonly switchPenalty: number;
}

export const LINEAR_QOE: QoeWeights = { rebufferPenalty: 4.3, switchPenalty: 1 };

export interface QoeSummary {
  readonly segments: number;
  /** Media seconds covered by the segments. */
  readonly mediaS: number;
  readonly startupDelayS: number;
  /** Segments that had a stall attributed to them. */
  readonly rebufferCount: number;
  readonly rebufferS: number;
  /** Stalled time over stalled plus playing time. */
  readonly rebufferRatio: number;
  /** Consecutive segments whose bitrates differ. */
  readonly switches: number;
  /** Mean |ΔR| over consecutive pairs, Mbit/s. */
  readonly meanAbsSwitchMbps: number;
  /** Duration-weighted mean bitrate, Mbit/s. */
  readonly meanBitrateMbps: number;
  /** Σ QoE_k. */
  readonly qoe: number;
  /** Σ QoE_k per minute of media. */
  readonly qoePerMinute: number;
}

/** QoE_k for each segment, in order. */
export function perSegmentQoe(segments: readonly QoeSegment[], weights: QoeWeights = LINEAR_QOE): number[] {
  return segments.map((segment, k) => {
    const mbps = segment.bitrateBps / 1e6;
    const previous = segments[k - 1];
    const change = previous ? Math.abs(mbps - previous.bitrateBps / 1e6) : 0;
    return mbps - weights.rebufferPenalty * segment.rebufferS - weights.switchPenalty * change;
  });
}

export function summarizeQoe(segments: readonly QoeSegment[], startupDelayS: number, weights: QoeWeights = LINEAR_QOE): QoeSummary {
  const mediaS = sum(segments.map((s) => s.durationS));
  const rebufferS = sum(segments.map((s) => s.rebufferS));
  const changes = segments.slice(1).map((s, k) => Math.abs(s.bitrateBps - segments[k]!.bitrateBps) / 1e6);
  const qoe = sum(perSegmentQoe(segments, weights));
  return {
    segments: segments.length,
    mediaS,
    startupDelayS,
    rebufferCount: segments.filter((s) => s.rebufferS > 0).length,
    rebufferS,
    rebufferRatio: mediaS + rebufferS > 0 ? rebufferS / (mediaS + rebufferS) : 0,
    switches: changes.filter((c) => c > 0).length,
    meanAbsSwitchMbps: changes.length > 0 ? sum(changes) / changes.length : 0,
    meanBitrateMbps: mediaS > 0 ? sum(segments.map((s) => (s.bitrateBps / 1e6) * s.durationS)) / mediaS : 0,
    qoe,
    qoePerMinute: mediaS > 0 ? qoe / (mediaS / 60) : 0,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
