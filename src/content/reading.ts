// Reading a cleaned article's pristine copy ahead of any request, at the page's idle time, or now for a request.
// Loaded with the extractor (import()), never by the always-injected script or before cleaning ends.
import { extractSteps } from '../core/extract';
import type { Article } from '../core/types';
import { runInSlices, SLICE_MS, yieldToPage } from './slices';

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

/** The article of `source`, read in slices (no Markdown: a copy or a save makes it when asked). */
export function readArticle(source: Document, { url, win, trustHead, signal, ahead }: ReadOptions): Reading {
  const pace = ahead ? idlePace(win) : { pause: yieldToPage, hurry: () => undefined };
  const article = runInSlices(extractSteps(source, { url, win, markdown: false, trustHead }), signal, SLICE_MS, pace.pause);
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
        const handle = idle.requestIdleCallback!(() => {
          wake = null;
          resolve();
        }, { timeout: 2000 });
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
