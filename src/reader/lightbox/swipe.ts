// Touch gestures in the lightbox (phones, Firefox for Android): a swipe sideways steps through the pictures, a
// swipe down closes, as in the photo viewers people know. Fitted pictures only: at 100 % a drag pans the picture
// (the browser's own scrolling). The stage lets the browser keep pinch-zoom and nothing else while fitted
// (touch-action in reader.css), so a sideways drag reaches us as pointer events instead of a cancelled one.
import { useRef } from 'preact/hooks';

export type Swipe = 'next' | 'previous' | 'close';

export interface Point {
  x: number;
  y: number;
  /** The event's timeStamp, ms. */
  t: number;
}

/** A swipe covers at least this much (CSS px) of its main direction… */
export const SWIPE_MIN_PX = 48;
/** …at least twice what it covers across it… */
const STRAIGHTNESS = 2;
/** …within this time: a slow drag is someone looking, not a swipe. */
export const SWIPE_MAX_MS = 700;
/** Closing needs a longer swipe down than stepping: it is the one that loses the place. */
const CLOSE_MIN_PX = 2 * SWIPE_MIN_PX;
/** A click the browser fires right after a swipe ended is part of it, not a tap. */
const CLICK_AFTER_MS = 500;

/** What a pointer that went down at `from` and up at `to` asks for, if anything. Leftwards is the next picture. */
export function swipeOf(from: Point, to: Point): Swipe | null {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (to.t - from.t > SWIPE_MAX_MS) return null;
  if (Math.abs(dx) >= SWIPE_MIN_PX && Math.abs(dx) >= STRAIGHTNESS * Math.abs(dy)) return dx < 0 ? 'next' : 'previous';
  if (dy >= CLOSE_MIN_PX && dy >= STRAIGHTNESS * Math.abs(dx)) return 'close';
  return null;
}

/** Pointer handlers for the stage: touch and pen swipes (a mouse has the buttons and the keys) while `enabled`. */
export function useSwipe(enabled: boolean, onSwipe: (swipe: Swipe) => void) {
  const start = useRef<(Point & { id: number }) | null>(null);
  const swipedAt = useRef<number | null>(null);
  return {
    onPointerDown: (event: PointerEvent) => {
      start.current =
        enabled && event.pointerType !== 'mouse' && event.isPrimary
          ? { x: event.clientX, y: event.clientY, t: event.timeStamp, id: event.pointerId }
          : null;
    },
    onPointerUp: (event: PointerEvent) => {
      const from = start.current;
      start.current = null;
      if (!from || from.id !== event.pointerId) return;
      const swipe = swipeOf(from, { x: event.clientX, y: event.clientY, t: event.timeStamp });
      if (!swipe) return;
      swipedAt.current = event.timeStamp;
      onSwipe(swipe);
    },
    onPointerCancel: () => {
      start.current = null;
    },
    onClickCapture: (event: MouseEvent) => {
      const at = swipedAt.current;
      swipedAt.current = null;
      if (at === null || event.timeStamp - at > CLICK_AFTER_MS) return;
      event.stopPropagation();
      event.preventDefault();
    },
  };
}
