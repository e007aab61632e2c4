/**
 * One interface over the players we compare, UI-free, so the lab page and the
 * side-by-side demo drive them alike. Each library is imported only when its
 * adapter is created, so a page pays for the players it uses.
 */
import type { PlayerStats } from '../player/types.js';

export const PLAYER_NAMES = ['sprint', 'sequential', 'dashjs', 'shaka'] as const;
/** Variants the lab can run by name but the demo does not show by default. */
export const EXPERIMENTAL_PLAYER_NAMES = ['sprint-serial'] as const;
export type PlayerName = (typeof PLAYER_NAMES)[number] | (typeof EXPERIMENTAL_PLAYER_NAMES)[number];

/** Our SprintPlayer under its schedulers (src/compare/sprint-adapter.ts); the others are libraries. */
export type OurPlayerName = Extract<PlayerName, 'sprint' | 'sprint-serial' | 'sequential'>;

export function isOurPlayer(name: PlayerName): name is OurPlayerName {
  return name === 'sprint' || name === 'sprint-serial' || name === 'sequential';
}

export function isPlayerName(value: string): value is PlayerName {
  return (PLAYER_NAMES as readonly string[]).includes(value) || (EXPERIMENTAL_PLAYER_NAMES as readonly string[]).includes(value);
}

export interface PlayerAdapter {
  readonly name: PlayerName;
  readonly video: HTMLVideoElement;
  /** What decides when to download: our scheduler's name, or the library and its version. */
  readonly scheduler: string;
  /** Starts loading and playing `url` (the video should be muted for autoplay). */
  load(url: string): Promise<void>;
  destroy(): Promise<void>;
  /**
   * Asks for an ABR by one of our names (throughput, bola, dynamic, ...); returns
   * what the player actually runs, since not every player has every rule.
   */
  setAbr?(abr: string): string;
  /** Sets the largest buffer ahead, s; returns the value applied. Only our player has one setting for it. */
  setMaxBufferS?(seconds: number): number;
  /** Our player's own stats (runs, predicted fraction, fair share); undefined for others. */
  sprintStats?(): PlayerStats | undefined;
  /** Errors the player reported, as text. */
  errors(): readonly string[];
}

/** Creates the adapter for `name` around `video`. */
export async function createPlayerAdapter(name: PlayerName, video: HTMLVideoElement): Promise<PlayerAdapter> {
  switch (name) {
    case 'sprint':
    case 'sprint-serial':
    case 'sequential': {
      const { SprintAdapter } = await import('./sprint-adapter.js');
      return new SprintAdapter(name, video);
    }
    case 'dashjs': {
      const { DashjsAdapter } = await import('./dashjs-adapter.js');
      return new DashjsAdapter(video);
    }
    case 'shaka': {
      const { ShakaAdapter } = await import('./shaka-adapter.js');
      return new ShakaAdapter(video);
    }
  }
}

/** Autoplay policy allows muted playback; every adapter calls this after load. */
export function startMutedPlayback(video: HTMLVideoElement): void {
  video.muted = true;
  video.autoplay = true;
  void video.play().catch(() => undefined);
}
