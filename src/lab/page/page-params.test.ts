import { describe, expect, it } from 'vitest';
import { parsePageParams, playerPageQuery, probePageQuery } from './page-params.js';

describe('lab page params', () => {
  it('round-trips a player run', () => {
    const params = { player: 'dashjs', abr: 'bola', src: '/media/lab/manifest.mpd', durationS: 40 } as const;
    expect(parsePageParams(`?${playerPageQuery(params)}`)).toEqual({ mode: 'player', ...params });
  });

  it('round-trips a max buffer, and leaves it out when not given', () => {
    const params = { player: 'sprint', abr: 'dynamic', src: '/media/lab/manifest.mpd', durationS: 150, maxBufferS: 30 } as const;
    expect(parsePageParams(`?${playerPageQuery(params)}`)).toEqual({ mode: 'player', ...params });
    expect(playerPageQuery({ player: 'sprint', abr: 'dynamic', src: '/x.mpd', durationS: 10 })).not.toContain('maxBuffer');
    expect(() => parsePageParams('?maxBuffer=0')).toThrow(/maxBuffer/);
  });

  it('defaults to sprint, dynamic ABR, the lab media and 90 s', () => {
    expect(parsePageParams('')).toEqual({ mode: 'player', player: 'sprint', abr: 'dynamic', src: '/media/lab/manifest.mpd', durationS: 90 });
  });

  it('rejects unknown players and bad durations', () => {
    expect(() => parsePageParams('?player=vlc')).toThrow(/unknown player/);
    expect(() => parsePageParams('?duration=-1')).toThrow(/duration/);
  });

  it('round-trips a probe run and spreads one period over all sizes', () => {
    const params = { sizes: [250_000, 2_000_000], periodsS: [2, 16], count: 5, base: '/media/lab-probe/' };
    expect(parsePageParams(`?${probePageQuery(params)}`)).toEqual({ mode: 'probe', ...params });
    expect(parsePageParams('?mode=probe&sizes=1000,2000&period=3')).toMatchObject({ periodsS: [3, 3], count: 8 });
    expect(() => parsePageParams('?mode=probe&sizes=1000,2000&period=1,2,3')).toThrow(/period/);
  });
});
