/**
 * Response bodies on one HTTP/2 connection are sent one after another, in the
 * order their requests arrived, as HTTP/1.1 would.
 *
 * Why: nghttp2 interleaves concurrent streams round-robin, so pipelined
 * responses all finish at about the same moment. The client then asks for the
 * next ones at the same moment, the connection has nothing to send for one
 * RTT, and when the requests land TCP releases a whole congestion window at
 * line rate into the bottleneck's drop-tail queue. Measured in the lab
 * (docs/lab.md, "Transport ceiling"): ~80 ms gaps followed by 45–69 packet
 * bursts, losses on the video flow, 0.6 of fair share where a bulk flow got
 * 1.0. In order, the next body is already queued behind the current one when
 * it completes, and the client's next request arrives while it is being sent.
 *
 * A body that stops making progress (a deliberate stall, or a stream blocked
 * by its own flow-control window) must not hold up the others: it yields its
 * turn, explicitly or after `yieldAfterMs` without progress, and the next body
 * starts alongside it. And no body waits longer than `maxWaitMs`: its headers
 * went out at once (so the client's time to first byte stays an RTT), and a
 * client times out a response whose body does not start (the player's stall
 * limit is 5 s), so a long queue degrades to interleaving instead.
 */

export interface SendOrderTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SendOrderOptions {
  /** A body that hands nothing over for this long stops blocking later ones (default 1000 ms). */
  readonly yieldAfterMs?: number;
  /** A body waits at most this long for its turn, then starts alongside the others (default 2000 ms). */
  readonly maxWaitMs?: number;
  readonly timers?: SendOrderTimers;
}

export interface BodyTurn {
  /** Resolves when this body may start sending. */
  readonly ready: Promise<void>;
  /** A chunk of this body was handed to the connection. */
  progress(): void;
  /** Stop blocking later bodies (this one may go on sending). */
  yieldTurn(): void;
  /** The body finished or was abandoned. Idempotent. */
  done(): void;
}

const DEFAULT_YIELD_AFTER_MS = 1000;
const DEFAULT_MAX_WAIT_MS = 2000;

const REAL_TIMERS: SendOrderTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface TurnState {
  granted: boolean;
  /** Done or yielded: no longer holds up the bodies behind it. */
  released: boolean;
  grant: () => void;
  watchdog: unknown;
  waitTimer: unknown;
}

export class SendOrder {
  readonly #yieldAfterMs: number;
  readonly #maxWaitMs: number;
  readonly #timers: SendOrderTimers;
  /** Turns not yet released, in arrival order; the first one is granted. */
  readonly #queue: TurnState[] = [];

  constructor(options: SendOrderOptions = {}) {
    this.#yieldAfterMs = options.yieldAfterMs ?? DEFAULT_YIELD_AFTER_MS;
    this.#maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.#timers = options.timers ?? REAL_TIMERS;
  }

  /** Bodies waiting for their turn (the one sending excluded). */
  get waiting(): number {
    return this.#queue.filter((t) => !t.granted).length;
  }

  enqueue(): BodyTurn {
    let grant!: () => void;
    const ready = new Promise<void>((resolve) => (grant = resolve));
    const state: TurnState = { granted: false, released: false, grant, watchdog: undefined, waitTimer: undefined };
    this.#queue.push(state);
    this.#grantHead();
    if (!state.granted) state.waitTimer = this.#timers.setTimeout(() => this.#start(state), this.#maxWaitMs);
    return {
      ready,
      progress: () => {
        if (state.granted && !state.released) this.#armWatchdog(state);
      },
      yieldTurn: () => this.#release(state),
      done: () => this.#release(state),
    };
  }

  #grantHead(): void {
    const head = this.#queue[0];
    if (head) this.#start(head);
  }

  /** Lets a body send: at the head of the queue, or after waiting maxWaitMs (it keeps its place). */
  #start(state: TurnState): void {
    if (state.granted || state.released) return;
    state.granted = true;
    if (state.waitTimer !== undefined) this.#timers.clearTimeout(state.waitTimer);
    state.waitTimer = undefined;
    this.#armWatchdog(state);
    state.grant();
  }

  #armWatchdog(state: TurnState): void {
    if (state.watchdog !== undefined) this.#timers.clearTimeout(state.watchdog);
    state.watchdog = this.#timers.setTimeout(() => {
      state.watchdog = undefined;
      this.#release(state);
    }, this.#yieldAfterMs);
  }

  #release(state: TurnState): void {
    if (state.released) return;
    state.released = true;
    if (state.watchdog !== undefined) this.#timers.clearTimeout(state.watchdog);
    if (state.waitTimer !== undefined) this.#timers.clearTimeout(state.waitTimer);
    state.watchdog = undefined;
    state.waitTimer = undefined;
    const index = this.#queue.indexOf(state);
    if (index >= 0) this.#queue.splice(index, 1);
    // A turn released before it was granted (its client went away) simply leaves the queue.
    if (!state.granted) state.grant();
    this.#grantHead();
  }
}
