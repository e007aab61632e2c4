/** Sprint's library entry: the player, its element and the plugin interfaces. */
export { SprintPlayer } from './player/sprint-player.js';
export type * from './player/types.js';
export { SprintError, isSprintError } from './errors.js';
export type { ErrorCategory, ErrorCode } from './errors.js';
export type { AbrController, AbrContext, AbrDecision, AbrFactory, LadderRung } from './abr/types.js';
export { BUILT_IN_ABR } from './abr/registry.js';
export type { DownloadScheduler, SchedulerState, SchedulerDecision } from './scheduler/types.js';
export { parseMpd } from './manifest/parse-mpd.js';
export type * from './manifest/types.js';
export * from './ui/index.js';
