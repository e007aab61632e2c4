/** Styles of <sprint-player>'s frame: the box, the video and where the bar and overlay sit. */
import { css } from 'lit';
import { accent, bg, fg, font } from './theme.js';

export const playerStyles = css`
  :host {
    display: block;
    position: relative;
    aspect-ratio: 16 / 9;
    width: 100%;
    background: ${bg};
    color: ${fg};
    font-family: ${font};
    overflow: hidden;
    outline: none;
    user-select: none;
    -webkit-user-select: none;
  }
  :host([hidden]) {
    display: none;
  }
  :host(:focus-visible) {
    box-shadow: inset 0 0 0 2px ${accent};
  }
  :host(:fullscreen) {
    aspect-ratio: auto;
    width: 100%;
    height: 100%;
  }
  .frame {
    position: absolute;
    inset: 0;
  }
  .frame:has(sprint-controls[idle]) {
    cursor: none;
  }
  video {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: contain;
    background: ${bg};
  }
  .controls {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 0;
    z-index: 4;
  }
  .stats {
    position: absolute;
    top: 8px;
    left: 8px;
    z-index: 2;
    /* Stay clear of the controls bar. */
    max-height: calc(100% - 88px);
  }
`;
