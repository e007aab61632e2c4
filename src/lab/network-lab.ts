/** Public API of the network half of the lab; the runner imports from here. */
export { createLab, type Lab } from './lab.js';
export { DEFAULT_LAB_OPTIONS, resolveLabOptions, type CongestionControl, type DelayBackendChoice, type DelayBackendKind, type LabOptions } from './options.js';
export { formatCalibration, type Calibration, type ConfiguredLink } from './calibrate.js';
export { BulkFlow, Competitors, type ThroughputSample } from './competitors.js';
export {
  diffDelayLineStats, formatDelayLineStats, judgeLateness, LATENESS_BUCKET_UPPER_US, LATE_FRACTION_LIMIT,
  type DelayDirectionStats, type DelayLineStats, type LatenessVerdict,
} from './delay-stats.js';
export type { DelayBackend, DelayLink, DelayLinkSpec } from './delay-backend.js';
export { writeChromiumWrapper } from './chromium-wrapper.js';
export { runInNamespace, spawnInNamespace, CommandError, type RunResult, type SpawnInNamespaceOptions } from './exec.js';
export { LAB_ADDRESSES, LAB_DEVICES, type LabAddresses, type LabNamespaces } from './topology.js';
export { labHostProblem } from './preflight.js';
export { removeStaleLabs } from './cleanup.js';
export { LAB_STATE_DIR } from './run-state.js';
export { bdpBytes, htbBurstBytes, queueLimitBytes, LAB_MTU } from './link-math.js';
export type { ShaperCounters, ShaperPlan } from './shaper.js';
export type { TcpConnectionInfo } from './tcp-info.js';
export type { RttSummary } from './rtt-probe.js';
