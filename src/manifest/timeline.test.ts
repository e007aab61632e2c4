import { describe, expect, it } from 'vitest';
import { parseMpd } from './parse-mpd.js';
import { expectCode, MANIFEST_URL, segmentsOfFirstRep, totalDuration, videoOnlyMpd } from './test-helpers.js';

const parse = (segmentInfo: string, mpdAttributes?: string) =>
  segmentsOfFirstRep(parseMpd(videoOnlyMpd(segmentInfo, mpdAttributes), MANIFEST_URL));

describe('SegmentTimeline', () => {
  it('expands repeats and fills $Time$ with each segment’s media time', () => {
    const segments = parse(`<SegmentTemplate timescale="1000" media="t/$Time$.m4s" initialization="t/init.mp4">
      <SegmentTimeline><S t="0" d="2000" r="2"/><S d="1500"/><S d="2500" r="0"/></SegmentTimeline>
    </SegmentTemplate>`);
    expect(segments.map((s) => [s.startS, s.durationS])).toEqual([
      [0, 2],
      [2, 2],
      [4, 2],
      [6, 1.5],
      [7.5, 2.5],
    ]);
    expect(segments.map((s) => s.url.split('/').at(-1))).toEqual([
      '0.m4s',
      '2000.m4s',
      '4000.m4s',
      '6000.m4s',
      '7500.m4s',
    ]);
  });

  it('numbers timeline segments from startNumber for $Number$', () => {
    const segments = parse(`<SegmentTemplate startNumber="5" media="n$Number$.m4s">
      <SegmentTimeline><S d="4" r="1"/><S d="2"/></SegmentTimeline></SegmentTemplate>`);
    expect(segments.map((s) => s.url.split('/').at(-1))).toEqual(['n5.m4s', 'n6.m4s', 'n7.m4s']);
  });

  it('repeats r="-1" to the period end, trimming the last segment', () => {
    const segments = parse(
      `<SegmentTemplate timescale="90000" media="$Time$.m4s">
        <SegmentTimeline><S t="0" d="180000" r="-1"/></SegmentTimeline></SegmentTemplate>`,
      'mediaPresentationDuration="PT9S"',
    );
    expect(segments).toHaveLength(5);
    expect(segments.at(-1)).toMatchObject({ startS: 8, durationS: 1 });
    expect(totalDuration(segments)).toBeCloseTo(9, 9);
  });

  it('repeats r="-1" up to the next S@t', () => {
    const segments = parse(`<SegmentTemplate media="$Time$.m4s">
      <SegmentTimeline><S t="0" d="2" r="-1"/><S t="6" d="4"/></SegmentTimeline></SegmentTemplate>`);
    expect(segments.map((s) => s.startS)).toEqual([0, 2, 4, 6]);
  });

  it('places segments with presentationTimeOffset: start = (t − PTO)/timescale + period start', () => {
    const segments = parse(`<SegmentTemplate timescale="1000" presentationTimeOffset="10000" media="$Time$.m4s">
      <SegmentTimeline><S t="10000" d="5000" r="1"/></SegmentTimeline></SegmentTemplate>`);
    expect(segments.map((s) => [s.startS, s.timestampOffsetS])).toEqual([
      [0, -10],
      [5, -10],
    ]);
    expect(segments[1]!.url).toMatch(/\/15000\.m4s$/);
  });

  it('drops timeline segments that start after the period end', () => {
    const segments = parse(
      `<SegmentTemplate media="$Time$.m4s"><SegmentTimeline><S t="0" d="2" r="9"/></SegmentTimeline></SegmentTemplate>`,
      'mediaPresentationDuration="PT5S"',
    );
    expect(segments.map((s) => [s.startS, s.durationS])).toEqual([
      [0, 2],
      [2, 2],
      [4, 1],
    ]);
  });

  it('derives the period duration from the timeline when the MPD states none', () => {
    const m = parseMpd(
      videoOnlyMpd(
        `<SegmentTemplate media="$Time$.m4s"><SegmentTimeline><S t="0" d="3" r="3"/></SegmentTimeline></SegmentTemplate>`,
        '',
      ),
      MANIFEST_URL,
    );
    expect(m.periods[0]!.durationS).toBe(12);
    expect(m.durationS).toBe(12);
  });

  it('rejects r below -1, a missing d, and r="-1" with no end to repeat to', () => {
    expectCode(
      () => parse('<SegmentTemplate media="$Time$"><SegmentTimeline><S d="2" r="-2"/></SegmentTimeline></SegmentTemplate>'),
      'MANIFEST_INVALID',
      /@r "-2"/,
    );
    expectCode(
      () => parse('<SegmentTemplate media="$Time$"><SegmentTimeline><S t="0"/></SegmentTimeline></SegmentTemplate>'),
      'MANIFEST_INVALID',
      /@d is required/,
    );
    expectCode(
      () =>
        parseMpd(
          videoOnlyMpd('<SegmentTemplate media="$Time$"><SegmentTimeline><S d="2" r="-1"/></SegmentTimeline></SegmentTemplate>', ''),
          MANIFEST_URL,
        ),
      'MANIFEST_INVALID',
      /r="-1"/,
    );
  });
});
