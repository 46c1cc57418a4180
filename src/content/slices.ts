// Drives the core's step generators (src/core/steps.ts) on the page's main thread in short slices, handing
// the thread back to the page between them: cleaning a 20,000-image article must not freeze the page.
import type { Steps } from '../core/steps';

/** About one frame's spare time: long enough to make progress, short enough to stay far below a long task. */
export const SLICE_MS = 8;

interface Scheduler {
  yield?: () => Promise<void>;
}

/** Let the page run (input, rendering, its own scripts) before we go on. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  // scheduler.yield() resumes ahead of other queued tasks; setTimeout is the fallback where it is missing.
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
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
