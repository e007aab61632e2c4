/**
 * Colours and sizes as CSS custom properties with defaults, shared by the
 * three components. Set any of them on <sprint-player> (or an ancestor):
 *
 *   --sprint-accent            played part of the seek bar, focus rings, active items
 *   --sprint-fg                text and icons
 *   --sprint-fg-muted          secondary text
 *   --sprint-bg                behind the video (letterbox)
 *   --sprint-controls-bg       the controls bar
 *   --sprint-menu-bg           the quality menu
 *   --sprint-track             unplayed, unbuffered seek track
 *   --sprint-buffered          buffered ranges on the seek track
 *   --sprint-overlay-bg        stats overlay background
 *   --sprint-error-bg          fatal error panel
 *   --sprint-error-accent      fatal error code
 *   --sprint-chart-sample      per-download dots in the stats chart
 *   --sprint-chart-estimate    throughput estimate line
 *   --sprint-chart-fair        fair-share dashed line
 *   --sprint-chart-run         Sprint runs (segments at their throughput)
 *   --sprint-font              font family
 *   --sprint-hit               minimum size of a touch target (default 44px)
 */
import { css } from 'lit';

export const accent = css`var(--sprint-accent, #3ea6ff)`;
export const fg = css`var(--sprint-fg, #f5f5f7)`;
export const fgMuted = css`var(--sprint-fg-muted, #b4b4be)`;
export const bg = css`var(--sprint-bg, #000)`;
export const controlsBg = css`var(--sprint-controls-bg, rgba(14, 14, 18, 0.86))`;
export const menuBg = css`var(--sprint-menu-bg, rgba(24, 24, 30, 0.97))`;
export const track = css`var(--sprint-track, rgba(255, 255, 255, 0.22))`;
export const buffered = css`var(--sprint-buffered, rgba(255, 255, 255, 0.45))`;
export const overlayBg = css`var(--sprint-overlay-bg, rgba(0, 0, 0, 0.68))`;
export const errorBg = css`var(--sprint-error-bg, rgba(20, 6, 8, 0.92))`;
export const errorAccent = css`var(--sprint-error-accent, #ff6b6b)`;
export const chartSample = css`var(--sprint-chart-sample, #7ee787)`;
export const chartEstimate = css`var(--sprint-chart-estimate, #3ea6ff)`;
export const chartFair = css`var(--sprint-chart-fair, #f2cc60)`;
export const chartRun = css`var(--sprint-chart-run, #c46be0)`;
export const font = css`var(--sprint-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif)`;
export const hit = css`var(--sprint-hit, 44px)`;
