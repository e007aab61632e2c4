import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseMpd } from '../../manifest/parse-mpd.js';
import { loopedManifest } from './looped-manifest.js';

const MPD = `<?xml version="1.0"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT3M0.0S" minBufferTime="PT4S">
  <Period id="0" start="PT0.0S">
    <AdaptationSet contentType="video" mimeType="video/mp4">
      <SegmentTemplate timescale="1000" duration="2000" startNumber="1" initialization="init-$RepresentationID$.m4s" media="chunk-$RepresentationID$-$Number%05d$.m4s"/>
      <Representation id="0" bandwidth="500000" codecs="avc1.64001e" width="640" height="360"/>
    </AdaptationSet>
  </Period>
</MPD>`;

describe('loopedManifest', () => {
  it('repeats the Period back to back on one timeline', () => {
    const { text, durationS } = loopedManifest(MPD, 4);
    expect(durationS).toBe(720);
    const manifest = parseMpd(text, 'https://o/media/lab/soak.mpd');
    expect(manifest.durationS).toBe(720);
    expect(manifest.periods.map((p) => p.startS)).toEqual([0, 180, 360, 540]);
    expect(text).toContain('chunk-$RepresentationID$-$Number%05d$.m4s?loop=3');
    // One URL, one segment of the presentation: the copies differ by their query.
    const urls = manifest.periods.map((p) => JSON.stringify(p).match(/init-0\.m4s\?loop=\d/)?.[0]);
    expect(new Set(urls).size).toBe(4);
  });

  it('refuses MPDs it cannot loop', () => {
    expect(() => loopedManifest(MPD.replace(/mediaPresentationDuration="[^"]+"/, ''), 2)).toThrow(/mediaPresentationDuration/);
    expect(() => loopedManifest(MPD, 0)).toThrow(/positive/);
    expect(() => loopedManifest(MPD.replace('</Period>', '</Period><Period id="1"></Period>'), 2)).toThrow(/one Period/);
  });

  it('loops the generated lab media when it is there', async () => {
    const lab = await readFile('media/lab/manifest.mpd', 'utf8').catch(() => undefined);
    if (!lab) return;
    const manifest = parseMpd(loopedManifest(lab, 4).text, 'https://o/media/lab/soak.mpd');
    expect(manifest.periods).toHaveLength(4);
  });
});
