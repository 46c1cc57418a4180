// Reading a cleaned article's pristine copy ahead of any request, at the page's idle time, or now for a request.
// Loaded with the extractor (import()), never by the always-injected script or before cleaning ends.
import { extractSteps, warmUpExtraction } from '../core/extract';
import type { Steps } from '../core/steps';
import { countText } from '../core/text';
import type { Article } from '../core/types';
import { runInSlices, SLICE_MS, yieldToPage } from './slices';

/**
 * The body is read a group of whole nodes of about this size at a time (the core's default is 64 KB): the
 * first reading on a page runs its code cold, when sanitizing 64 KB could take 80-130 ms in one step. Groups read as
 * the whole does (test/unit/extract-steps.test.ts); they also make the reader's first paint smaller.
 */
const GROUP_CHARS = 16 * 1024;
/** The first group's size (they double up to GROUP_CHARS): the first sanitizing of a page runs unoptimized code,
 *  and a first group of 16 KB made a 35-ms step on the largest corpus article. */
const FIRST_GROUP_CHARS = 2 * 1024;

export interface Reading {
  article: Promise<Article>;
  /** Someone waits for it now: no more waiting for idle time. */
  hurry(): void;
}

export interface ReadOptions {
  url: string;
  win: Window;
  trustHead: boolean;
  signal: AbortSignal;
  /** Only in the page's idle time, until hurried. */
  ahead: boolean;
}

/**
 * The first call of the sanitizer, the group's cleaning (which runs inside it) and the counter on a page compiles
 * their code: on a line of markup, each in a step of its own, rather than inside the first group's step (a 68 ms
 * task on f342 before).
 */
function* warmUp(win: Window): Steps<void> {
  warmUpExtraction(win);
  yield;
  countText('a 字');
  yield;
}

function* readSteps(source: Document, win: Window, opts: Parameters<typeof extractSteps>[1]): Steps<Article> {
  yield* warmUp(win);
  return yield* extractSteps(source, opts);
}

/** The article of `source`, read in slices (no Markdown: a copy or a save makes it when asked). */
export function readArticle(source: Document, { url, win, trustHead, signal, ahead }: ReadOptions): Reading {
  const pace = ahead ? idlePace(win) : { pause: yieldToPage, hurry: () => undefined };
  const steps = readSteps(source, win, {
    url,
    win,
    markdown: false,
    trustHead,
    groupChars: GROUP_CHARS,
    firstGroupChars: FIRST_GROUP_CHARS,
  });
  // Fixed slices: a step here is a group sanitized whole (up to ~30 ms on the largest corpus article), and a slice
  // grown past one would take a second group into the same task.
  const article = runInSlices(steps, signal, { sliceMs: SLICE_MS, maxSliceMs: SLICE_MS, pause: pace.pause });
  return { article, hurry: pace.hurry };
}

interface IdleWindow {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
}

/** A pause for runInSlices that waits for the page's idle time (work nobody waits for yet), until `hurry()`:
 *  from then on, and for a pause already waiting, it yields as usual (someone now waits for the result). */
export function idlePace(win: Window): { pause: () => Promise<void>; hurry: () => void } {
  const idle = win as unknown as IdleWindow;
  let urgent = typeof idle.requestIdleCallback !== 'function';
  let wake: (() => void) | null = null;
  return {
    pause() {
      if (urgent) return yieldToPage();
      return new Promise<void>((resolve) => {
        // The timeout: a page that is never idle (an animation loop) still gets its article read, slowly.
        const handle = idle.requestIdleCallback!(
          () => {
            wake = null;
            resolve();
          },
          { timeout: 2000 },
        );
        wake = () => {
          idle.cancelIdleCallback?.(handle);
          wake = null;
          resolve();
        };
      });
    },
    hurry() {
      urgent = true;
      wake?.();
    },
  };
}
