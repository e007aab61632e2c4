/** Styles of <sprint-comparison>: a toolbar, a one-paragraph banner and a responsive grid of panes. */
import { css } from 'lit';

export const comparisonPageStyles = css`
  :host {
    display: block;
    color: #e8e8ee;
    font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 12px;
    margin-bottom: 8px;
  }
  label {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    color: #b4b4be;
  }
  button,
  select {
    min-height: 40px;
    padding: 0 14px;
    border-radius: 6px;
    border: 1px solid #3a3a46;
    background: #272731;
    color: #e8e8ee;
    font: inherit;
    cursor: pointer;
  }
  button.primary {
    background: #1f4f7a;
    border-color: #3e7fb8;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:focus-visible,
  select:focus-visible {
    outline: 2px solid #3ea6ff;
    outline-offset: 1px;
  }
  .turn {
    min-width: 24em;
    white-space: nowrap;
    color: #f2cc60;
    font-variant-numeric: tabular-nums;
  }
  .banner {
    margin: 0 0 12px;
    padding: 8px 12px;
    border-radius: 8px;
    background: #1b1b22;
    border-left: 3px solid #8b8b96;
    color: #c8c8d0;
    font-size: 13px;
  }
  .banner.lab {
    border-left-color: #f2cc60;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 440px), 1fr));
    gap: 12px;
  }
`;
