import { describe, expect, it } from 'vitest';
import { parseMpd } from './parse-mpd.js';
import { listed, MANIFEST_URL, segmentsOfFirstRep, staticMpd, totalDuration, videoOnlyMpd } from './test-helpers.js';

const AUDIO_VIDEO = staticMpd(
  `<Period id="main">
  <AdaptationSet id="1" mimeType="video/mp4" frameRate="30000/1001" segmentAlignment="true">
    <SegmentTemplate timescale="1000" duration="2000" startNumber="1"
      initialization="$RepresentationID$/init.mp4" media="$RepresentationID$/seg-$Number%05d$.m4s"/>
    <Representation id="v720" bandwidth="3000000" codecs="avc1.64001f" width="1280" height="720"/>
    <Representation id="v360" bandwidth="800000" codecs="avc1.64001e" width="640" height="360" frameRate="25"/>
    <Representation id="v1080" bandwidth="6000000" codecs="avc1.640028" width="1920" height="1080"/>
  </AdaptationSet>
  <AdaptationSet id="2" mimeType="audio/mp4" codecs="mp4a.40.2" audioSamplingRate="48000" lang="en">
    <SegmentTemplate timescale="48000" duration="96000" initialization="a/init.mp4" media="a/$Number$.m4s"/>
    <Representation id="a128" bandwidth="128000"/>
  </AdaptationSet>
</Period>`,
  'mediaPresentationDuration="PT9.5S"',
);

describe('parseMpd: SegmentTemplate with $Number$', () => {
  const manifest = parseMpd(AUDIO_VIDEO, MANIFEST_URL);

  it('reads the MPD-level attributes', () => {
    expect(manifest.type).toBe('static');
    expect(manifest.url).toBe(MANIFEST_URL);
    expect(manifest.durationS).toBe(9.5);
    expect(manifest.minBufferTimeS).toBe(1.5);
    expect(manifest.periods).toHaveLength(1);
    expect(manifest.periods[0]).toMatchObject({ id: 'main', startS: 0, durationS: 9.5 });
  });

  it('infers content types and keeps audio and video apart', () => {
    const [video, audio] = manifest.periods[0]!.adaptationSets;
    expect(video).toMatchObject({ id: '1', contentType: 'video', mimeType: 'video/mp4' });
    expect(audio).toMatchObject({ id: '2', contentType: 'audio', mimeType: 'audio/mp4', lang: 'en' });
  });

  it('sorts representations by bandwidth and inherits AdaptationSet attributes', () => {
    const video = manifest.periods[0]!.adaptationSets[0]!;
    expect(video.representations.map((r) => r.id)).toEqual(['v360', 'v720', 'v1080']);
    const [v360, v720] = video.representations;
    expect(v360).toMatchObject({ mimeType: 'video/mp4', codecs: 'avc1.64001e', width: 640, height: 360, frameRate: 25 });
    expect(v720!.frameRate).toBeCloseTo(29.97, 2);
    const audio = manifest.periods[0]!.adaptationSets[1]!.representations[0]!;
    expect(audio).toMatchObject({ id: 'a128', codecs: 'mp4a.40.2', audioSamplingRate: 48000, bandwidth: 128000 });
  });

  it('counts ceil(period / segment duration) segments and trims the last', () => {
    const segments = segmentsOfFirstRep(manifest);
    expect(segments).toHaveLength(5);
    expect(segments.map((s) => s.startS)).toEqual([0, 2, 4, 6, 8]);
    expect(segments.map((s) => s.durationS)).toEqual([2, 2, 2, 2, 1.5]);
    expect(segments.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
    expect(totalDuration(segments)).toBeCloseTo(9.5, 9);
  });

  it('fills $RepresentationID$ and $Number%05d$ and resolves against the manifest URL', () => {
    const rep = manifest.periods[0]!.adaptationSets[0]!.representations[0];
    const source = listed(rep);
    expect(source.init).toEqual({ url: 'https://cdn.example.com/vod/title/v360/init.mp4' });
    expect(source.segments[0]!.url).toBe('https://cdn.example.com/vod/title/v360/seg-00001.m4s');
    expect(source.segments[4]!.url).toBe('https://cdn.example.com/vod/title/v360/seg-00005.m4s');
    const audio = listed(manifest.periods[0]!.adaptationSets[1]!.representations[0]);
    expect(audio.segments[1]!.url).toBe('https://cdn.example.com/vod/title/a/2.m4s');
  });

  it('does not let floating-point residue add a sliver segment', () => {
    const m = parseMpd(
      videoOnlyMpd('<SegmentTemplate timescale="3" duration="1" media="$Number$.m4s"/>', 'mediaPresentationDuration="PT0.9999999999S"'),
      MANIFEST_URL,
    );
    expect(segmentsOfFirstRep(m)).toHaveLength(3);
  });
});

describe('parseMpd: template numbering and time offsets', () => {
  it('honours startNumber, $Bandwidth$, $$ and timescale', () => {
    const m = parseMpd(
      videoOnlyMpd(
        '<SegmentTemplate timescale="90000" duration="360000" startNumber="7" media="$Bandwidth$/$$x$$/n$Number%03d$.mp4"/>',
      ),
      MANIFEST_URL,
    );
    const segments = segmentsOfFirstRep(m);
    expect(segments).toHaveLength(3);
    expect(segments.map((s) => s.durationS)).toEqual([4, 4, 2]);
    expect(segments[0]!.url).toBe('https://cdn.example.com/vod/title/1000000/$x$/n007.mp4');
    expect(segments[2]!.url).toBe('https://cdn.example.com/vod/title/1000000/$x$/n009.mp4');
  });

  it('applies presentationTimeOffset to timestampOffset, not to the presentation start', () => {
    const m = parseMpd(
      videoOnlyMpd(
        '<SegmentTemplate timescale="1000" duration="5000" presentationTimeOffset="20000" media="$Time$.m4s"/>',
      ),
      MANIFEST_URL,
    );
    const segments = segmentsOfFirstRep(m);
    expect(segments.map((s) => s.startS)).toEqual([0, 5]);
    expect(segments.every((s) => s.timestampOffsetS === -20)).toBe(true);
    // $Time$ with @duration is the media time: presentationTimeOffset + k·duration.
    expect(segments.map((s) => s.url.split('/').at(-1))).toEqual(['20000.m4s', '25000.m4s']);
  });
});

describe('parseMpd: multiple Periods', () => {
  const xml = staticMpd(
    `<Period id="a" duration="PT6S">
      <AdaptationSet mimeType="video/mp4" codecs="avc1.4d401e">
        <SegmentTemplate timescale="1" duration="2" media="a/$Number$.m4s"/>
        <Representation id="v" bandwidth="500000"/>
      </AdaptationSet>
    </Period>
    <Period id="b">
      <AdaptationSet mimeType="video/mp4" codecs="avc1.4d401e">
        <SegmentTemplate timescale="1000" duration="2000" presentationTimeOffset="1000" media="b/$Number$.m4s"/>
        <Representation id="v" bandwidth="500000"/>
      </AdaptationSet>
    </Period>
    <Period id="c" start="PT10S">
      <AdaptationSet mimeType="video/mp4" codecs="avc1.4d401e">
        <SegmentTemplate timescale="1" duration="2" media="c/$Number$.m4s"/>
        <Representation id="v" bandwidth="500000"/>
      </AdaptationSet>
    </Period>`,
    'mediaPresentationDuration="PT13S"',
  );
  const m = parseMpd(xml, MANIFEST_URL);

  it('infers a start from the previous Period and a duration from the next start or the MPD end', () => {
    expect(m.periods.map((p) => [p.id, p.startS, p.durationS])).toEqual([
      ['a', 0, 6],
      ['b', 6, 4],
      ['c', 10, 3],
    ]);
    expect(m.durationS).toBe(13);
  });

  it('places each Period’s segments on the presentation timeline', () => {
    const b = segmentsOfFirstRep(m, 1);
    expect(b.map((s) => s.startS)).toEqual([6, 8]);
    expect(b.every((s) => s.timestampOffsetS === 5)).toBe(true);
    const c = segmentsOfFirstRep(m, 2);
    expect(c.map((s) => [s.startS, s.durationS])).toEqual([
      [10, 2],
      [12, 1],
    ]);
    expect(c[0]!.url).toBe('https://cdn.example.com/vod/title/c/1.m4s');
  });

  it('derives the total duration from the Periods when the MPD states none', () => {
    const noTotal = xml.replace('mediaPresentationDuration="PT13S"', '').replace('<Period id="c" start="PT10S">', '<Period id="c" start="PT10S" duration="PT4S">');
    expect(parseMpd(noTotal, MANIFEST_URL).durationS).toBe(14);
  });
});

describe('parseMpd: BaseURL resolution', () => {
  const xml = staticMpd(
    `<BaseURL>media/</BaseURL>
    <Period id="p">
      <BaseURL>period1/</BaseURL>
      <AdaptationSet mimeType="video/mp4" codecs="avc1.4d401e">
        <BaseURL>video/</BaseURL>
        <SegmentTemplate duration="5" media="$Number$.m4s" initialization="init.mp4"/>
        <Representation id="rel" bandwidth="1"><BaseURL>r1/</BaseURL></Representation>
        <Representation id="abs" bandwidth="2"><BaseURL>https://other.example.org/abs/</BaseURL></Representation>
        <Representation id="root" bandwidth="3"><BaseURL>/rooted/</BaseURL></Representation>
        <Representation id="first" bandwidth="4"><BaseURL>one/</BaseURL><BaseURL>two/</BaseURL></Representation>
        <Representation id="none" bandwidth="5"/>
      </AdaptationSet>
    </Period>`,
  );
  const reps = parseMpd(xml, MANIFEST_URL).periods[0]!.adaptationSets[0]!.representations;
  const firstUrl = (id: string) => listed(reps.find((r) => r.id === id)).segments[0]!.url;

  it('nests MPD → Period → AdaptationSet → Representation', () => {
    expect(firstUrl('rel')).toBe('https://cdn.example.com/vod/title/media/period1/video/r1/1.m4s');
    expect(listed(reps[0]).init?.url).toBe('https://cdn.example.com/vod/title/media/period1/video/r1/init.mp4');
    expect(firstUrl('none')).toBe('https://cdn.example.com/vod/title/media/period1/video/1.m4s');
  });

  it('lets an absolute or host-relative BaseURL replace its ancestors', () => {
    expect(firstUrl('abs')).toBe('https://other.example.org/abs/1.m4s');
    expect(firstUrl('root')).toBe('https://cdn.example.com/rooted/1.m4s');
  });

  it('uses the first of several BaseURLs', () => {
    expect(firstUrl('first')).toBe('https://cdn.example.com/vod/title/media/period1/video/one/1.m4s');
  });

  it('takes an absolute MPD BaseURL over the manifest location', () => {
    const m = parseMpd(
      staticMpd(`<BaseURL>http://segments.example.net/x/</BaseURL>
        <Period><AdaptationSet mimeType="audio/mp4" codecs="mp4a.40.2">
          <Representation id="a" bandwidth="1"><SegmentTemplate duration="5" media="$Number$.m4s"/></Representation>
        </AdaptationSet></Period>`),
      MANIFEST_URL,
    );
    expect(segmentsOfFirstRep(m)[1]!.url).toBe('http://segments.example.net/x/2.m4s');
  });
});

describe('parseMpd: segment information inheritance', () => {
  it('merges SegmentTemplate attributes Period → AdaptationSet → Representation', () => {
    const m = parseMpd(
      staticMpd(`<Period>
        <SegmentTemplate timescale="1000" startNumber="0" media="p/$Number$.m4s"/>
        <AdaptationSet mimeType="video/mp4" codecs="avc1.4d401e">
          <SegmentTemplate duration="2500" initialization="$RepresentationID$-init.mp4"/>
          <Representation id="inherits" bandwidth="1"/>
          <Representation id="overrides" bandwidth="2">
            <SegmentTemplate media="r/$RepresentationID$-$Number$.m4s" startNumber="100"/>
          </Representation>
        </AdaptationSet>
      </Period>`),
      MANIFEST_URL,
    );
    const [inherits, overrides] = m.periods[0]!.adaptationSets[0]!.representations.map(listed);
    expect(inherits!.segments).toHaveLength(4);
    expect(inherits!.segments[0]!.url).toBe('https://cdn.example.com/vod/title/p/0.m4s');
    expect(inherits!.init?.url).toBe('https://cdn.example.com/vod/title/inherits-init.mp4');
    expect(overrides!.segments[0]!.url).toBe('https://cdn.example.com/vod/title/r/overrides-100.m4s');
    expect(overrides!.segments[3]!.durationS).toBe(2.5);
  });

  it('lets a Representation SegmentBase override an AdaptationSet SegmentTemplate', () => {
    const m = parseMpd(
      staticMpd(`<Period><AdaptationSet mimeType="video/mp4" codecs="avc1.4d401e">
        <SegmentTemplate duration="5" media="$Number$.m4s"/>
        <Representation id="single" bandwidth="1"><BaseURL>single.mp4</BaseURL><SegmentBase indexRange="900-1000"/></Representation>
      </AdaptationSet></Period>`),
      MANIFEST_URL,
    );
    expect(m.periods[0]!.adaptationSets[0]!.representations[0]!.segments.kind).toBe('indexed');
  });
});

describe('parseMpd: content types and filtering', () => {
  const mixed = staticMpd(`<Period>
    <AdaptationSet><Representation id="hevc" mimeType="video/mp4" codecs="hvc1.1.6.L93.B0" bandwidth="1"><SegmentTemplate duration="5" media="h$Number$"/></Representation>
      <Representation id="avc" mimeType="video/mp4" codecs="avc1.4d401e" bandwidth="2"><SegmentTemplate duration="5" media="a$Number$"/></Representation></AdaptationSet>
    <AdaptationSet mimeType="application/mp4" codecs="mp4a.40.2"><Representation id="aac" bandwidth="3"><SegmentTemplate duration="5" media="s$Number$"/></Representation></AdaptationSet>
    <AdaptationSet mimeType="text/vtt" lang="fr"><Representation id="sub" bandwidth="4"><BaseURL>subs.vtt</BaseURL></Representation></AdaptationSet>
    <AdaptationSet contentType="image" mimeType="image/jpeg"><Representation id="thumbs" bandwidth="5"/></AdaptationSet>
  </Period>`);

  it('infers content type from representations and drops image sets', () => {
    const sets = parseMpd(mixed, MANIFEST_URL).periods[0]!.adaptationSets;
    expect(sets.map((s) => s.contentType)).toEqual(['video', 'audio', 'text']);
    const text = sets[2]!;
    expect(text.lang).toBe('fr');
    expect(listed(text.representations[0]).segments).toEqual([
      { url: 'https://cdn.example.com/vod/title/subs.vtt', index: 0, startS: 0, durationS: 10, timestampOffsetS: 0 },
    ]);
  });

  it('drops representations isTypeSupported rejects, passing mime and codecs', () => {
    const asked: string[] = [];
    const m = parseMpd(mixed, MANIFEST_URL, {
      isTypeSupported: (type) => {
        asked.push(type);
        return !type.includes('hvc1');
      },
    });
    expect(asked).toContain('video/mp4; codecs="hvc1.1.6.L93.B0"');
    expect(asked).toContain('application/mp4; codecs="mp4a.40.2"');
    expect(m.periods[0]!.adaptationSets[0]!.representations.map((r) => r.id)).toEqual(['avc']);
  });

  it('drops a whole AdaptationSet when none of it is supported', () => {
    const m = parseMpd(mixed, MANIFEST_URL, { isTypeSupported: (type) => type.startsWith('video') });
    expect(m.periods[0]!.adaptationSets.map((s) => s.contentType)).toEqual(['video', 'text']);
  });
});

describe('parseMpd: sloppy but harmless text', () => {
  it('tolerates a byte-order mark and whitespace before the XML declaration', () => {
    const xml = videoOnlyMpd('<SegmentTemplate duration="5" media="$Number$.m4s"/>');
    for (const text of [`\uFEFF${xml}`, `\r\n  ${xml}`, xml.replace(/^<\?xml[^>]*>/, '')]) {
      expect(segmentsOfFirstRep(parseMpd(text, MANIFEST_URL))).toHaveLength(2);
    }
  });
});
