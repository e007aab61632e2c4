import { describe, expect, it } from 'vitest';
import { SendOrder, type SendOrderTimers } from './send-order.js';

/** Timers driven by hand: advance(ms) fires what falls due. */
function fakeTimers(): SendOrderTimers & { advance(ms: number): void } {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  return {
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = until;
    },
  };
}

/** Which of the turns' ready promises have resolved, after the microtasks run. */
async function grantedOf(turns: readonly { ready: Promise<void> }[]): Promise<boolean[]> {
  const flags = turns.map(() => false);
  turns.forEach((t, i) => void t.ready.then(() => (flags[i] = true)));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return flags;
}

describe('SendOrder', () => {
  it('lets one body send at a time, in arrival order', async () => {
    const order = new SendOrder({ timers: fakeTimers() });
    const turns = [order.enqueue(), order.enqueue(), order.enqueue()];
    expect(await grantedOf(turns)).toEqual([true, false, false]);
    expect(order.waiting).toBe(2);
    turns[0]?.done();
    expect(await grantedOf(turns)).toEqual([true, true, false]);
    turns[1]?.done();
    expect(await grantedOf(turns)).toEqual([true, true, true]);
    expect(order.waiting).toBe(0);
  });

  it('drops a waiting turn whose client went away without granting the ones before it', async () => {
    const order = new SendOrder({ timers: fakeTimers() });
    const turns = [order.enqueue(), order.enqueue(), order.enqueue()];
    turns[1]?.done();
    expect((await grantedOf(turns))[2]).toBe(false);
    turns[0]?.done();
    expect((await grantedOf(turns))[2]).toBe(true);
  });

  it('a body that yields (a stall) stops blocking the next one', async () => {
    const order = new SendOrder({ timers: fakeTimers() });
    const turns = [order.enqueue(), order.enqueue()];
    turns[0]?.yieldTurn();
    expect(await grantedOf(turns)).toEqual([true, true]);
    turns[0]?.done(); // idempotent after a yield
    expect(order.waiting).toBe(0);
  });

  it('yields on its own after yieldAfterMs without progress, not while progressing', async () => {
    const timers = fakeTimers();
    const order = new SendOrder({ timers, yieldAfterMs: 100 });
    const turns = [order.enqueue(), order.enqueue()];
    for (let i = 0; i < 10; i++) {
      timers.advance(90);
      turns[0]?.progress();
    }
    expect(await grantedOf(turns)).toEqual([true, false]);
    timers.advance(101);
    expect(await grantedOf(turns)).toEqual([true, true]);
  });

  it('no body waits longer than maxWaitMs: it starts alongside and keeps its place', async () => {
    const timers = fakeTimers();
    const order = new SendOrder({ timers, yieldAfterMs: 10_000, maxWaitMs: 2000 });
    const turns = [order.enqueue(), order.enqueue(), order.enqueue()];
    timers.advance(1999);
    expect(await grantedOf(turns)).toEqual([true, false, false]);
    timers.advance(1);
    expect(await grantedOf(turns)).toEqual([true, true, true]);
    expect(order.waiting).toBe(0);
  });

  it('a turn enqueued after all others finished starts at once', async () => {
    const order = new SendOrder({ timers: fakeTimers() });
    const first = order.enqueue();
    first.done();
    const second = order.enqueue();
    expect(await grantedOf([second])).toEqual([true]);
  });
});
