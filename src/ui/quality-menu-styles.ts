/** Styles of <sprint-quality-menu> (its button also takes buttonStyles from controls-styles.ts). */
import { css } from 'lit';
import { accent, fgMuted, hit, menuBg } from './theme.js';

export const qualityMenuStyles = css`
  /* No box of its own: the .quality wrapper is the item in the bar's row. */
  :host {
    display: contents;
  }
  .quality {
    position: relative;
  }
  .label {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .menu {
    position: absolute;
    right: 0;
    bottom: calc(100% + 6px);
    min-width: 200px;
    /* The max-height (and the inline one from _roomAboveButton) includes the padding. */
    box-sizing: border-box;
    max-height: 60vh;
    overflow-y: auto;
    padding: 6px 0;
    border-radius: 8px;
    background: ${menuBg};
    box-shadow: 0 8px 24px rgba(0, 0, 0, 0.5);
    z-index: 2;
  }
  .item {
    all: unset;
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: 8px;
    width: 100%;
    min-height: ${hit};
    padding: 0 14px 0 8px;
    cursor: pointer;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .item:focus-visible {
    outline: 2px solid ${accent};
    outline-offset: 1px;
  }
  .item:hover,
  .item:focus-visible {
    background: rgba(255, 255, 255, 0.1);
  }
  .item[aria-checked='true'] {
    color: ${accent};
  }
  .check {
    width: 16px;
    text-align: center;
  }
  .name {
    flex: 1;
  }
  .note {
    color: ${fgMuted};
  }
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: ${accent};
  }

  /* The bar (<sprint-controls>) is the size container. */
  @container (max-width: 480px) {
    .label {
      display: none;
    }
  }
`;
