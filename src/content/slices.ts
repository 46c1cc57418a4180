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

/** Run `steps` to the end in slices of about `sliceMs`, starting after a yield. Rejects with the signal's
 *  reason when it aborts between slices; what was done so far is the caller's to undo. */
export async function runInSlices<T>(
  steps: Steps<T>,
  signal: AbortSignal,
  sliceMs = SLICE_MS,
  pause: () => Promise<void> = yieldToPage,
): Promise<T> {
  for (;;) {
    await pause();
    signal.throwIfAborted();
    const deadline = performance.now() + sliceMs;
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (performance.now() >= deadline) break;
    }
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
