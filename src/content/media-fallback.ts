// Keep every unwrapped image or video visible: when the original fails to load, try the next address of
// the core's fallback chain (original over https → original as written → the proxy the page used).
import { imageCandidates } from '../core';
import { guarded } from './log';

interface Chain {
  candidates: string[];
  tried: Set<string>;
}

const FALLBACK_ELEMENTS = new Set(['img', 'video']);

/** Attributes that must follow `src`, or the browser keeps showing (or retrying) the failed address. */
const FOLLOWERS = ['srcset', 'data-srcset'];

function switchTo(el: Element, url: string): void {
  for (const name of FOLLOWERS) {
    const value = el.getAttribute(name);
    if (value !== null && !/^\s*data:/i.test(value)) el.setAttribute(name, url);
  }
  if (!el.hasAttribute('referrerpolicy')) el.setAttribute('referrerpolicy', 'no-referrer');
  el.setAttribute('src', url);
}

/**
 * Watch the media under `root` for load errors. `written` maps each element to its address as the page
 * wrote it (before cleaning), which is what the fallback chain is computed from.
 */
export function keepMediaVisible(root: Element, written: Map<Element, string>, signal: AbortSignal): void {
  const chains = new WeakMap<Element, Chain>();
  for (const [el, raw] of written) {
    if (!FALLBACK_ELEMENTS.has(el.localName)) continue;
    const candidates = imageCandidates(raw);
    if (candidates.length > 1) chains.set(el, { candidates, tried: new Set() });
  }

  const next = (el: Element): void => {
    const chain = chains.get(el);
    if (!chain) return;
    const current = el.getAttribute('src');
    if (current) chain.tried.add(current);
    const url = chain.candidates.find((c) => !chain.tried.has(c));
    if (url === undefined) return; // every address failed: leave the broken image, as the page would
    chain.tried.add(url);
    switchTo(el, url);
  };

  // `error` does not bubble, but it can be caught on the way down.
  root.addEventListener(
    'error',
    guarded('media fallback', (event: Event) => {
      if (event.target instanceof Element) next(event.target);
    }),
    { capture: true, signal },
  );

  // An image that failed before we listened (an address cleaning did not change) gets its turn now.
  for (const el of written.keys()) {
    if (el instanceof HTMLImageElement && el.complete && el.naturalWidth === 0 && el.getAttribute('src')) next(el);
  }
}
