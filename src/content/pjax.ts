// Volantis navigates with pjax: `#pjax-container` is swapped (replaced, or its children replaced) without a
// page load. Call `onSwap` after each swap, debounced, until `signal` aborts.
import { guarded } from './log';

const CONTAINER = '#pjax-container';
/** Events the pjax libraries the theme ships with dispatch on document after a swap. */
const EVENTS = ['pjax:complete', 'pjax:success', 'pjax:end'];

export function watchPjax(doc: Document, onSwap: () => void, signal: AbortSignal): boolean {
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
