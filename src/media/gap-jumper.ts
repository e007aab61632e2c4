/**
 * Jumps the playhead over small holes in the buffered ranges: at startup
 * (first media at 0.02 s instead of 0) and where segments of different
 * representations leave a sliver between them. Also nudges a playhead that
 * sits still inside buffered media (a decoder that stopped at a splice, as
 * Shaka's stall detector does). Pure decisions + thin DOM watcher.
 */

/** A playhead stuck this long with media ahead is nudged forward. */
export const STALL_NUDGE_AFTER_MS = 1000;
export const STALL_NUDGE_S = 0.1;

/**
 * A stuck playhead this close to the end of its range is at the range's end: the element
 * stops short of the last few frames (audio and video rarely end together), as at a Period
 * boundary whose next Period starts a sliver later.
 */
export const RANGE_END_SLACK_S = 0.3;

/** Where to seek to escape a gap at `position` (called when the playhead is stuck), or undefined when there is none to jump. */
export function gapJumpTarget(ranges: TimeRanges, position: number, maxGapS: number): number | undefined {
  for (let i = 0; i < ranges.length; i++) {
    const start = ranges.start(i);
    const end = ranges.end(i);
    if (position >= start && position < end) {
      const next = i + 1 < ranges.length ? ranges.start(i + 1) : undefined;
      const atEnd = end - position < RANGE_END_SLACK_S;
      return atEnd && next !== undefined && next - end <= maxGapS ? next + 0.01 : undefined;
    }
    if (start > position && start - position <= maxGapS) return start + 0.01;
  }
  return undefined;
}

/** Where to nudge a playhead stuck for `stuckMs` inside buffered media, or undefined. */
export function stallNudgeTarget(ranges: TimeRanges, position: number, stuckMs: number): number | undefined {
  if (stuckMs < STALL_NUDGE_AFTER_MS) return undefined;
  for (let i = 0; i < ranges.length; i++) {
    // Only with at least half a second of media ahead: otherwise it is an ordinary rebuffer.
    if (position >= ranges.start(i) && position + STALL_NUDGE_S + 0.5 <= ranges.end(i)) return position + STALL_NUDGE_S;
  }
  return undefined;
}

export class GapJumper {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastPosition = -1;
  private stuckTicks = 0;
  jumps = 0;
  nudges = 0;
  private static readonly TICK_MS = 250;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly maxGapS: () => number,
    private readonly onJump: (from: number, to: number) => void = () => undefined,
  ) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => this.check(), GapJumper.TICK_MS);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const v = this.video;
    if (v.seeking || v.ended) return;
    const position = v.currentTime;
    const moving = position !== this.lastPosition;
    this.lastPosition = position;
    this.stuckTicks = moving ? 0 : this.stuckTicks + 1;
    // Act when playback wants to move but cannot: paused-by-user is not a stall.
    if (v.paused && v.readyState >= 2) return;
    if (this.stuckTicks < 1 && v.readyState >= 3) return;
    const target = gapJumpTarget(v.buffered, position, this.maxGapS());
    if (target !== undefined) {
      this.jumps += 1;
      this.onJump(position, target);
      v.currentTime = target;
      return;
    }
    if (v.paused) return;
    const nudge = stallNudgeTarget(v.buffered, position, this.stuckTicks * GapJumper.TICK_MS);
    if (nudge === undefined) return;
    this.nudges += 1;
    this.stuckTicks = 0;
    this.onJump(position, nudge);
    v.currentTime = nudge;
  }
}
