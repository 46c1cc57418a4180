// Themes navigate with pjax: a container is swapped (replaced, or its children replaced) without a page load.
// Which container and which events is the site profile's (data/themes.ts `pjax`). Call `onSwap` after each
// swap, debounced, until `signal` aborts.
import { THEMES, type PjaxSpec } from '../core/data/themes';
import { findTheme } from '../core/detect';
import { guarded } from './log';

/** The page's theme's pjax, else the first profile whose container the page has. */
export function pjaxOf(doc: Document): PjaxSpec | null {
  const own = findTheme(doc)?.pjax;
  if (own && doc.querySelector(own.container)) return own;
  return THEMES.map((t) => t.pjax).find((p): p is PjaxSpec => !!p && doc.querySelector(p.container) !== null) ?? null;
}

/** The element the page's pjax swaps, or null. */
export function pjaxContainer(doc: Document): Element | null {
  const spec = pjaxOf(doc);
  return spec ? doc.querySelector(spec.container) : null;
}

export function watchPjax(doc: Document, onSwap: () => void, signal: AbortSignal): boolean {
  const spec = pjaxOf(doc);
  if (!spec) return false;
  const { container: CONTAINER, events: EVENTS } = spec;
  const container = doc.querySelector(CONTAINER);
  const parent = container?.parentNode;
  if (!container || !parent) return false;

  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = guarded('pjax', () => {
    clearTimeout(timer);
    timer = setTimeout(guarded('pjax swap', onSwap), 30);
  });

  let watched: Element | null = null;
  const inner = new MutationObserver(schedule);
  const watchContainer = () => {
    const current = doc.querySelector(CONTAINER);
    if (current === watched) return;
    inner.disconnect();
    watched = current;
    if (current) inner.observe(current, { childList: true });
  };
  // The container itself replaced (outerHTML switch): re-attach to the new one.
  const outer = new MutationObserver(() => {
    watchContainer();
    schedule();
  });
  outer.observe(parent, { childList: true });
  watchContainer();

  for (const type of EVENTS) doc.addEventListener(type, schedule, { signal });
  addEventListener('popstate', schedule, { signal });
  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      inner.disconnect();
      outer.disconnect();
    },
    { once: true },
  );
  return true;
}
