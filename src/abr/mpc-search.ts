/**
 * The look-ahead of MPC (Yin, Jindal, Sekar, Sinopoli, "A Control-Theoretic
 * Approach for Dynamic Adaptive Video Streaming over HTTP", SIGCOMM 2015,
 * §4): try every sequence of levels for the next `horizon` segments under a
 * constant throughput prediction, simulate the buffer, score each with the
 * linear QoE, and return the first level of the best sequence.
 *
 * Per segment k at bitrate R_k (Mbit/s):
 *     download_k = rtt + bytes_k · 8 / predicted
 *     rebuffer_k = max(0, download_k − buffer);  buffer ← max(0, buffer − download_k) + duration
 *     QoE_k      = R_k − μ · rebuffer_k − λ · |R_k − R_{k−1}|
 * with λ = 1 and μ = 4.3 (the linear QoE of Mao et al., Pensieve, SIGCOMM 2017,
 * which also ships the reference robustMPC). The buffer is capped at the
 * target, as the scheduler idles there. Sizes are the context's real sizes
 * when known, else bitrate × duration. The RTT term is Sprint's addition:
 * samples measure first to last byte, so each request also pays one RTT.
 * A horizon of 5 over 5 rungs is 3,125 sequences; larger ladders are pruned
 * to the `maxSequences`^(1/horizon) rungs nearest the sustainable one, plus
 * the lowest.
 */

export interface MpcWeights {
  /** λ: penalty per Mbit/s of bitrate change. */
  readonly switchPenalty: number;
  /** μ: penalty per second of rebuffering. */
  readonly rebufferPenalty: number;
}

export const LINEAR_QOE_WEIGHTS: MpcWeights = { switchPenalty: 1, rebufferPenalty: 4.3 };

export interface MpcProblem {
  /** Bits/s per level, lowest first. */
  readonly bitrates: readonly number[];
  /** Bytes of look-ahead segment k at `level`. */
  readonly segmentBytes: (level: number, k: number) => number;
  readonly segmentDurationS: number;
  readonly horizon: number;
  readonly bufferS: number;
  readonly bufferCapS: number;
  readonly previousLevel: number | undefined;
  readonly predictedBps: number;
  readonly rttS: number;
  readonly weights: MpcWeights;
  readonly maxSequences: number;
}

export interface MpcPlan {
  readonly level: number;
  /** The best sequence, first element is `level`. */
  readonly sequence: readonly number[];
  readonly qoe: number;
  readonly rebufferS: number;
}

/** Levels worth enumerating: all of them when the budget allows. */
export function mpcCandidates(problem: MpcProblem): readonly number[] {
  const count = problem.bitrates.length;
  const all = Array.from({ length: count }, (_, i) => i);
  if (problem.horizon <= 0 || count ** problem.horizon <= problem.maxSequences) return all;
  const keep = Math.max(2, Math.floor(problem.maxSequences ** (1 / problem.horizon)));
  let sustainable = 0;
  for (let i = 0; i < count; i++) if (problem.bitrates[i]! <= problem.predictedBps) sustainable = i;
  const nearest = [...all].sort((a, b) => Math.abs(a - sustainable) - Math.abs(b - sustainable) || a - b).slice(0, keep - 1);
  return [...new Set([0, ...nearest])].sort((a, b) => a - b);
}

export function mpcPlan(problem: MpcProblem): MpcPlan {
  const { bitrates, segmentDurationS, weights } = problem;
  const horizon = Math.max(1, problem.horizon);
  const candidates = mpcCandidates(problem);
  const sequence: number[] = new Array<number>(horizon).fill(0);
  let best: MpcPlan = { level: candidates[0] ?? 0, sequence: [candidates[0] ?? 0], qoe: -Infinity, rebufferS: Infinity };

  const visit = (k: number, bufferS: number, previous: number | undefined, qoe: number, rebufferS: number): void => {
    if (k === horizon) {
      if (qoe > best.qoe) best = { level: sequence[0]!, sequence: [...sequence], qoe, rebufferS };
      return;
    }
    for (const level of candidates) {
      const downloadS = problem.rttS + (problem.segmentBytes(level, k) * 8) / problem.predictedBps;
      const stallS = Math.max(0, downloadS - bufferS);
      const nextBuffer = Math.min(problem.bufferCapS, Math.max(0, bufferS - downloadS) + segmentDurationS);
      const mbps = bitrates[level]! / 1e6;
      const change = previous === undefined ? 0 : Math.abs(mbps - bitrates[previous]! / 1e6);
      sequence[k] = level;
      visit(k + 1, nextBuffer, level, qoe + mbps - weights.rebufferPenalty * stallS - weights.switchPenalty * change, rebufferS + stallS);
    }
  };
  visit(0, problem.bufferS, problem.previousLevel, 0, 0);
  return best;
}
