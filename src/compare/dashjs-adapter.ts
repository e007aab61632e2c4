/** dash.js v5 with its default settings behind the PlayerAdapter interface. */
import { MediaPlayer, type MediaPlayerClass } from 'dashjs';
import { dashjsAbrChoice } from './dashjs-abr.js';
import { startMutedPlayback, type PlayerAdapter } from './player-adapter.js';

export class DashjsAdapter implements PlayerAdapter {
  readonly name = 'dashjs' as const;
  readonly scheduler: string;
  private readonly player: MediaPlayerClass;
  private readonly errorTexts: string[] = [];

  constructor(readonly video: HTMLVideoElement) {
    this.player = MediaPlayer().create();
    this.scheduler = `dash.js ${this.player.getVersion()}`;
    this.player.on('error', (event: unknown) => this.errorTexts.push(describeDashjsError(event)));
  }

  setAbr(abr: string): string {
    const choice = dashjsAbrChoice(abr);
    if (choice.rules) this.player.updateSettings({ streaming: { abr: { rules: choice.rules } } });
    return choice.applied;
  }

  async load(url: string): Promise<void> {
    startMutedPlayback(this.video);
    this.player.initialize(this.video, url, true);
  }

  errors(): readonly string[] {
    return this.errorTexts;
  }

  async destroy(): Promise<void> {
    this.player.reset();
    this.player.destroy();
  }
}

function describeDashjsError(event: unknown): string {
  const error = (event as { error?: { code?: unknown; message?: unknown } }).error;
  return error ? `dash.js ${String(error.code)}: ${String(error.message)}` : `dash.js error: ${JSON.stringify(event)}`;
}
