/** Styles of <sprint-compare-pane>: fixed rows and aspect ratios, so values arriving never move anything. */
import { css } from 'lit';

export const comparePaneStyles = css`
  :host {
    display: block;
    min-width: 0;
    color: #e8e8ee;
    font: 13px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    contain: content;
  }
  .pane {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: 10px 12px 12px;
    border-radius: 10px;
    background: #1b1b22;
    border: 1px solid #2c2c36;
  }
  header {
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 44px;
  }
  h2 {
    margin: 0;
    font-size: 15px;
    font-weight: 600;
    white-space: nowrap;
  }
  .spacer {
    flex: 1;
  }
  .status {
    padding: 1px 8px;
    border-radius: 999px;
    background: #2c2c36;
    color: #b4b4be;
    font-size: 11.5px;
  }
  .status[data-status='playing'] {
    background: #1f4d2e;
    color: #9be9a8;
  }
  .status[data-status='loading'] {
    background: #4d431f;
    color: #f2cc60;
  }
  .status[data-status='error'] {
    background: #5a1f24;
    color: #ff9b9b;
  }
  button,
  select {
    min-height: 36px;
    padding: 0 12px;
    border-radius: 6px;
    border: 1px solid #3a3a46;
    background: #272731;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  button:disabled,
  select:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:focus-visible,
  select:focus-visible {
    outline: 2px solid #3ea6ff;
    outline-offset: 1px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  /* Video beside the numbers when the pane is wide enough, above them otherwise. */
  .pane {
    container-type: inline-size;
  }
  .top {
    display: grid;
    grid-template-columns: 1fr;
    gap: 8px;
  }
  @container (min-width: 560px) {
    .top {
      grid-template-columns: minmax(0, 0.9fr) minmax(0, 1.1fr);
      align-items: start;
    }
  }
  .side {
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-width: 0;
  }
  .video-box {
    position: relative;
    aspect-ratio: 16 / 9;
    background: #000;
    border-radius: 6px;
    overflow: hidden;
  }
  video {
    display: block;
    width: 100%;
    height: 100%;
  }
  .errors {
    position: absolute;
    inset: auto 6px 6px 6px;
    max-height: 50%;
    overflow: auto;
    padding: 6px 8px;
    border-radius: 6px;
    background: rgba(40, 8, 12, 0.9);
    color: #ffb4b4;
    font-size: 12px;
    white-space: pre-wrap;
  }
  .scheduler,
  .runs {
    margin: 0;
    color: #b4b4be;
    font-size: 12px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .runs {
    height: 2.8em;
    white-space: normal;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
  }
  .muted {
    color: #8b8b96;
  }
  .numbers {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 2px 10px;
    margin: 0;
  }
  .cell {
    display: flex;
    justify-content: space-between;
    gap: 6px;
    min-width: 0;
  }
  dt {
    color: #8b8b96;
    white-space: nowrap;
  }
  dd {
    margin: 0;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    font-variant-numeric: tabular-nums;
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 12px;
  }
  .cell.fraction dd {
    color: #f2cc60;
    font-weight: 700;
  }
  .figure {
    margin: 0;
  }
  figcaption,
  .legend {
    display: flex;
    flex-wrap: nowrap;
    gap: 10px;
    overflow: hidden;
    color: #8b8b96;
    font-size: 11px;
    white-space: nowrap;
  }
  .scale {
    margin-left: auto;
    font-variant-numeric: tabular-nums;
  }
  .chart {
    display: block;
    width: 100%;
    height: auto;
    aspect-ratio: 600 / 110;
    background: rgba(255, 255, 255, 0.04);
    border-radius: 4px;
  }
  .chart[data-testid$='-sizes'] {
    aspect-ratio: 600 / 28;
    margin-top: 2px;
  }
  .chart[data-testid$='-waterfall'] {
    aspect-ratio: 600 / 84;
  }
  .grid {
    stroke: rgba(255, 255, 255, 0.1);
    stroke-width: 1;
    vector-effect: non-scaling-stroke;
  }
  .dot {
    fill: #7ee787;
  }
  .run {
    stroke: #c46be0;
    stroke-width: 3;
    vector-effect: non-scaling-stroke;
  }
  .estimate {
    fill: none;
    stroke: #3ea6ff;
    stroke-width: 2;
    vector-effect: non-scaling-stroke;
  }
  .fair {
    fill: none;
    stroke: #f2cc60;
    stroke-width: 2;
    stroke-dasharray: 6 4;
    vector-effect: non-scaling-stroke;
  }
  .size {
    fill: #7ee787;
    opacity: 0.7;
  }
  .key {
    display: inline-block;
    width: 12px;
    height: 0;
    margin-right: 4px;
    vertical-align: middle;
    border-top: 2px solid;
  }
  .key.dot {
    width: 7px;
    height: 7px;
    border: none;
    border-radius: 50%;
    background: #7ee787;
  }
  .key.run {
    border-top-width: 3px;
    border-color: #c46be0;
  }
  .key.estimate {
    border-color: #3ea6ff;
  }
  .key.fair {
    border-top-style: dashed;
    border-color: #f2cc60;
  }
  .swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    margin-right: 3px;
    vertical-align: middle;
    border-radius: 2px;
  }
`;
