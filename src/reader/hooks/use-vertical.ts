// Vertical writing (竖排) in the open reader: the wheel and the keys move the right-to-left scroller the way one
// reads (src/reader/vertical.ts), and switching the writing direction keeps the paragraph being read in view.
import { useEffect, useLayoutEffect, useRef, type MutableRef } from 'preact/hooks';
import { firstVisibleParagraph, restorePosition, scrollProgress } from '../reading-position';
import { verticalKeyScroll, wheelToScrollLeft } from '../vertical';

/** Keys typed here are the form's, not the scroller's. */
const TYPING = 'input, textarea, select, button, [contenteditable]';

/** An element between `target` and the scroller that scrolls vertically itself (a code block kept horizontal). */
function scrollsItself(target: EventTarget | null, scroller: HTMLElement, down: boolean): boolean {
  for (let el = target instanceof Element ? target : null; el && el !== scroller; el = el.parentElement) {
    if (el.scrollHeight <= el.clientHeight + 1) continue;
    const room = down ? el.scrollHeight - el.clientHeight - el.scrollTop : el.scrollTop;
    if (room > 1) return true;
  }
  return false;
}

export function useVertical(scroller: MutableRef<HTMLElement | null>, paragraphs: () => HTMLElement[], vertical: boolean): void {
  // The paragraph being read, as of the last scroll: kept in view when the writing direction changes.
  const reading = useRef(0);
  const was = useRef(vertical);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || was.current === vertical) return;
    was.current = vertical;
    restorePosition(el, paragraphs(), { paragraph: reading.current, fraction: 0 });
  }, [scroller, paragraphs, vertical]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const note = () => {
      reading.current = firstVisibleParagraph(el, paragraphs());
    };
    el.addEventListener('scroll', note, { passive: true });
    if (!vertical) return () => el.removeEventListener('scroll', note);

    const lineSize = () => parseFloat(getComputedStyle(el).fontSize || '16') * 1.7;
    const onWheel = (e: WheelEvent) => {
      const by = wheelToScrollLeft(e, lineSize(), el.clientWidth * 0.9);
      if (by === null || scrollsItself(e.target, el, e.deltaY > 0)) return;
      e.preventDefault();
      el.scrollBy({ left: by });
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || (e.target instanceof Element && e.target !== el && e.target.closest(TYPING))) return;
      const move = verticalKeyScroll(e, el.clientWidth * 0.9, lineSize() * 2, scrollProgress(el, 'x-rtl').range);
      if (!move) return;
      e.preventDefault();
      if ('to' in move) el.scrollLeft = move.to;
      else el.scrollBy({ left: move.by });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('keydown', onKey);
    return () => {
      el.removeEventListener('scroll', note);
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('keydown', onKey);
    };
  }, [scroller, paragraphs, vertical]);
}
