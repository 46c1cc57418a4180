// Moving the keyboard focus to a block of the article (a paragraph for j/k, a heading from the outline): focusable
// only while it holds the focus (tabindex=-1, removed on blur), so Tab still walks the links and controls alone, and
// scrolled within the reader's scroller only (scrollIntoView would also scroll the page behind the overlay).

/** Marks the block that holds the keyboard focus; the reader's CSS draws its ring. */
export const NAV_ATTRIBUTE = 'data-pnr-nav';
/** Room kept above a block scrolled to (px): its first line is not flush with the toolbar. */
const MARGIN = 16;

export type ScrollAim = 'start' | 'nearest';

/**
 * How far to scroll (px, positive = down) so that `block` is in view: its top at the view's top plus the margin
 * (`start`), or (`nearest`) as little as will show it whole, its top first when it is taller than the view.
 */
export function scrollDelta(block: { top: number; bottom: number }, view: { top: number; bottom: number }, aim: ScrollAim): number {
  const toTop = block.top - view.top - MARGIN;
  if (aim === 'start') return toTop;
  if (block.top < view.top + MARGIN) return toTop;
  if (block.bottom > view.bottom - MARGIN) return Math.min(toTop, block.bottom - view.bottom + MARGIN);
  return 0;
}

/** Focuses `block` without the browser scrolling anything, then scrolls the scroller to it. */
export function focusBlock(block: HTMLElement, scroller: HTMLElement, opts: { aim: ScrollAim; smooth: boolean }): void {
  if (!block.hasAttribute(NAV_ATTRIBUTE)) {
    const added = !block.hasAttribute('tabindex');
    if (added) block.setAttribute('tabindex', '-1');
    block.setAttribute(NAV_ATTRIBUTE, '');
    const release = (): void => {
      if (added) block.removeAttribute('tabindex');
      block.removeAttribute(NAV_ATTRIBUTE);
    };
    block.addEventListener('blur', release, { once: true });
    block.focus({ preventScroll: true });
    // Not focusable after all (hidden): nothing may stay marked.
    if ((block.getRootNode() as Document | ShadowRoot).activeElement !== block) {
      block.removeEventListener('blur', release);
      release();
    }
  } else {
    block.focus({ preventScroll: true });
  }
  const delta = scrollDelta(block.getBoundingClientRect(), scroller.getBoundingClientRect(), opts.aim);
  if (delta === 0) return;
  scrollToward(scroller, scroller.scrollTop + delta, opts.smooth);
}

/**
 * Scrolls to an absolute position: Firefox adds a relative scrollBy to the destination of a smooth scroll still on
 * its way, which sent a correction made mid-way to the end of the article.
 */
function scrollToward(scroller: HTMLElement, top: number, smooth: boolean): void {
  if (typeof scroller.scrollTo === 'function') scroller.scrollTo({ top, behavior: smooth ? 'smooth' : 'auto' });
  else scroller.scrollTop = top;
}

/** True when some of `el` is inside the scroller's view. */
export function inView(el: Element, scroller: Element): boolean {
  const r = el.getBoundingClientRect();
  const v = scroller.getBoundingClientRect();
  return r.bottom > v.top && r.top < v.bottom;
}

/** What the user does to scroll by hand: ends a hold. */
const BY_HAND = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;

/**
 * Keeps `block` at the top of the scroller for up to `ms` while the article above it changes height (lazy pictures
 * arriving after a jump: without this, an outline jump in a picture-heavy post lands hundreds of pixels off). Ends
 * early when the user scrolls by hand. Returns the function that ends it.
 */
export function holdAtTop(block: HTMLElement, scroller: HTMLElement, ms: number): () => void {
  const content = scroller.firstElementChild;
  if (typeof ResizeObserver === 'undefined' || !content) return () => undefined;
  // Observing reports the size once at the start: only a change from this one is acted on (a smooth scroll on its
  // way must go on).
  let height = content.getBoundingClientRect().height;
  const observer = new ResizeObserver(() => {
    const now = content.getBoundingClientRect().height;
    if (now === height) return;
    height = now;
    const delta = scrollDelta(block.getBoundingClientRect(), scroller.getBoundingClientRect(), 'start');
    if (Math.abs(delta) > 1) scrollToward(scroller, scroller.scrollTop + delta, false);
  });
  const stop = (): void => {
    clearTimeout(timer);
    observer.disconnect();
    for (const type of BY_HAND) scroller.removeEventListener(type, stop);
  };
  const timer = setTimeout(stop, ms);
  observer.observe(content);
  for (const type of BY_HAND) scroller.addEventListener(type, stop, { passive: true });
  return stop;
}
