/** Sprint's library entry: the player, its element and the plugin interfaces. */
export { SprintPlayer } from './player/sprint-player.js';
export type * from './player/types.js';
export { SprintError, isSprintError } from './errors.js';
export type { ErrorCategory, ErrorCode } from './errors.js';
export type { AbrController, AbrContext, AbrDecision, AbrFactory, LadderRung } from './abr/types.js';
export { BUILT_IN_ABR, resolveAbr, type AbrSpec } from './abr/registry.js';
export { ThroughputRule } from './abr/throughput-rule.js';
export { BbaRule } from './abr/bba.js';
export { BolaRule } from './abr/bola-rule.js';
export { RobustMpcRule } from './abr/robust-mpc.js';
export { DynamicRule } from './abr/dynamic-rule.js';
export * from './abr/qoe.js';
export type { DownloadScheduler, SchedulerState, SchedulerDecision } from './scheduler/types.js';
export { predictedFraction, downloadSizeFor, type NetworkState, type ModelParameters } from './model/throughput-model.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './net/retry.js';
export { parseMpd } from './manifest/parse-mpd.js';
export type * from './manifest/types.js';
export * from './ui/index.js';
