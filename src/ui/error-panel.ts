/**
 * The fatal-error panel of <sprint-player>: what it shows (ErrorDisplay, made
 * from whatever was thrown or reported) and how. Rendered straight into the
 * player's shadow root (data-testid="error", part="error").
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { isSprintError } from '../errors.js';
import { errorMessageBody } from './format.js';
import { errorAccent, errorBg, fg, fgMuted } from './theme.js';

/** What the error panel shows. */
export interface ErrorDisplay {
  readonly code: string;
  readonly message: string;
  readonly category: string | undefined;
  readonly error: unknown;
}

/** The panel's content for a SprintError, another Error, or anything else thrown. */
export function toErrorDisplay(e: unknown): ErrorDisplay {
  if (isSprintError(e)) {
    return { code: e.code, message: errorMessageBody(e.code, e.message), category: e.category, error: e };
  }
  if (e instanceof Error) {
    return { code: e.name || 'Error', message: e.message || 'Playback failed.', category: undefined, error: e };
  }
  return { code: 'Error', message: String(e ?? 'Playback failed.'), category: undefined, error: e };
}

/** The panel's content when the player failed without saying why: the video's MediaError, if any. */
export function mediaErrorDisplay(video: HTMLVideoElement): ErrorDisplay {
  const mediaError = video.error;
  return {
    code: mediaError ? `MEDIA_ERR_${mediaError.code}` : 'PLAYBACK_FAILED',
    message: mediaError?.message || 'Playback failed.',
    category: mediaError ? 'media' : undefined,
    error: mediaError,
  };
}

export function renderErrorPanel(err: ErrorDisplay | undefined): TemplateResult | typeof nothing {
  if (!err) return nothing;
  return html`
    <div class="error" part="error" data-testid="error" role="alert">
      <div class="error-box">
        <div class="error-title">Playback error${err.category ? html` <span class="error-category">· ${err.category}</span>` : nothing}</div>
        <code class="error-code" data-testid="error-code">${err.code}</code>
        <p class="error-message" data-testid="error-message">${err.message}</p>
      </div>
    </div>
  `;
}

export const errorPanelStyles = css`
  .error {
    position: absolute;
    inset: 0;
    z-index: 3;
    display: flex;
    align-items: center;
    justify-content: center;
    padding: 16px;
    background: ${errorBg};
    user-select: text;
    -webkit-user-select: text;
  }
  .error-box {
    max-width: 36em;
    text-align: center;
  }
  .error-title {
    font-size: 16px;
    font-weight: 600;
    margin-bottom: 6px;
  }
  .error-category {
    color: ${fgMuted};
    font-weight: 400;
  }
  .error-code {
    display: inline-block;
    padding: 2px 8px;
    border-radius: 4px;
    background: rgba(255, 255, 255, 0.08);
    color: ${errorAccent};
    font-size: 13px;
  }
  .error-message {
    margin: 8px 0 0;
    font-size: 14px;
    color: ${fg};
    overflow-wrap: anywhere;
  }
`;
