/** Styles of <sprint-controls>, and the button look it shares with <sprint-quality-menu>. */
import { css } from 'lit';
import { accent, controlsBg, fg, fgMuted, font, hit, track } from './theme.js';

/** Icon buttons of the bar (and the quality menu's button). */
export const buttonStyles = css`
  .btn {
    all: unset;
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-width: ${hit};
    height: ${hit};
    padding: 0 8px;
    border-radius: 6px;
    color: inherit;
    cursor: pointer;
    touch-action: manipulation;
  }
  .btn:hover {
    background: rgba(255, 255, 255, 0.1);
  }
  .btn:focus-visible {
    outline: 2px solid ${accent};
    outline-offset: 1px;
  }
  .icon {
    width: 24px;
    height: 24px;
    flex: none;
  }
`;

/** Range inputs (seek bar and volume): a 4px track with a 14px thumb centred on it. */
export const rangeStyles = css`
  input[type='range'] {
    -webkit-appearance: none;
    appearance: none;
    background: transparent;
    margin: 0;
    padding: 0;
    cursor: pointer;
    touch-action: none;
  }
  input[type='range']:disabled {
    cursor: default;
  }
  /* The track is transparent here: the seek bar draws its own, the volume slider fills it below. */
  input[type='range']::-webkit-slider-runnable-track {
    height: 4px;
    border-radius: 2px;
    background: transparent;
  }
  input[type='range']::-moz-range-track {
    height: 4px;
    border-radius: 2px;
    background: transparent;
  }
  input[type='range']::-webkit-slider-thumb {
    -webkit-appearance: none;
    appearance: none;
    width: 14px;
    height: 14px;
    margin-top: -5px;
    border: none;
    border-radius: 50%;
    background: ${accent};
  }
  input[type='range']::-moz-range-thumb {
    width: 14px;
    height: 14px;
    border: none;
    border-radius: 50%;
    background: ${accent};
  }
  input[type='range']:disabled::-webkit-slider-thumb {
    visibility: hidden;
  }
  input[type='range']:disabled::-moz-range-thumb {
    visibility: hidden;
  }
`;

/** The bar itself: layout, time read-out, volume slider. Comes after rangeStyles. */
export const controlsStyles = css`
  :host {
    display: block;
    color: ${fg};
    font-family: ${font};
    font-size: 14px;
    transition: opacity 0.25s ease;
    container-type: inline-size;
    -webkit-tap-highlight-color: transparent;
  }
  /* Still hit-testable while hidden: a mouse click works at once (the pointer
     movement shows the bar anyway); a first tap only reveals (see auto-hide.ts). */
  :host([idle]) {
    opacity: 0;
  }
  .bar {
    background: linear-gradient(to top, ${controlsBg} 65%, transparent);
    padding: 10px 8px 4px;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 2px;
    min-height: ${hit};
  }
  .spacer {
    flex: 1;
  }
  input:focus-visible {
    outline: 2px solid ${accent};
    outline-offset: 1px;
  }
  .time {
    padding: 0 8px;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
    color: ${fgMuted};
  }

  .volume-group {
    display: flex;
    align-items: center;
  }
  .volume {
    width: 80px;
    height: ${hit};
  }
  input.volume::-webkit-slider-runnable-track {
    background: linear-gradient(to right, ${fg} var(--fill, 100%), ${track} var(--fill, 100%));
  }
  input.volume::-moz-range-track {
    background: linear-gradient(to right, ${fg} var(--fill, 100%), ${track} var(--fill, 100%));
  }

  /* The quality menu hides its button's text at 480px (quality-menu-styles.ts). */
  @container (max-width: 480px) {
    .volume {
      display: none;
    }
  }
  @container (max-width: 340px) {
    .time {
      display: none;
    }
  }
`;
