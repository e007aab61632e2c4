/** Shaka Player (DASH build) with its default configuration behind the PlayerAdapter interface. */
import shaka from 'shaka-player/dist/shaka-player.dash.js';
import { startMutedPlayback, type PlayerAdapter } from './player-adapter.js';

export class ShakaAdapter implements PlayerAdapter {
  readonly name = 'shaka' as const;
  readonly scheduler = `Shaka ${shaka.Player.version}`;
  private readonly player: shaka.Player;
  private readonly errorTexts: string[] = [];

  constructor(readonly video: HTMLVideoElement) {
    shaka.polyfill.installAll();
    this.player = new shaka.Player();
    this.player.addEventListener('error', (event) => this.errorTexts.push(describeShakaError(event)));
  }

  async load(url: string): Promise<void> {
    startMutedPlayback(this.video);
    try {
      await this.player.attach(this.video);
      await this.player.load(url);
    } catch (error) {
      this.errorTexts.push(describeShakaError({ detail: error }));
    }
    startMutedPlayback(this.video);
  }

  errors(): readonly string[] {
    return this.errorTexts;
  }

  async destroy(): Promise<void> {
    await this.player.destroy();
  }
}

function describeShakaError(event: unknown): string {
  const detail = (event as { detail?: { code?: unknown; message?: unknown } }).detail;
  return detail ? `Shaka ${String(detail.code)}${detail.message ? `: ${String(detail.message)}` : ''}` : 'Shaka error';
}
