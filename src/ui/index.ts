/**
 * Sprint's web components. Importing this module registers <sprint-player>,
 * <sprint-controls>, <sprint-quality-menu> and <sprint-stats-overlay> (when
 * not already defined).
 */
export { SprintPlayerElement, defineSprintPlayer, type ErrorDisplay } from './sprint-player-element.js';
export { SprintControls, defineSprintControls, IDLE_MS } from './controls.js';
export { SprintStatsOverlay, defineSprintStatsOverlay } from './stats-overlay.js';
export { keyAction, SEEK_STEP_S, VOLUME_STEP, type KeyAction } from './keys.js';
export * as format from './format.js';
