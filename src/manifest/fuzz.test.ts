/**
 * Mutation fuzzing: a realistic ffmpeg-style MPD, damaged deterministically
 * 2,000 times. Every outcome must be a sane Manifest or a SprintError — nothing
 * else may escape, and no run may take long.
 */
import { describe, expect, it } from 'vitest';
import { isSprintError } from '../errors.js';
import { parseMpd } from './parse-mpd.js';
import type { Manifest } from './types.js';
import { MANIFEST_URL } from './test-helpers.js';

const VIDEO_LADDER = [
  [0, 'avc1.640028', 5000000, 1920, 1080],
  [1, 'avc1.64001f', 3000000, 1280, 720],
  [2, 'avc1.64001f', 1500000, 960, 540],
  [3, 'avc1.64001e', 800000, 640, 360],
  [4, 'avc1.640015', 400000, 426, 240],
] as const;

const TEMPLATE = `<SegmentTemplate timescale="12800" initialization="init-stream$RepresentationID$.m4s" media="chunk-stream$RepresentationID$-$Number%05d$.m4s" startNumber="1">
					<SegmentTimeline>
						<S t="0" d="25600" r="19" />
					</SegmentTimeline>
				</SegmentTemplate>`;

/** Shaped like ffmpeg's dash muxer output (-use_timeline 1 -use_template 1). */
const FFMPEG_LIKE_MPD = `<?xml version="1.0" encoding="utf-8"?>
<MPD xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
	xmlns="urn:mpeg:dash:schema:mpd:2011"
	xmlns:xlink="http://www.w3.org/1999/xlink"
	xsi:schemaLocation="urn:mpeg:DASH:schema:MPD:2011 http://standards.iso.org/ittf/PubliclyAvailableStandards/MPEG-DASH_schema_files/DASH-MPD.xsd"
	profiles="urn:mpeg:dash:profile:isoff-live:2011"
	type="static"
	mediaPresentationDuration="PT40.0S"
	maxSegmentDuration="PT2.0S"
	minBufferTime="PT4.0S">
	<ProgramInformation>
	</ProgramInformation>
	<ServiceDescription id="0">
	</ServiceDescription>
	<Period id="0" start="PT0.0S">
		<AdaptationSet id="0" contentType="video" startWithSAP="1" segmentAlignment="true" bitstreamSwitching="true" frameRate="25/1" maxWidth="1920" maxHeight="1080" par="16:9">
${VIDEO_LADDER.map(
  ([id, codecs, bandwidth, width, height]) => `			<Representation id="${id}" mimeType="video/mp4" codecs="${codecs}" bandwidth="${bandwidth}" width="${width}" height="${height}" sar="1:1">
				${TEMPLATE}
			</Representation>`,
).join('\n')}
		</AdaptationSet>
		<AdaptationSet id="1" contentType="audio" startWithSAP="1" segmentAlignment="true" bitstreamSwitching="true" lang="und">
			<Representation id="5" mimeType="audio/mp4" codecs="mp4a.40.2" bandwidth="128000" audioSamplingRate="48000">
				<AudioChannelConfiguration schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="2" />
				<SegmentTemplate timescale="48000" initialization="init-stream$RepresentationID$.m4s" media="chunk-stream$RepresentationID$-$Number%05d$.m4s" startNumber="1">
					<SegmentTimeline>
						<S t="0" d="96256" />
						<S d="95232" />
						<S d="96256" r="1" />
						<S d="95232" />
						<S d="96256" r="14" />
						<S d="94208" />
					</SegmentTimeline>
				</SegmentTemplate>
			</Representation>
		</AdaptationSet>
	</Period>
</MPD>
`;

/** SPRINT_FUZZ_RUNS / SPRINT_FUZZ_SEED widen the search locally; CI runs the fixed 2,000. */
const RUNS = Number(process.env['SPRINT_FUZZ_RUNS'] ?? 2000);
const FIRST_SEED = Number(process.env['SPRINT_FUZZ_SEED'] ?? 1);

/** mulberry32: small, fast, and the same sequence everywhere. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTREME_NUMBERS = ['0', '-1', '-2', '1', '4294967296', '9007199254740993', '1e308', '99999999999999999999999', 'NaN', '', '0.0000001', '-0'];
const NOISE_CHARACTERS = '<>/="\'$&;-%#0123456789 aZ\u0000\uFFFF';

type Mutation = (text: string, random: () => number) => string;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

const MUTATIONS: readonly Mutation[] = [
  function deleteRange(text, random) {
    const start = Math.floor(random() * text.length);
    return text.slice(0, start) + text.slice(start + 1 + Math.floor(random() * 40));
  },
  function duplicateRange(text, random) {
    const start = Math.floor(random() * text.length);
    const end = start + 1 + Math.floor(random() * 200);
    return text.slice(0, end) + text.slice(start, end) + text.slice(end);
  },
  function flipCharacter(text, random) {
    const at = Math.floor(random() * text.length);
    return text.slice(0, at) + pick([...NOISE_CHARACTERS], random) + text.slice(at + 1);
  },
  function extremeNumber(text, random) {
    const numbers = [...text.matchAll(/\d+(?:\.\d+)?/g)];
    const target = pick(numbers, random);
    const at = target.index ?? 0;
    return text.slice(0, at) + pick(EXTREME_NUMBERS, random) + text.slice(at + target[0].length);
  },
  function dropAttribute(text, random) {
    const attributes = [...text.matchAll(/\s[\w:]+="[^"]*"/g)];
    const target = pick(attributes, random);
    const at = target.index ?? 0;
    return text.slice(0, at) + text.slice(at + target[0].length);
  },
];

function mutate(text: string, seed: number): string {
  const random = prng(seed);
  let mutated = text;
  const rounds = 1 + Math.floor(random() * 3);
  for (let i = 0; i < rounds; i++) mutated = pick(MUTATIONS, random)(mutated, random);
  return mutated;
}

/** What a parsed Manifest must always satisfy, however odd its input. */
function assertSane(manifest: Manifest): void {
  expect(Number.isFinite(manifest.durationS)).toBe(true);
  for (const period of manifest.periods) {
    expect(Number.isFinite(period.startS) && Number.isFinite(period.durationS)).toBe(true);
    for (const set of period.adaptationSets) {
      for (const rep of set.representations) {
        expect(rep.bandwidth).toBeGreaterThan(0);
        if (rep.segments.kind !== 'listed') continue;
        for (const segment of rep.segments.segments) {
          expect(segment.url).toMatch(/^https?:\/\//);
          expect(Number.isFinite(segment.startS) && Number.isFinite(segment.timestampOffsetS)).toBe(true);
          expect(segment.durationS).toBeGreaterThan(0);
        }
      }
    }
  }
}

describe('fuzz: mutated ffmpeg-style MPDs', () => {
  it('parses the unmutated MPD: 5 video + 1 audio, 20 segments each', () => {
    const manifest = parseMpd(FFMPEG_LIKE_MPD, MANIFEST_URL);
    const [video, audio] = manifest.periods[0]!.adaptationSets;
    expect(video!.representations).toHaveLength(5);
    expect(audio!.representations).toHaveLength(1);
    for (const rep of [...video!.representations, ...audio!.representations]) {
      expect(rep.segments.kind === 'listed' && rep.segments.segments.length).toBe(20);
    }
    assertSane(manifest);
  });

  it(`returns a Manifest or throws a SprintError for ${RUNS} mutations, each quickly`, () => {
    const outcomes = new Map<string, number>();
    let slowest = 0;
    for (let seed = FIRST_SEED; seed < FIRST_SEED + RUNS; seed++) {
      const text = mutate(FFMPEG_LIKE_MPD, seed);
      const started = performance.now();
      let outcome: string;
      try {
        assertSane(parseMpd(text, MANIFEST_URL));
        outcome = 'manifest';
      } catch (e) {
        if (!isSprintError(e)) {
          throw new Error(`seed ${seed}: a non-SprintError escaped: ${String(e)}\n${text}`, { cause: e });
        }
        outcome = e.code;
      }
      slowest = Math.max(slowest, performance.now() - started);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    if (process.env['SPRINT_FUZZ_REPORT']) console.log({ slowestMs: slowest, outcomes });
    // Generous for slow CI machines; a typical run takes about a millisecond.
    expect(slowest).toBeLessThan(500);
    // The mutations should exercise both the happy path and several failure kinds.
    expect(outcomes.get('manifest') ?? 0).toBeGreaterThan(100);
    expect(outcomes.get('MANIFEST_NOT_XML') ?? 0).toBeGreaterThan(100);
    expect(outcomes.get('MANIFEST_INVALID') ?? 0).toBeGreaterThan(50);
  }, 30_000 + RUNS * 5);
});
