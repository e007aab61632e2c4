/**
 * The simulated playhead and buffer: media is appended contiguously in
 * segment order; playback starts once `startupBufferS` is buffered (or all
 * media is), drains the buffer in real time, stalls when it empties before
 * the end and resumes as soon as the awaited segment is appended. Each stall
 * is attributed to the segment it waited for.
 */

export interface StallRecord {
  readonly startMs: number;
  readonly endMs: number;
  /** The segment playback was waiting for. */
  readonly segmentIndex: number;
}

export class SimPlayback {
  positionS = 0;
  appendedEndS = 0;
  appendedCount = 0;
  startupComplete = false;
  startupMs: number | undefined;
  ended = false;
  readonly stalls: StallRecord[] = [];
  private stallStart: { atMs: number; segmentIndex: number } | undefined;

  constructor(
    private readonly segmentDurationS: number,
    private readonly segmentCount: number,
    private readonly startupBufferS: number,
  ) {}

  get endS(): number {
    return this.segmentCount * this.segmentDurationS;
  }

  get bufferS(): number {
    return Math.max(0, this.appendedEndS - this.positionS);
  }

  get stalled(): boolean {
    return this.stallStart !== undefined;
  }

  /** Playing as the <video> element reports it: not paused, so true while stalled too. */
  get playing(): boolean {
    return this.startupComplete && !this.ended;
  }

  get advancing(): boolean {
    return this.playing && !this.stalled;
  }

  /** When the buffer runs out at the current pace; Infinity when not draining. */
  nextEmptyMs(nowMs: number): number {
    return this.advancing ? nowMs + this.bufferS * 1000 : Infinity;
  }

  advance(dtMs: number): void {
    if (this.advancing) this.positionS = Math.min(this.appendedEndS, this.positionS + dtMs / 1000);
  }

  append(nowMs: number): void {
    this.appendedCount += 1;
    this.appendedEndS = this.appendedCount * this.segmentDurationS;
    if (this.stallStart) {
      this.stalls.push({ startMs: this.stallStart.atMs, endMs: nowMs, segmentIndex: this.stallStart.segmentIndex });
      this.stallStart = undefined;
    }
  }

  /** Applies the transitions due at `nowMs`: startup, stall, end. */
  update(nowMs: number): void {
    const allAppended = this.appendedCount >= this.segmentCount;
    if (!this.startupComplete && (this.bufferS >= this.startupBufferS - 1e-9 || allAppended)) {
      this.startupComplete = true;
      this.startupMs = nowMs;
    }
    if (!this.advancing || this.bufferS > 1e-9) return;
    if (allAppended) this.ended = true;
    else this.stallStart = { atMs: nowMs, segmentIndex: this.appendedCount };
  }

  /** Ends the session: a stall still open counts up to `nowMs`. */
  finish(nowMs: number): void {
    if (!this.stallStart) return;
    this.stalls.push({ startMs: this.stallStart.atMs, endMs: nowMs, segmentIndex: this.stallStart.segmentIndex });
    this.stallStart = undefined;
  }

  /** Stall seconds attributed to each segment. */
  rebufferBySegment(): Map<number, number> {
    const by = new Map<number, number>();
    for (const s of this.stalls) by.set(s.segmentIndex, (by.get(s.segmentIndex) ?? 0) + (s.endMs - s.startMs) / 1000);
    return by;
  }
}
