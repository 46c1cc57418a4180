import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runSteps, type Steps } from '../../src/core/steps';
import { afterNextFrame, MAX_SLICE_MS, runInSlices, SLICE_MS, type SliceOptions } from '../../src/content/slices';

/** `n` steps of about `ms` of busy work each, logging when each runs. */
function* busySteps(n: number, ms: number, log: string[]): Steps<number> {
  for (let i = 0; i < n; i++) {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      /* busy */
    }
    log.push(`step ${i}`);
    yield;
  }
  return n;
}

describe('runInSlices', () => {
  it('gives the event loop a turn between slices and returns what the steps return', async () => {
    const log: string[] = [];
    const timer = setInterval(() => log.push('page'), 0);
    try {
      const value = await runInSlices(busySteps(12, 2, log), new AbortController().signal, { sliceMs: 5 });
      expect(value).toBe(12);
    } finally {
      clearInterval(timer);
    }
    const steps = log.filter((e) => e.startsWith('step'));
    expect(steps).toHaveLength(12);
    // The page ran between our slices, not only before or after all of them.
    const first = log.indexOf('step 0');
    const last = log.indexOf('step 11');
    expect(log.slice(first, last).filter((e) => e === 'page').length).toBeGreaterThan(0);
  });

  it('pauses whenever a slice has used its time: at most 3 steps of 2 ms in a 5 ms slice', async () => {
    const log: string[] = [];
    const pause = async () => void log.push('pause');
    await runInSlices(busySteps(30, 2, log), new AbortController().signal, { sliceMs: 5, pause });
    expect(log[0]).toBe('pause');
    const runs = log
      .join(',')
      .split('pause')
      .map((run) => run.split(',').filter(Boolean).length);
    expect(Math.max(...runs)).toBeLessThanOrEqual(3);
    expect(runs.filter((n) => n > 0).length).toBeGreaterThanOrEqual(10);
  });

  describe('with the clock in hand (each step 1 ms, the page a set time per turn)', () => {
    beforeEach(() => void vi.useFakeTimers({ toFake: ['performance'] }));
    afterEach(() => void vi.useRealTimers());

    /** The steps run in each slice, for the page's turns `turns` (ms, in order; 0 after). */
    async function slices(options: SliceOptions, turns: number[], steps = 60): Promise<number[]> {
      const log: string[] = [];
      let turn = 0;
      const pause = async () => {
        log.push('pause');
        vi.advanceTimersByTime(turns[turn++] ?? 0);
      };
      function* timed(): Steps<void> {
        for (let i = 0; i < steps; i++) {
          vi.advanceTimersByTime(1);
          log.push('step');
          yield;
        }
      }
      await runInSlices(timed(), new AbortController().signal, { ...options, pause });
      return log
        .join(',')
        .split('pause')
        .slice(1)
        .map((run) => run.split(',').filter(Boolean).length);
    }

    it("grows a slice to half the page's last turn, up to maxSliceMs, and back when the turns are short", async () => {
      // Turns before each slice: 0 (the first), 20, 40, 200, then 0.
      const runs = await slices({ sliceMs: 4, maxSliceMs: 16 }, [0, 20, 40, 200]);
      expect(runs.slice(0, 6)).toEqual([4, 10, 16, 16, 4, 4]);
    });

    it('keeps every slice at sliceMs when maxSliceMs is sliceMs (the reading, whose steps are long)', async () => {
      const runs = await slices({ sliceMs: 3, maxSliceMs: 3 }, [0, 30, 30, 30]);
      expect(new Set(runs.slice(0, -1))).toEqual(new Set([3]));
    });

    it('grows by default to MAX_SLICE_MS, which stays below a long task', async () => {
      const runs = await slices({}, [0, 1000], 200);
      expect(runs[0]).toBe(SLICE_MS);
      expect(runs[1]).toBe(MAX_SLICE_MS);
      expect(MAX_SLICE_MS).toBeLessThan(50);
    });
  });

  it('stops between slices when its signal aborts, rejecting with the reason', async () => {
    const log: string[] = [];
    const abort = new AbortController();
    const run = runInSlices(busySteps(50, 2, log), abort.signal, { sliceMs: 3 });
    setTimeout(() => abort.abort(new Error('page hidden')), 10);
    await expect(run).rejects.toThrow('page hidden');
    expect(log.length).toBeLessThan(50);
  });

  it('runSteps runs them all at once', () => {
    const log: string[] = [];
    expect(runSteps(busySteps(4, 0, log))).toBe(4);
    expect(log).toHaveLength(4);
  });
});

describe('afterNextFrame', () => {
  it("waits for the page's idle time (after its frame), with a timeout for a page never idle", async () => {
    const asked: { timeout: number }[] = [];
    let run: (() => void) | null = null;
    const win = {
      requestIdleCallback: (cb: () => void, opts: { timeout: number }) => {
        asked.push(opts);
        run = cb;
        return 1;
      },
    } as unknown as Window;
    let done = false;
    const waiting = afterNextFrame(win).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    // Not resolved by a task or a timer of its own: only the idle callback ends the wait.
    expect(done).toBe(false);
    expect(asked).toEqual([{ timeout: 50 }]);
    run!();
    await waiting;
    expect(done).toBe(true);
  });

  it('does not wait for a frame in a hidden page (its idle callbacks and timers wait a second there)', async () => {
    let asked = 0;
    const win = {
      document: { visibilityState: 'hidden' },
      requestIdleCallback: () => ++asked,
    } as unknown as Window;
    const order: string[] = [];
    const waiting = afterNextFrame(win).then(() => order.push('after'));
    order.push('now');
    await waiting;
    expect(order).toEqual(['now', 'after']);
    expect(asked).toBe(0);
  });

  it('is the next task where there are no idle callbacks (jsdom)', async () => {
    const order: string[] = [];
    const waiting = afterNextFrame({} as Window).then(() => order.push('after'));
    order.push('now');
    await waiting;
    expect(order).toEqual(['now', 'after']);
  });
});
