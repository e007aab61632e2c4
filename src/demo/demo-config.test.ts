import { describe, expect, it } from 'vitest';
import { fairShareBpsFor, fairShareSource, mediaOriginFor, parseDemoParams, type DemoServerConfig } from './demo-config.js';

const config: DemoServerConfig = {
  version: 1,
  mediaPorts: { sprint: { https: 8444, http: 8081 }, dashjs: { https: 8446 } },
  streams: [],
  defaultSrc: '/media/number/manifest.mpd',
  lab: {
    runId: 'ab12cd', rateMbps: 20, rttMs: 40, queueBdp: 1, queueBytes: 100_000, jitterMs: 1, competitors: 1,
    congestionControl: 'cubic', goodputMbps: 19.2, idleRttMs: 41, path: 'relay',
  },
};

describe('comparison page configuration', () => {
  it('reads players, ABR, fair share and turns from the query', () => {
    expect(parseDemoParams('')).toMatchObject({ players: ['sprint', 'sequential', 'dashjs', 'shaka'], abr: undefined, turnS: 60, settleS: undefined });
    expect(parseDemoParams('?players=dashjs,sprint&abr=bola&fairShareMbps=9.6&turnS=30&settleS=0&autostart=turns')).toEqual({
      players: ['dashjs', 'sprint'], abr: 'bola', src: undefined, fairShareMbps: 9.6, turnS: 30, settleS: 0, autostart: 'turns',
    });
    expect(() => parseDemoParams('?players=vlc')).toThrow(/unknown player/);
    expect(() => parseDemoParams('?abr=best')).toThrow(/unknown ABR/);
  });

  it('splits the calibrated goodput over the competitors and the players running, unless the URL fixes it', () => {
    const lab = fairShareSource(parseDemoParams(''), config);
    expect(fairShareBpsFor(lab, 1)).toBeCloseTo(9.6e6, 3);
    expect(fairShareBpsFor(lab, 4)).toBeCloseTo(19.2e6 / 5, 3);
    expect(fairShareBpsFor(lab, 0)).toBeCloseTo(9.6e6, 3);
    expect(fairShareBpsFor(fairShareSource(parseDemoParams('?fairShareMbps=5'), config), 4)).toBe(5e6);
    expect(fairShareBpsFor(fairShareSource(parseDemoParams(''), undefined), 1)).toBeUndefined();
  });

  it("gives each player its own port on the page's host and scheme", () => {
    const https = { protocol: 'https:', hostname: '127.0.0.1', origin: 'https://127.0.0.1:8443' };
    expect(mediaOriginFor('sprint', config, https)).toEqual({ origin: 'https://127.0.0.1:8444', own: true });
    expect(mediaOriginFor('sprint', config, { protocol: 'http:', hostname: 'localhost', origin: 'http://localhost:8080' })).toEqual({ origin: 'http://localhost:8081', own: true });
    expect(mediaOriginFor('dashjs', config, { protocol: 'http:', hostname: 'localhost', origin: 'http://localhost:8080' })).toEqual({ origin: 'http://localhost:8080', own: false });
    expect(mediaOriginFor('shaka', undefined, https)).toEqual({ origin: 'https://127.0.0.1:8443', own: false });
  });
});
