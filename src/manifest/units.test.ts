import { describe, expect, it } from 'vitest';
import { parseIsoDuration } from './iso-duration.js';
import { compileTemplate } from './url-template.js';
import { expectCode } from './test-helpers.js';

describe('parseIsoDuration', () => {
  it.each([
    ['PT1H2M3.5S', 3723.5],
    ['P1DT2H', 93_600],
    ['PT0S', 0],
    ['PT40S', 40],
    ['PT0H0M40.000S', 40],
    ['P0Y0M0DT0H3M30.000S', 210],
    ['PT1.5S', 1.5],
    [' PT2M ', 120],
    ['P1W', 604_800],
    ['PT.5S', 0.5],
  ])('%s → %d s', (text, seconds) => {
    expect(parseIsoDuration(text)).toBeCloseTo(seconds, 9);
  });

  it.each(['', 'P', 'PT', 'P1DT', '-PT5S', 'PT-5S', 'PT5', '5S', 'PT1S2M', 'PTNaNS', 'PTInfinityS', 'P1e3D', `PT${'9'.repeat(400)}S`])(
    'rejects %j',
    (text) => {
      expect(parseIsoDuration(text)).toBeUndefined();
    },
  );
});

describe('compileTemplate', () => {
  const values = { representationId: 'video_1', bandwidth: 250000, number: 42, time: 90000 };

  it('fills every identifier', () => {
    expect(compileTemplate('$RepresentationID$/$Bandwidth$/$Number$-$Time$.m4s', 'test')(values)).toBe(
      'video_1/250000/42-90000.m4s',
    );
  });

  it('pads with printf width and escapes $$', () => {
    expect(compileTemplate('seg$Number%05d$_$Time%012d$$$.m4s', 'test')(values)).toBe('seg00042_000000090000$.m4s');
    expect(compileTemplate('$Number%2d$', 'test')(values)).toBe('42');
    expect(compileTemplate('$Number%01d$', 'test')(values)).toBe('42');
  });

  it('leaves literal text alone', () => {
    expect(compileTemplate('plain.mp4', 'test')(values)).toBe('plain.mp4');
    expect(compileTemplate('', 'test')(values)).toBe('');
  });

  it('rejects unknown identifiers, bad formats and unterminated $', () => {
    expectCode(() => compileTemplate('$Foo$', 'test'), 'MANIFEST_INVALID', /\$Foo\$/);
    expectCode(() => compileTemplate('$Number%05x$', 'test'), 'MANIFEST_INVALID');
    expectCode(() => compileTemplate('$RepresentationID%05d$', 'test'), 'MANIFEST_INVALID', /no format/);
    expectCode(() => compileTemplate('a$Number', 'test'), 'MANIFEST_INVALID', /unterminated/);
  });
});
