// Moving the keyboard focus to a block of the article (a paragraph for j/k, a heading from the outline): focusable
// only while it holds the focus (tabindex=-1, removed on blur), so Tab still walks the links and controls alone, and
// scrolled within the reader's scroller only (scrollIntoView would also scroll the page behind the overlay). Along
// the scroller's reading axis: down, or in vertical writing (竖排) leftwards.
import { scrollAxis, scrollProgress, scrollToProgress, type ScrollAxis } from './reading-position';

/** Marks the block that holds the keyboard focus; the reader's CSS draws its ring. */
export const NAV_ATTRIBUTE = 'data-pnr-nav';
/** Room kept before a block scrolled to (px): its first line is not flush with the toolbar. */
const MARGIN = 16;

export type ScrollAim = 'start' | 'nearest';

/** Where a box starts and ends along the reading axis, growing as one reads on (vertical-rl reads leftwards). */
export interface Span {
  start: number;
  end: number;
}

export function along(r: { top: number; bottom: number; left: number; right: number }, axis: ScrollAxis): Span {
  return axis === 'y' ? { start: r.top, end: r.bottom } : { start: -r.right, end: -r.left };
}

/**
 * How far to scroll on (px; negative: back) so that `block` is in view: its start at the view's start plus the
 * margin (`start`), or (`nearest`) as little as will show it whole, its start first when it is longer than the view.
 */
export function scrollDelta(block: Span, view: Span, aim: ScrollAim): number {
  const toStart = block.start - view.start - MARGIN;
  if (aim === 'start') return toStart;
  if (block.start < view.start + MARGIN) return toStart;
  if (block.end > view.end - MARGIN) return Math.min(toStart, block.end - view.end + MARGIN);
  return 0;
}

/** How far `block` is from where `aim` wants it in `scroller`. */
function deltaIn(block: Element, scroller: Element, aim: ScrollAim, axis: ScrollAxis): number {
  return scrollDelta(along(block.getBoundingClientRect(), axis), along(scroller.getBoundingClientRect(), axis), aim);
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
  const axis = scrollAxis(scroller);
  const delta = deltaIn(block, scroller, opts.aim, axis);
  if (delta !== 0) scrollOn(scroller, delta, opts.smooth, axis);
}

/**
 * Scrolls `by` px on along the axis, to an absolute position: Firefox adds a relative scrollBy to the destination of
 * a smooth scroll still on its way, which sent a correction made mid-way to the end of the article.
 */
function scrollOn(scroller: HTMLElement, by: number, smooth: boolean, axis: ScrollAxis): void {
  const at = scrollProgress(scroller, axis).at + by;
  if (!smooth || typeof scroller.scrollTo !== 'function') return scrollToProgress(scroller, at, axis);
  scroller.scrollTo(axis === 'y' ? { top: at, behavior: 'smooth' } : { left: -at, behavior: 'smooth' });
}

/** True when some of `el` is inside the scroller's view. */
export function inView(el: Element, scroller: Element): boolean {
  const r = el.getBoundingClientRect();
  const v = scroller.getBoundingClientRect();
  return r.bottom > v.top && r.top < v.bottom && r.right > v.left && r.left < v.right;
}

/** What the user does to scroll by hand: ends a hold. */
const BY_HAND = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;

/**
 * Keeps `block` at the start of the scroller's view for up to `ms` while the article before it changes size (lazy
 * pictures arriving after a jump: without this, an outline jump in a picture-heavy post lands hundreds of pixels
 * off). Ends early when the user scrolls by hand; `onEnd` is called once as it ends. Returns the function that ends it.
 */
export function holdAtStart(block: HTMLElement, scroller: HTMLElement, ms: number, onEnd: () => void = () => undefined): () => void {
  const content = scroller.firstElementChild ?? scroller;
  const size = (): string => {
    const r = content.getBoundingClientRect();
    return `${r.width}x${r.height}`;
  };
  // Observing reports the size once at the start: only a change from this one is acted on (a smooth scroll on its
  // way must go on).
  let was = size();
  // Engines without it (jsdom) keep the rest: the end by hand or by time.
  const observer =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver(() => {
          const now = size();
          if (now === was) return;
          was = now;
          const axis = scrollAxis(scroller);
          const delta = deltaIn(block, scroller, 'start', axis);
          if (Math.abs(delta) > 1) scrollOn(scroller, delta, false, axis);
        });
  let ended = false;
  const stop = (): void => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    observer?.disconnect();
    for (const type of BY_HAND) scroller.removeEventListener(type, stop);
    onEnd();
  };
  const timer = setTimeout(stop, ms);
  observer?.observe(content);
  for (const type of BY_HAND) scroller.addEventListener(type, stop, { passive: true });
  return stop;
}
