/**
 * Pure formatting helpers for the UI: times, bitrates, resolutions and the
 * geometry of buffered ranges on the seek bar. No DOM, so they run under node.
 */
import type { RepresentationInfo } from '../player/types.js';

/** Placeholder shown for a value that is not known yet. */
export const UNKNOWN = '—';

function isUsableNumber(n: number | undefined | null): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/**
 * A media time as a clock: "0:07", "1:23", "12:05", "1:02:03".
 * Negative, NaN and infinite inputs read as 0:00 (a live or unknown duration
 * is shown as 0:00 rather than "NaN:NaN").
 */
export function formatTime(seconds: number): string {
  const total = isUsableNumber(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${ss}`;
  return `${m}:${ss}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * A media time for a screen reader: "1 hour 2 minutes 3 seconds",
 * "0 seconds". Used for the seek bar's aria-valuetext.
 */
export function formatTimeSpoken(seconds: number): string {
  const total = isUsableNumber(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(plural(h, 'hour'));
  if (m > 0) parts.push(plural(m, 'minute'));
  if (s > 0 || parts.length === 0) parts.push(plural(s, 'second'));
  return parts.join(' ');
}

/** aria-valuetext for the seek bar: "1 minute 5 seconds of 10 minutes". */
export function seekValueText(positionS: number, durationS: number): string {
  const pos = formatTimeSpoken(positionS);
  if (!isUsableNumber(durationS) || durationS <= 0) return pos;
  return `${pos} of ${formatTimeSpoken(durationS)}`;
}

/**
 * A bitrate label for the quality menu: "4.0 Mbps", "850 kbps", "900 bps".
 * Values that would round to 1000 kbps are shown as "1.0 Mbps".
 */
export function formatBitrate(bitsPerSecond: number | undefined): string {
  if (!isUsableNumber(bitsPerSecond) || bitsPerSecond < 0) return UNKNOWN;
  if (bitsPerSecond < 1000) return `${Math.round(bitsPerSecond)} bps`;
  const kbps = Math.round(bitsPerSecond / 1000);
  if (kbps < 1000) return `${kbps} kbps`;
  return `${(bitsPerSecond / 1e6).toFixed(1)} Mbps`;
}

/**
 * A throughput figure for the stats overlay, always in Mbit/s so values can be
 * compared at a glance: "7.52 Mbit/s", "0.35 Mbit/s", "125 Mbit/s".
 */
export function formatMbits(bitsPerSecond: number | undefined): string {
  if (!isUsableNumber(bitsPerSecond) || bitsPerSecond < 0) return UNKNOWN;
  const mbps = bitsPerSecond / 1e6;
  const digits = mbps >= 100 ? 0 : mbps >= 10 ? 1 : 2;
  return `${mbps.toFixed(digits)} Mbit/s`;
}

/**
 * The usual "720p" label: the shorter side of the picture followed by "p"
 * (so a 720×1280 portrait video is also "720p"). Empty when unknown.
 */
export function formatResolution(height: number | undefined, width?: number): string {
  const h = isUsableNumber(height) && height > 0 ? height : undefined;
  const w = isUsableNumber(width) && width > 0 ? width : undefined;
  const short = h !== undefined && w !== undefined ? Math.min(h, w) : h;
  return short === undefined ? '' : `${Math.round(short)}p`;
}

/** "1280×720", or empty when either side is unknown. */
export function formatDimensions(width: number | undefined, height: number | undefined): string {
  if (!isUsableNumber(width) || !isUsableNumber(height)) return '';
  return `${width}×${height}`;
}

/** A quality-menu label: "720p · 4.0 Mbps", or "128 kbps" for audio or unknown sizes. */
export function qualityLabel(rep: Pick<RepresentationInfo, 'bandwidth' | 'width' | 'height'>): string {
  const res = formatResolution(rep.height, rep.width);
  const rate = formatBitrate(rep.bandwidth);
  return res ? `${res} · ${rate}` : rate;
}

/** A short label for the quality button: "720p", or the bitrate when there is no picture size. */
export function shortQualityLabel(rep: Pick<RepresentationInfo, 'bandwidth' | 'width' | 'height'>): string {
  return formatResolution(rep.height, rep.width) || formatBitrate(rep.bandwidth);
}

/** "42 ms" (rounded), or the placeholder. */
export function formatMs(ms: number | undefined): string {
  if (!isUsableNumber(ms) || ms < 0) return UNKNOWN;
  return `${Math.round(ms)} ms`;
}

/** "12.3 s" with the given number of decimals, or the placeholder. */
export function formatSeconds(seconds: number | undefined, digits = 1): string {
  if (!isUsableNumber(seconds)) return UNKNOWN;
  return `${Math.max(0, seconds).toFixed(digits)} s`;
}

/** A 0..1 fraction as "45%". */
export function formatPercent(fraction: number): string {
  const f = isUsableNumber(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  return `${Math.round(f * 100)}%`;
}

export interface TimeSpan {
  readonly start: number;
  readonly end: number;
}

/** A span of the seek bar in percent of its width. */
export interface PercentSpan {
  readonly left: number;
  readonly width: number;
}

/**
 * Buffered ranges (seconds) as percentage spans of a bar that represents
 * [0, durationS]; clamped to the bar and dropping empty spans.
 */
export function bufferedSpans(ranges: readonly TimeSpan[], durationS: number): PercentSpan[] {
  if (!isUsableNumber(durationS) || durationS <= 0) return [];
  const out: PercentSpan[] = [];
  for (const r of ranges) {
    const start = Math.max(0, Math.min(durationS, r.start));
    const end = Math.max(0, Math.min(durationS, r.end));
    if (!(end > start)) continue;
    out.push({ left: (start / durationS) * 100, width: ((end - start) / durationS) * 100 });
  }
  return out;
}

/** Copies a TimeRanges object (video.buffered) into plain spans. */
export function timeRangesToSpans(ranges: { readonly length: number; start(i: number): number; end(i: number): number }): TimeSpan[] {
  const out: TimeSpan[] = [];
  for (let i = 0; i < ranges.length; i++) out.push({ start: ranges.start(i), end: ranges.end(i) });
  return out;
}

/** Strips the "CODE: " prefix that SprintError puts in front of its message. */
export function errorMessageBody(code: string, message: string): string {
  const prefix = `${code}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
