import { describe, expect, it } from 'vitest';
import { parseMpd } from '../manifest/parse-mpd.js';
import { buildSegmentMap, classifyRequests, urlKey } from './segment-map.js';
import type { ResourceRecord } from './measurement-types.js';

const MPD = `<?xml version="1.0"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT6S" minBufferTime="PT2S" profiles="urn:mpeg:dash:profile:isoff-live:2011">
  <Period id="0" start="PT0S">
    <AdaptationSet id="0" contentType="video" mimeType="video/mp4">
      <Representation id="1" codecs="avc1.64001e" bandwidth="2000000" width="640" height="360">
        <SegmentTemplate timescale="1000" duration="2000" initialization="init-$RepresentationID$.m4s" media="chunk-$RepresentationID$-$Number%05d$.m4s" startNumber="1"/>
      </Representation>
      <Representation id="0" codecs="avc1.64001e" bandwidth="500000" width="640" height="360">
        <SegmentTemplate timescale="1000" duration="2000" initialization="init-$RepresentationID$.m4s" media="chunk-$RepresentationID$-$Number%05d$.m4s" startNumber="1"/>
      </Representation>
    </AdaptationSet>
    <AdaptationSet id="1" contentType="audio" mimeType="audio/mp4">
      <Representation id="2" codecs="mp4a.40.2" bandwidth="128000" audioSamplingRate="48000">
        <SegmentTemplate timescale="1000" duration="2000" initialization="init-$RepresentationID$.m4s" media="chunk-$RepresentationID$-$Number%05d$.m4s" startNumber="1"/>
      </Representation>
    </AdaptationSet>
  </Period>
</MPD>`;

const manifest = parseMpd(MPD, 'https://198.18.2.2:8443/media/lab/manifest.mpd');

function record(url: string): ResourceRecord {
  return { url, startTime: 0, requestStart: 1, responseStart: 2, responseEnd: 3, transferSize: 10, encodedBodySize: 9, nextHopProtocol: 'h2' };
}

describe('segment map', () => {
  const map = buildSegmentMap(manifest);

  it('lists the ladder lowest first per type', () => {
    expect(map.ladder.map((l) => [l.contentType, l.representationId, l.level])).toEqual([
      ['video', '0', 0],
      ['video', '1', 1],
      ['audio', '2', 0],
    ]);
  });

  it('identifies media and init segments by URL, whatever the host spelling', () => {
    expect(map.identify('https://198.18.2.2:8443/media/lab/chunk-1-00002.m4s')).toMatchObject({
      contentType: 'video', representationId: '1', bandwidth: 2_000_000, level: 1, segmentIndex: 1, isInit: false, startS: 2, durationS: 2,
    });
    expect(map.identify('https://other:1/media/lab/init-2.m4s#x')).toMatchObject({ contentType: 'audio', isInit: true, segmentIndex: -1 });
    expect(map.identify('https://198.18.2.2:8443/media/lab/chunk-1-00004.m4s')).toBeUndefined();
  });

  it('splits media requests from other requests', () => {
    const { media, other } = classifyRequests(
      [record('https://198.18.2.2:8443/media/lab/manifest.mpd'), record('https://198.18.2.2:8443/media/lab/chunk-0-00003.m4s')],
      map,
    );
    expect(media).toHaveLength(1);
    expect(media[0]?.segment.segmentIndex).toBe(2);
    expect(other.map((r) => urlKey(r.url))).toEqual(['/media/lab/manifest.mpd']);
  });
});
