/** Our SprintPlayer behind the PlayerAdapter interface: 'sprint', 'sprint-serial' and 'sequential' differ only in the scheduler. */
import { SprintPlayer } from '../player/sprint-player.js';
import type { PlayerStats } from '../player/types.js';
import { startMutedPlayback, type OurPlayerName, type PlayerAdapter } from './player-adapter.js';

export class SprintAdapter implements PlayerAdapter {
  readonly scheduler: string;
  private readonly player: SprintPlayer;
  private readonly errorTexts: string[] = [];
  private latest: PlayerStats | undefined;
  private readonly subscription: { unsubscribe(): void };

  constructor(
    readonly name: OurPlayerName,
    readonly video: HTMLVideoElement,
  ) {
    this.scheduler = name;
    this.player = new SprintPlayer(video, { scheduler: name });
    this.player.on('error', (error) => this.errorTexts.push(`${error.code}: ${error.message}`));
    this.subscription = this.player.stats$.subscribe((stats) => (this.latest = stats));
  }

  async load(url: string): Promise<void> {
    startMutedPlayback(this.video);
    await this.player.load(url);
    startMutedPlayback(this.video);
  }

  setMaxBufferS(seconds: number): number {
    // The buffer target may not exceed the cap: lower it with the cap.
    this.player.configure({ maxBufferS: seconds, bufferTargetS: Math.min(seconds, this.player.getConfig().bufferTargetS) });
    return seconds;
  }

  setAbr(abr: string): string {
    this.player.configure({ abr });
    return abr;
  }

  sprintStats(): PlayerStats | undefined {
    return this.latest;
  }

  errors(): readonly string[] {
    return this.errorTexts;
  }

  async destroy(): Promise<void> {
    this.subscription.unsubscribe();
    await this.player.destroy();
  }
}
