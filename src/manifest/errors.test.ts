import { describe, expect, it } from 'vitest';
import { parseMpd } from './parse-mpd.js';
import { expectCode, MANIFEST_URL, segmentsOfFirstRep, staticMpd, videoOnlyMpd } from './test-helpers.js';

const TEMPLATE = '<SegmentTemplate duration="2" media="$Number$.m4s"/>';
const parse = (xml: string, options?: Parameters<typeof parseMpd>[2]) => () => parseMpd(xml, MANIFEST_URL, options);

describe('parseMpd rejects untrusted input with typed errors', () => {
  it('text that is not XML → MANIFEST_NOT_XML naming the cause', () => {
    const error = expectCode(parse('{"not": "xml"}'), 'MANIFEST_NOT_XML', /line 1/);
    expect(error.category).toBe('manifest');
    expect(error.url).toBe(MANIFEST_URL);
    expectCode(parse('<MPD><Period></MPD>'), 'MANIFEST_NOT_XML', /Period/);
    expectCode(parse(''), 'MANIFEST_NOT_XML');
  });

  it('XML without an <MPD> root → MANIFEST_INVALID', () => {
    expectCode(parse('<?xml version="1.0"?><html><body/></html>'), 'MANIFEST_INVALID', /<html>/);
  });

  it('a dynamic (live) MPD → MANIFEST_UNSUPPORTED', () => {
    expectCode(parse(videoOnlyMpd(TEMPLATE).replace('type="static"', 'type="dynamic"')), 'MANIFEST_UNSUPPORTED', /dynamic/);
  });

  it('an MPD with no Period → MANIFEST_INVALID', () => {
    expectCode(parse(staticMpd('')), 'MANIFEST_INVALID', /no Period/);
  });

  it('negative, malformed or NaN durations → MANIFEST_INVALID naming the attribute', () => {
    expectCode(parse(videoOnlyMpd(TEMPLATE, 'mediaPresentationDuration="-PT5S"')), 'MANIFEST_INVALID', /@mediaPresentationDuration/);
    expectCode(parse(videoOnlyMpd(TEMPLATE, 'mediaPresentationDuration="PTNaNS"')), 'MANIFEST_INVALID', /@mediaPresentationDuration/);
    expectCode(parse(videoOnlyMpd(TEMPLATE).replace('minBufferTime="PT1.5S"', 'minBufferTime="1.5"')), 'MANIFEST_INVALID', /@minBufferTime/);
    expectCode(parse(videoOnlyMpd(TEMPLATE).replace('<Period id="p0">', '<Period id="p0" duration="P-1D">')), 'MANIFEST_INVALID', /@duration/);
  });

  it('zero timescale, non-positive bandwidth and bad numbers → MANIFEST_INVALID naming the attribute', () => {
    expectCode(parse(videoOnlyMpd('<SegmentTemplate timescale="0" duration="2" media="$Number$"/>')), 'MANIFEST_INVALID', /@timescale "0"/);
    expectCode(parse(videoOnlyMpd(TEMPLATE).replace('bandwidth="1000000"', 'bandwidth="0"')), 'MANIFEST_INVALID', /@bandwidth "0"/);
    expectCode(parse(videoOnlyMpd(TEMPLATE).replace('bandwidth="1000000"', 'bandwidth="-5"')), 'MANIFEST_INVALID', /@bandwidth "-5"/);
    expectCode(parse(videoOnlyMpd('<SegmentTemplate duration="NaN" media="$Number$"/>')), 'MANIFEST_INVALID', /@duration "NaN"/);
    expectCode(parse(videoOnlyMpd('<SegmentTemplate duration="0" media="$Number$"/>')), 'MANIFEST_INVALID', /@duration "0"/);
    expectCode(parse(videoOnlyMpd(TEMPLATE).replace('width="1280"', 'width="1e3"')), 'MANIFEST_INVALID', /@width/);
    expectCode(parse(videoOnlyMpd(TEMPLATE).replace('<Representation id="v1"', '<Representation id="v1" frameRate="30/0"')), 'MANIFEST_INVALID', /@frameRate/);
  });

  it('missing required attributes → MANIFEST_INVALID', () => {
    expectCode(parse(videoOnlyMpd(TEMPLATE).replace(' bandwidth="1000000"', '')), 'MANIFEST_INVALID', /@bandwidth is required/);
    expectCode(parse(videoOnlyMpd(TEMPLATE).replace(' mimeType="video/mp4"', '')), 'MANIFEST_INVALID', /@mimeType is required/);
    expectCode(parse(videoOnlyMpd('<SegmentTemplate duration="2"/>')), 'MANIFEST_INVALID', /@media is required/);
  });

  it('malformed templates → MANIFEST_INVALID', () => {
    expectCode(parse(videoOnlyMpd('<SegmentTemplate duration="2" media="$Nummer$.m4s"/>')), 'MANIFEST_INVALID', /\$Nummer\$/);
    expectCode(parse(videoOnlyMpd('<SegmentTemplate duration="2" media="$Number.m4s"/>')), 'MANIFEST_INVALID', /unterminated/);
    expectCode(parse(videoOnlyMpd('<SegmentTemplate duration="2" media="$Number%0999d$"/>')), 'MANIFEST_INVALID', /width/);
    expectCode(parse(videoOnlyMpd('<SegmentTemplate duration="2" media="$Number$" initialization="$Number$.mp4"/>')), 'MANIFEST_INVALID', /\$Number\$ cannot be used/);
  });

  it('an absurd segment count → MANIFEST_INVALID before allocating', () => {
    const hostile = videoOnlyMpd('<SegmentTemplate timescale="1000" duration="1" media="$Number$.m4s"/>', 'mediaPresentationDuration="P3650D"');
    const started = performance.now();
    expectCode(parse(hostile), 'MANIFEST_INVALID', /exceed the limit of 100000/);
    expect(performance.now() - started).toBeLessThan(500);
    expectCode(
      parse(videoOnlyMpd('<SegmentTemplate media="$Time$"><SegmentTimeline><S d="1" r="9007199254740990"/></SegmentTimeline></SegmentTemplate>')),
      'MANIFEST_INVALID',
      /exceed the limit/,
    );
    expectCode(parse(videoOnlyMpd(TEMPLATE), { maxSegmentsPerRepresentation: 4 }), 'MANIFEST_INVALID', /limit of 4 per/);
  });

  it('a per-MPD total bound across representations', () => {
    const twoReps = staticMpd(`<Period><AdaptationSet mimeType="video/mp4" codecs="avc1.4d401e">${TEMPLATE}
      <Representation id="a" bandwidth="1"/><Representation id="b" bandwidth="2"/></AdaptationSet></Period>`);
    expect(() => parseMpd(twoReps, MANIFEST_URL, { maxSegmentsTotal: 10 })).not.toThrow();
    expectCode(parse(twoReps, { maxSegmentsTotal: 9 }), 'MANIFEST_INVALID', /more than 9 segments in total/);
  });

  it('javascript:, file: and data: URLs → UNSAFE_URL', () => {
    expectCode(parse(videoOnlyMpd(`<BaseURL>javascript:alert(1)//</BaseURL>${TEMPLATE}`)), 'UNSAFE_URL', /javascript:/);
    expectCode(parse(videoOnlyMpd('<SegmentTemplate duration="2" media="file:///etc/passwd?$Number$"/>')), 'UNSAFE_URL', /file:/);
    expectCode(parse(videoOnlyMpd('<SegmentList duration="2"><SegmentURL media="data:video/mp4;base64,AAAA"/></SegmentList>')), 'UNSAFE_URL', /data:/);
    expectCode(parse(staticMpd('<BaseURL>JavaScript:void(0)/</BaseURL>' + videoOnlyMpd(TEMPLATE).split('\n').slice(2, -1).join('\n'))), 'UNSAFE_URL');
    expectCode(() => parseMpd(videoOnlyMpd(TEMPLATE), 'file:///tmp/manifest.mpd'), 'UNSAFE_URL');
  });

  it('an oversize manifest → MANIFEST_TOO_LARGE without parsing it', () => {
    const big = videoOnlyMpd(TEMPLATE).replace('</MPD>', `<!--${'x'.repeat(5 * 1024 * 1024)}--></MPD>`);
    expectCode(parse(big), 'MANIFEST_TOO_LARGE', /4194304 bytes/);
    expectCode(parse(videoOnlyMpd(TEMPLATE), { maxManifestBytes: 100 }), 'MANIFEST_TOO_LARGE', /100 bytes/);
    // Bytes, not characters: 40 three-byte characters are 120 bytes.
    expectCode(parse('€'.repeat(40), { maxManifestBytes: 100 }), 'MANIFEST_TOO_LARGE');
  });

  it('nothing playable → NO_PLAYABLE_REPRESENTATION naming the codecs seen', () => {
    const xml = staticMpd(`<Period>
      <AdaptationSet mimeType="video/mp4"><SegmentTemplate duration="2" media="$Number$"/>
        <Representation id="h" codecs="hvc1.2.4.L120.90" bandwidth="1"/></AdaptationSet>
      <AdaptationSet mimeType="audio/mp4"><SegmentTemplate duration="2" media="$Number$"/>
        <Representation id="e" codecs="ec-3" bandwidth="1"/></AdaptationSet>
      <AdaptationSet mimeType="text/vtt"><Representation id="t" bandwidth="1"/></AdaptationSet>
    </Period>`);
    const error = expectCode(parse(xml, { isTypeSupported: () => false }), 'NO_PLAYABLE_REPRESENTATION');
    expect(error.message).toContain('video/mp4; codecs="hvc1.2.4.L120.90"');
    expect(error.message).toContain('audio/mp4; codecs="ec-3"');
    expect(error.category).toBe('capability');
    expectCode(parse(xml, { isTypeSupported: () => { throw new Error('boom'); } }), 'NO_PLAYABLE_REPRESENTATION');
    expectCode(parse(staticMpd('<Period><AdaptationSet mimeType="text/vtt"><Representation id="t" bandwidth="1"/></AdaptationSet></Period>')), 'NO_PLAYABLE_REPRESENTATION', /no video or audio/);
  });
});

describe('XML entities', () => {
  it('decodes the five XML entities and character references', () => {
    const m = parseMpd(videoOnlyMpd('<SegmentTemplate duration="5" media="a&amp;b&#x3D;&#61;&lt;&apos;&quot;$Number$"/>'), MANIFEST_URL);
    const url = segmentsOfFirstRep(m)[0]!.url;
    expect(decodeURIComponent(url)).toBe(`https://cdn.example.com/vod/title/a&b==<'"1`);
  });

  it('refuses DOCTYPE entity declarations instead of expanding them', () => {
    const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE MPD [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
${videoOnlyMpd('<SegmentTemplate duration="5" media="&lol2;$Number$"/>').replace(/^<\?xml[^>]*>/, '')}`;
    expectCode(parse(billionLaughs), 'MANIFEST_NOT_XML', /entity declarations/);
    const external = `<!DOCTYPE MPD [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><MPD type="static"/>`;
    expectCode(parse(external), 'MANIFEST_NOT_XML', /entity declarations/);
  });

  it('leaves undeclared entity references literal', () => {
    const m = parseMpd(videoOnlyMpd('<SegmentTemplate duration="5" media="x&nbsp;$Number$"/>'), MANIFEST_URL);
    const url = segmentsOfFirstRep(m)[0]!.url;
    expect(url).toBe('https://cdn.example.com/vod/title/x&nbsp;1');
  });
});
