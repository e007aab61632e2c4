import { describe, expect, it } from 'vitest';
import { parseMpd } from './parse-mpd.js';
import { expectCode, listed, MANIFEST_URL, segmentsOfFirstRep, videoOnlyMpd } from './test-helpers.js';

describe('SegmentList', () => {
  it('lists SegmentURL media and mediaRange with Initialization sourceURL/range', () => {
    const m = parseMpd(
      videoOnlyMpd(`<BaseURL>video/</BaseURL>
        <SegmentList timescale="10" duration="40">
          <Initialization sourceURL="init.mp4" range="0-799"/>
          <SegmentURL media="s1.m4s"/>
          <SegmentURL media="s2.m4s" mediaRange="100-199"/>
          <SegmentURL mediaRange="200-299"/>
        </SegmentList>`),
      MANIFEST_URL,
    );
    const source = listed(m.periods[0]!.adaptationSets[0]!.representations[0]);
    expect(source.init).toEqual({ url: 'https://cdn.example.com/vod/title/video/init.mp4', range: { start: 0, end: 799 } });
    expect(source.segments).toEqual([
      { url: 'https://cdn.example.com/vod/title/video/s1.m4s', index: 0, startS: 0, durationS: 4, timestampOffsetS: 0 },
      {
        url: 'https://cdn.example.com/vod/title/video/s2.m4s',
        range: { start: 100, end: 199 },
        index: 1,
        startS: 4,
        durationS: 4,
        timestampOffsetS: 0,
      },
      {
        url: 'https://cdn.example.com/vod/title/video/',
        range: { start: 200, end: 299 },
        index: 2,
        startS: 8,
        durationS: 2,
        timestampOffsetS: 0,
      },
    ]);
  });

  it('can be timed by a SegmentTimeline', () => {
    const segments = segmentsOfFirstRep(
      parseMpd(
        videoOnlyMpd(`<SegmentList timescale="2"><SegmentTimeline><S t="0" d="6"/><S d="8"/></SegmentTimeline>
          <SegmentURL media="a"/><SegmentURL media="b"/></SegmentList>`),
        MANIFEST_URL,
      ),
    );
    expect(segments.map((s) => [s.startS, s.durationS])).toEqual([
      [0, 3],
      [3, 4],
    ]);
  });

  it('inherits the Initialization from the AdaptationSet’s SegmentList', () => {
    const xml = videoOnlyMpd('<SegmentList duration="5"><SegmentURL media="x"/><SegmentURL media="y"/></SegmentList>').replace(
      '<Representation id="v1"',
      '<SegmentList timescale="1"><Initialization sourceURL="shared-init.mp4"/></SegmentList><Representation id="v1"',
    );
    const source = listed(parseMpd(xml, MANIFEST_URL).periods[0]!.adaptationSets[0]!.representations[0]);
    expect(source.init?.url).toBe('https://cdn.example.com/vod/title/shared-init.mp4');
    expect(source.segments).toHaveLength(2);
  });

  it('needs a duration for more than one SegmentURL', () => {
    expectCode(
      () => parseMpd(videoOnlyMpd('<SegmentList><SegmentURL media="a"/><SegmentURL media="b"/></SegmentList>'), MANIFEST_URL),
      'MANIFEST_INVALID',
      /needs @duration/,
    );
  });
});

describe('SegmentBase', () => {
  it('describes an indexed representation whose sidx must be fetched', () => {
    const m = parseMpd(
      videoOnlyMpd(`<BaseURL>video-720.mp4</BaseURL>
        <SegmentBase indexRange="837-1012" timescale="12800" presentationTimeOffset="1280">
          <Initialization range="0-836"/>
        </SegmentBase>`),
      MANIFEST_URL,
    );
    expect(m.periods[0]!.adaptationSets[0]!.representations[0]!.segments).toEqual({
      kind: 'indexed',
      url: 'https://cdn.example.com/vod/title/video-720.mp4',
      init: { url: 'https://cdn.example.com/vod/title/video-720.mp4', range: { start: 0, end: 836 } },
      indexRange: { start: 837, end: 1012 },
      timescale: 12800,
      presentationTimeOffset: 1280,
      periodStartS: 0,
      periodDurationS: 10,
    });
  });

  it('takes everything before the index as the init segment when no Initialization is given', () => {
    const m = parseMpd(videoOnlyMpd('<BaseURL>v.mp4</BaseURL><SegmentBase indexRange="700-900"/>'), MANIFEST_URL);
    const segments = m.periods[0]!.adaptationSets[0]!.representations[0]!.segments;
    expect(segments.init).toEqual({ url: 'https://cdn.example.com/vod/title/v.mp4', range: { start: 0, end: 699 } });
  });

  it('rejects a malformed indexRange naming the attribute', () => {
    expectCode(
      () => parseMpd(videoOnlyMpd('<SegmentBase indexRange="900-100"/>'), MANIFEST_URL),
      'MANIFEST_INVALID',
      /@indexRange "900-100"/,
    );
  });
});
