// Keep every unwrapped image or video visible: when the original fails to load, try the next address of
// the core's fallback chain (original over https → original as written → the proxy the page used).
import { imageCandidates } from '../core/media';
import type { UndoLog } from '../core/undo';
import { guarded } from './log';

interface Chain {
  candidates: string[];
  tried: Set<string>;
}

const FALLBACK_ELEMENTS = new Set(['img', 'video']);

/** Attributes that must follow `src`, or the browser keeps showing (or retrying) the failed address. */
const FOLLOWERS = ['srcset', 'data-srcset'];

/** Through the cleaning's undo log, so un-cleaning the page also takes back what the fallback changed. */
function switchTo(el: Element, url: string, log: UndoLog): void {
  for (const name of FOLLOWERS) {
    const value = el.getAttribute(name);
    if (value !== null && !/^\s*data:/i.test(value)) log.setAttr(el, name, url);
  }
  if (!el.hasAttribute('referrerpolicy')) log.setAttr(el, 'referrerpolicy', 'no-referrer');
  log.setAttr(el, 'src', url);
}

/**
 * Watch the media under `root` for load errors. `written` maps each element to its address as the page
 * wrote it (before cleaning), which is what the fallback chain is computed from; it may still be filling up
 * (cleaning runs in slices): call the returned `retryFailed` once it is complete.
 */
export function keepMediaVisible(root: Element, written: Map<Element, string>, log: UndoLog, signal: AbortSignal): { retryFailed(): void } {
  // Chains are worked out on an element's first error only: most images never fail.
  const chains = new WeakMap<Element, Chain | null>();
  const chainOf = (el: Element): Chain | null => {
    let chain = chains.get(el);
    if (chain !== undefined) return chain;
    const raw = FALLBACK_ELEMENTS.has(el.localName) ? written.get(el) : undefined;
    // Not read yet (cleaning is still on its way to it): the retry after cleaning gives it its turn.
    if (raw === undefined) return null;
    const candidates = imageCandidates(raw);
    chain = candidates.length > 1 ? { candidates, tried: new Set() } : null;
    chains.set(el, chain);
    return chain;
  };

  const next = (el: Element): void => {
    const chain = chainOf(el);
    if (!chain) return;
    const current = el.getAttribute('src');
    if (current) chain.tried.add(current);
    const url = chain.candidates.find((c) => !chain.tried.has(c));
    if (url === undefined) return; // every address failed: leave the broken image, as the page would
    chain.tried.add(url);
    switchTo(el, url, log);
  };

  // `error` does not bubble, but it can be caught on the way down.
  root.addEventListener(
    'error',
    guarded('media fallback', (event: Event) => {
      const el = event.target;
      // A late error of the address the element had before cleaning (Firefox) while the new one is loading:
      // not a failure of what it shows now.
      if (el instanceof HTMLImageElement && !el.complete) return;
      if (el instanceof Element) next(el);
    }),
    { capture: true, signal },
  );

  return {
    // An image that failed before we listened, or before cleaning read it, gets its turn now.
    retryFailed: guarded('media retry', () => {
      for (const el of written.keys()) {
        if (el instanceof HTMLImageElement && el.complete && el.naturalWidth === 0 && el.getAttribute('src')) next(el);
      }
    }),
  };
}
