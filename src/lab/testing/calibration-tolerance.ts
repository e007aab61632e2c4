/**
 * How closely a test may hold a calibration to its configured link. The delay
 * line runs at SCHED_FIFO, but a host that preempts the VM's vCPUs still
 * releases packets late (1.1-25% of packets >1 ms late in one session's
 * calibrations with nothing else running, 0.07% in others); RTT, queue delay
 * and goodput then drift with the lateness. So: tight bounds when the delay
 * line was punctual by its own measure, gross ones when it was starved, and the
 * lab must then have said so in its warnings.
 */
import { judgeLateness, LATE_FRACTION_LIMIT, type DelayLineStats } from '../delay-stats.js';

export interface CalibrationTolerance {
  /** More than LATE_FRACTION_LIMIT of packets left the delay line >1 ms late. */
  readonly starved: boolean;
  readonly lateFraction: number;
  /** Allowed relative error of goodput against the expected goodput. */
  readonly goodput: number;
  /** Allowed excess of the idle RTT over the configured one, ms (late packets only add delay). */
  readonly rttOverMs: number;
  /** Allowed extra queue delay on top of the configured queue's, ms. */
  readonly queueDelayOverMs: number;
}

/** `calibration`: a Calibration, or the parts of one this needs. */
export function calibrationTolerance(calibration: { readonly delayLine?: DelayLineStats; readonly configured: { readonly rttMs: number } }): CalibrationTolerance {
  const lateFraction = calibration.delayLine ? judgeLateness(calibration.delayLine).lateFraction : 0;
  const starved = lateFraction > LATE_FRACTION_LIMIT;
  const rttMs = calibration.configured.rttMs;
  return {
    starved,
    lateFraction,
    goodput: starved ? 0.25 : 0.1,
    rttOverMs: starved ? Math.max(10, 0.25 * rttMs) : Math.max(4, 0.1 * rttMs),
    queueDelayOverMs: starved ? 30 : 0,
  };
}
