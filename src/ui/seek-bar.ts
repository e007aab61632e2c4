/**
 * The seek bar of <sprint-controls>: a drawn track (buffered ranges and the
 * played part) under a transparent range input that does the seeking. Rendered
 * into the bar's shadow root; the range input's own look is in rangeStyles.
 */
import { css, html, type TemplateResult } from 'lit';
import { seekValueText, type PercentSpan } from './format.js';
import { accent, buffered as bufferedColour, track } from './theme.js';

export interface SeekBarModel {
  /** Where the bar stands, s: the playhead, or the value being dragged. */
  readonly position: number;
  /** Seconds; 0 while unknown (the input is disabled). */
  readonly duration: number;
  readonly buffered: readonly PercentSpan[];
  /** The user drags (the value is not committed yet). */
  readonly onInput: (value: number) => void;
  /** The user let go at `value`. */
  readonly onChange: (value: number) => void;
}

const inputValue = (e: Event): number => Number((e.target as HTMLInputElement).value);

export function renderSeekBar(m: SeekBarModel): TemplateResult {
  const { position, duration } = m;
  const playedPct = duration > 0 ? Math.min(100, (position / duration) * 100) : 0;
  return html`
    <div class="seek" part="seek">
      <div class="track" aria-hidden="true">
        ${m.buffered.map((s) => html`<div class="buffered" part="buffered" style="left:${s.left}%;width:${s.width}%"></div>`)}
        <div class="played" style="width:${playedPct}%"></div>
      </div>
      <input
        type="range"
        class="seek-input"
        part="seek-input"
        data-testid="seek"
        aria-label="Seek"
        min="0"
        max=${duration > 0 ? duration : 0}
        step="any"
        .value=${String(position)}
        aria-valuetext=${seekValueText(position, duration)}
        ?disabled=${!(duration > 0)}
        @input=${(e: Event) => m.onInput(inputValue(e))}
        @change=${(e: Event) => m.onChange(inputValue(e))}
      />
    </div>
  `;
}

export const seekBarStyles = css`
  .seek {
    position: relative;
    height: 28px;
    margin: 0 8px;
  }
  .track {
    position: absolute;
    left: 0;
    right: 0;
    top: 50%;
    height: 4px;
    margin-top: -2px;
    border-radius: 2px;
    background: ${track};
    overflow: hidden;
    transition: height 0.1s, margin-top 0.1s;
  }
  .seek:hover .track {
    height: 6px;
    margin-top: -3px;
  }
  .buffered,
  .played {
    position: absolute;
    top: 0;
    bottom: 0;
    left: 0;
  }
  .buffered {
    background: ${bufferedColour};
  }
  .played {
    background: ${accent};
  }
  .seek-input {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }
`;
