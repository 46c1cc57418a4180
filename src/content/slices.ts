// Drives the core's step generators (src/core/steps.ts) on the page's main thread in short slices, handing
// the thread back to the page between them: cleaning a 20,000-image article must not freeze the page.
import type { Steps } from '../core/steps';

/** About one frame's spare time: long enough to make progress, short enough to stay far below a long task. */
export const SLICE_MS = 8;

interface Scheduler {
  postTask?: (callback: () => void) => Promise<void>;
}

/** Let the page run (input, rendering, its own scripts and timers) before we go on. Not `scheduler.yield()`:
 *  its continuation runs ahead of the page's timers, which then never ran during a long clean (the stress test:
 *  11.7 s without a timer on a 20,000-image page). A posted task or a timer queues behind them. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => undefined);
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The most a slice grows to on a page whose own turns between our slices are long (see `runInSlices`): below the
 * 50 ms of a long task, with room for the step that crosses the deadline.
 */
export const MAX_SLICE_MS = 32;

export interface SliceOptions {
  /** A slice's time while the page's turns are short (default SLICE_MS). */
  sliceMs?: number;
  /** How long a slice may grow with the page's turns (default MAX_SLICE_MS); `sliceMs` keeps every slice at it. */
  maxSliceMs?: number;
  /** How the page gets its turn between slices (default yieldToPage). */
  pause?: () => Promise<void>;
}

/**
 * Run `steps` to the end in slices, starting after a yield. Rejects with the signal's reason when it aborts between
 * slices; what was done so far is the caller's to undo.
 *
 * A slice takes `sliceMs`, or half as long as the page's last turn when that is longer, up to `maxSliceMs`. Each
 * turn of a large page is mostly a frame that lays the whole page out again (cleaning the 5 MB page: frames of
 * 60-100 ms between our 8 ms slices). Fixed slices left us a tenth of the thread there, and the pictures came back
 * after 7-10 s; slices that follow the page's turns keep to about a third of it, and on a light page, whose turns
 * are short, they stay at `sliceMs`.
 */
export async function runInSlices<T>(steps: Steps<T>, signal: AbortSignal, options: SliceOptions = {}): Promise<T> {
  const { sliceMs = SLICE_MS, pause = yieldToPage } = options;
  const maxSliceMs = Math.max(sliceMs, options.maxSliceMs ?? MAX_SLICE_MS);
  let ended = NaN;
  for (;;) {
    await pause();
    signal.throwIfAborted();
    const start = performance.now();
    // Before the first slice the turn is NaN, and `|| 0` makes the budget sliceMs.
    const budget = Math.min(maxSliceMs, Math.max(sliceMs, (start - ended) / 2 || 0));
    const deadline = start + budget;
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (performance.now() >= deadline) break;
    }
    ended = performance.now();
  }
}

/** A task of its own, right away: a message to ourselves is never throttled as timers are in a hidden page. */
function nextTask(win: Window): Promise<void> {
  const Channel = (win as Window & typeof globalThis).MessageChannel ?? globalThis.MessageChannel;
  if (typeof Channel !== 'function') return yieldToPage();
  return new Promise((resolve) => {
    const channel = new Channel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

interface IdleWindow {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number;
}

/** The page's idle time after its next frame: what is added to a page then is laid out in a frame of its own. Each
 *  group of a long article added a task after the other was laid out with all the others in one frame (97 ms of
 *  layout for the largest corpus article in the reader). A page never idle gets a turn after `timeout` ms. */
export function afterNextFrame(win: Window, timeout = 50): Promise<void> {
  // A hidden page paints no frame, and its idle callbacks and timers wait up to a second each (a reader opened, then
  // its tab hidden, filled a group a second): nothing to wait for.
  if (win.document?.visibilityState === 'hidden') return nextTask(win);
  const idle = win as unknown as IdleWindow;
  if (typeof idle.requestIdleCallback !== 'function') return yieldToPage();
  return new Promise((resolve) => idle.requestIdleCallback!(() => resolve(), { timeout }));
}
