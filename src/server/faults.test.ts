import { describe, expect, it } from 'vitest';
import { FaultInjector } from './faults.js';

describe('FaultInjector.route', () => {
  const injector = FaultInjector.fromText(undefined);

  it('leaves plain URLs alone', () => {
    expect(injector.route('/media/number/manifest.mpd')).toEqual({ kind: 'plain', url: '/media/number/manifest.mpd' });
  });

  it('strips the prefix and keeps the query', () => {
    const route = injector.route('/__faults/5xx=0.1,seed=2/media/number/chunk-0-00001.m4s?x=1');
    expect(route).toMatchObject({ kind: 'prefixed', url: '/media/number/chunk-0-00001.m4s?x=1', specText: '5xx=0.1,seed=2' });
  });

  it.each([
    '/__faults/',
    '/__faults/5xx=0.1',
    '/__faults/5xx=0.1/__origin/log',
    '/__faults/5xx=0.1/__faults/404=1/media/x.m4s',
    '/__faults/5xx=0.1//etc/passwd',
    '/__faults/../media/x.m4s',
    '/__faults/%2e%2e/media/x.m4s',
    '/__faults/5xx=0.1%2f/media/x.m4s',
    '/__faults/5xx=2/media/x.m4s',
    '/__faults/nonsense/media/x.m4s',
    '/__faults/a b/media/x.m4s',
  ])('refuses %s', (url) => {
    expect(injector.route(url).kind).toBe('bad-spec');
  });
});

describe('FaultInjector.decide', () => {
  it('applies only to GETs of media files, never to the MPD', () => {
    const injector = FaultInjector.fromText('404=1');
    const route = injector.route('/media/x');
    expect(injector.decide(route, 'GET', '/media/n/chunk-0-00001.m4s', undefined)?.kind).toBe('404');
    expect(injector.decide(route, 'GET', '/media/single/video.mp4', 'bytes=0-99')?.kind).toBe('404');
    expect(injector.decide(route, 'HEAD', '/media/n/chunk-0-00001.m4s', undefined)).toBeUndefined();
    expect(injector.decide(route, 'GET', '/media/n/manifest.mpd', undefined)).toBeUndefined();
    expect(injector.decide(route, 'GET', '/lib/sprint.js', undefined)).toBeUndefined();
    expect(injector.counts()).toEqual({ counts: { '5xx': 0, '404': 2, reset: 0, truncate: 0, stall: 0 }, total: 2 });
  });

  it('uses the prefix spec over the origin-wide one, and honours match', () => {
    const injector = FaultInjector.fromText('5xx=1');
    const prefixed = injector.route('/__faults/404=1,match=-00005.m4s/media/n/chunk-1-00005.m4s');
    expect(injector.decide(prefixed, 'GET', '/media/n/chunk-1-00005.m4s', undefined)?.kind).toBe('404');
    expect(injector.decide(prefixed, 'GET', '/media/n/chunk-1-00004.m4s', undefined)).toBeUndefined();
    expect(injector.decide(injector.route('/media/n/chunk-1-00004.m4s'), 'GET', '/media/n/chunk-1-00004.m4s', undefined)?.kind).toBe('5xx');
  });

  it('decides the same per request whatever order requests of different keys arrive in', () => {
    const paths = Array.from({ length: 50 }, (_, i) => `/media/n/chunk-0-${String(i).padStart(5, '0')}.m4s`);
    const run = (order: string[]) => {
      const injector = FaultInjector.fromText('5xx=0.3,reset=0.3,seed=11');
      const route = injector.route('/x');
      const out = new Map<string, (string | undefined)[]>();
      for (const path of order) {
        const list = out.get(path) ?? [];
        list.push(injector.decide(route, 'GET', path, undefined)?.kind);
        out.set(path, list);
      }
      return paths.map((p) => out.get(p));
    };
    const forward = [...paths, ...paths];
    const shuffled = [...paths].reverse().flatMap((p) => [p, p]);
    expect(run(shuffled)).toEqual(run(forward));
  });

  it('counts a resumed request (another Range) separately from the first', () => {
    const injector = FaultInjector.fromText('reset=0.5,seed=1');
    const route = injector.route('/x');
    const first = Array.from({ length: 200 }, (_, i) => injector.decide(route, 'GET', `/m/${i}.m4s`, undefined)?.kind);
    const resumed = Array.from({ length: 200 }, (_, i) => injector.decide(route, 'GET', `/m/${i}.m4s`, 'bytes=100-')?.kind);
    expect(resumed).not.toEqual(first);
  });
});
