// What read aloud shows in the article: the paragraph being read (a class on its element), the sentence being read
// (sentence-mark.ts), and the view following the sentence when it leaves the comfortable middle of the scroller.
import { boxMarker, highlightMarker, textRange, type HighlightApi, type SentenceMarker } from './sentence-mark';

export const SPEAKING_CLASS = 'pnr-speaking';

/** The band of the scroller's height a sentence may be read in without the view moving. */
const BAND = { top: 0.12, bottom: 0.82 };
/** Where a sentence out of that band is brought: its top a third of the way down. */
const TARGET = 0.3;

/** Removes the paragraph mark, and the class attribute when the mark was all of it: the article as it was. */
function unmark(el: HTMLElement | null): void {
  if (!el) return;
  el.classList.remove(SPEAKING_CLASS);
  if (el.classList.length === 0) el.removeAttribute('class');
}

type Rect = Pick<DOMRect, 'top' | 'bottom' | 'left' | 'right' | 'width' | 'height'>;

/**
 * The scroll position that brings `rect` back into view, or null when it is comfortably in view. Both axes:
 * vertical text (writing-mode: vertical-rl) scrolls sideways.
 */
export function followTarget(
  view: Rect,
  rect: Rect,
  scroll: { top: number; left: number; canScrollX: boolean },
): { top: number; left: number } | null {
  const top = rect.top - view.top;
  const bottom = rect.bottom - view.top;
  const outY = top < view.height * BAND.top || bottom > view.height * BAND.bottom;
  const left = rect.left - view.left;
  const right = rect.right - view.left;
  const outX = scroll.canScrollX && (left < view.width * 0.1 || right > view.width * 0.9);
  if (!outY && !outX) return null;
  return {
    top: outY ? Math.max(0, Math.round(scroll.top + top - view.height * TARGET)) : scroll.top,
    // Not clamped: vertical-rl scrolls to negative scrollLeft (its start is at the right); the engine clamps.
    left: outX ? Math.round(scroll.left + left + rect.width / 2 - view.width / 2) : scroll.left,
  };
}

export class SpeakingMarks {
  private paragraph: HTMLElement | null = null;
  private readonly marker: SentenceMarker;

  constructor(
    private readonly scroller: HTMLElement,
    highlights: HighlightApi | null | undefined,
    private readonly reducedMotion = false,
  ) {
    this.marker = highlights ? highlightMarker(highlights) : boxMarker(scroller);
  }

  /** Marks `el` as the paragraph being read and characters `start`…`end` of its text as the sentence. */
  show(el: HTMLElement | undefined, start: number, end: number): void {
    if (el !== this.paragraph) {
      unmark(this.paragraph);
      el?.classList.add(SPEAKING_CLASS);
      this.paragraph = el ?? null;
    }
    const range = el ? textRange(el, start, end) : null;
    this.marker.show(range);
    const rect = range && typeof range.getBoundingClientRect === 'function' ? range.getBoundingClientRect() : el?.getBoundingClientRect();
    if (rect) this.follow(rect);
  }

  clear(): void {
    unmark(this.paragraph);
    this.paragraph = null;
    this.marker.show(null);
  }

  dispose(): void {
    this.clear();
    this.marker.dispose();
  }

  private follow(rect: Rect): void {
    const s = this.scroller;
    if (typeof s.scrollTo !== 'function' || s.clientHeight === 0) return;
    const target = followTarget(s.getBoundingClientRect(), rect, {
      top: s.scrollTop,
      left: s.scrollLeft,
      canScrollX: s.scrollWidth > s.clientWidth + 1,
    });
    if (target) s.scrollTo({ ...target, behavior: this.reducedMotion ? 'auto' : 'smooth' });
  }
}
