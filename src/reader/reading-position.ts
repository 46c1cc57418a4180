// Where the user stopped reading, per article, in storage.local (not sync: it changes every few
// seconds and is about this device). One item holds the last MAX_ENTRIES articles, newest kept.

export interface ReadingPosition {
  /** Scroll position as a fraction of the scrollable height, 0…1. */
  fraction: number;
  /** Index of the first paragraph in view (the better anchor when images above change height). */
  paragraph: number;
  /** When it was saved (ms since the epoch), for keeping the newest entries. */
  at: number;
}

export interface StorageAreaLike {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export const POSITIONS_KEY = 'readingPositions';
export const MAX_ENTRIES = 200;
/**
 * Longer keys (URLs) are not remembered. With MAX_ENTRIES this bounds the one item: about 422 KB at
 * worst (test/unit/reader-position.test.ts measures it), against storage.local's 10 MB.
 */
export const MAX_KEY_LENGTH = 2048;
/** At the very end, the article counts as read: the entry is dropped, and the next visit starts at the top. */
export const FINISHED_FRACTION = 0.995;

export { positionKey } from '../shared/article-key';

function valid(value: unknown): value is ReadingPosition {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.fraction === 'number' &&
    v.fraction >= 0 &&
    v.fraction <= 1 &&
    typeof v.paragraph === 'number' &&
    Number.isInteger(v.paragraph) &&
    v.paragraph >= 0 &&
    typeof v.at === 'number' &&
    Number.isFinite(v.at)
  );
}

export class PositionStore {
  constructor(
    private readonly area: StorageAreaLike,
    private readonly now: () => number = Date.now,
  ) {}

  private async all(): Promise<Record<string, ReadingPosition>> {
    try {
      const raw = (await this.area.get(POSITIONS_KEY))[POSITIONS_KEY];
      const out: Record<string, ReadingPosition> = {};
      if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
        for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (k.length <= MAX_KEY_LENGTH && valid(v)) out[k] = v;
      }
      return out;
    } catch {
      return {};
    }
  }

  async get(key: string): Promise<ReadingPosition | null> {
    return (await this.all())[key] ?? null;
  }

  /** Saves (or, for a finished article, forgets) the position; keeps only the newest MAX_ENTRIES. */
  async save(key: string, position: { fraction: number; paragraph: number }): Promise<void> {
    if (key.length > MAX_KEY_LENGTH) return;
    const entries = await this.all();
    if (position.fraction >= FINISHED_FRACTION) delete entries[key];
    else {
      entries[key] = {
        fraction: Math.min(1, Math.max(0, Math.round(position.fraction * 10000) / 10000)),
        paragraph: Math.max(0, Math.floor(position.paragraph)),
        at: this.now(),
      };
    }
    const kept = Object.entries(entries)
      .sort((a, b) => b[1].at - a[1].at)
      .slice(0, MAX_ENTRIES);
    await this.area.set({ [POSITIONS_KEY]: Object.fromEntries(kept) });
  }
}

/** Calls `fn` at most once per `ms`, always with the latest arguments, and once more at the end. */
export function throttle<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
  timers: Pick<Window, 'setTimeout' | 'clearTimeout'> = globalThis,
) {
  let last = -Infinity;
  let pending: A | null = null;
  let timer: number | undefined;
  const run = () => {
    timer = undefined;
    last = Date.now();
    const args = pending!;
    pending = null;
    fn(...args);
  };
  const throttled = (...args: A): void => {
    pending = args;
    if (timer !== undefined) return;
    const wait = Math.max(0, last + ms - Date.now());
    timer = timers.setTimeout(run, wait);
  };
  /** Runs a pending call now (on close: the last position must not be lost). */
  throttled.flush = (): void => {
    if (timer === undefined) return;
    timers.clearTimeout(timer);
    run();
  };
  throttled.cancel = (): void => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    pending = null;
  };
  return throttled;
}

/**
 * Which way the scroller reads: down (`y`), or in vertical writing (竖排, `writing-mode: vertical-rl`) from the
 * right edge leftwards (`x-rtl`), where scrollLeft runs from 0 at the start to −(scrollWidth − clientWidth).
 * (Engines before the CSSOM change counted it positive from the left: the magnitude from the start is the same.)
 */
export type ScrollAxis = 'y' | 'x-rtl';

export function scrollAxis(scroller: Element): ScrollAxis {
  const view = scroller.ownerDocument.defaultView;
  const mode = view?.getComputedStyle?.(scroller).writingMode ?? '';
  return mode.startsWith('vertical-rl') || mode === 'sideways-rl' || mode === 'tb-rl' ? 'x-rtl' : 'y';
}

/** How far the scroller is from the start along its axis, in px, and how far it can go. */
export function scrollProgress(scroller: Element, axis: ScrollAxis = scrollAxis(scroller)): { at: number; range: number } {
  if (axis === 'y') return { at: scroller.scrollTop, range: Math.max(0, scroller.scrollHeight - scroller.clientHeight) };
  return { at: Math.abs(scroller.scrollLeft), range: Math.max(0, scroller.scrollWidth - scroller.clientWidth) };
}

/** Puts the scroller `at` px from its start along its axis. */
export function scrollToProgress(scroller: Element, at: number, axis: ScrollAxis = scrollAxis(scroller)): void {
  if (axis === 'y') scroller.scrollTop = at;
  // Negative is the standard: an engine that counts from the left clamps it to 0 (its own start is the left end
  // there, and the whole article sits at the right: nothing better to do than the start).
  else scroller.scrollLeft = -at;
}

/** The index of the first paragraph not yet read past: whose bottom is below the top edge (vertical writing: whose
 *  left edge is left of the right edge). */
export function firstVisibleParagraph(scroller: Element, paragraphs: readonly Element[], axis: ScrollAxis = scrollAxis(scroller)): number {
  const box = scroller.getBoundingClientRect();
  for (let i = 0; i < paragraphs.length; i++) {
    const r = paragraphs[i]!.getBoundingClientRect();
    if (axis === 'y' ? r.bottom > box.top + 1 : r.left < box.right - 1) return i;
  }
  return Math.max(0, paragraphs.length - 1);
}

/** Scroll fraction of a scroller along its axis, 0 when it cannot scroll. */
export function scrollFraction(scroller: Element, axis: ScrollAxis = scrollAxis(scroller)): number {
  const { at, range } = scrollProgress(scroller, axis);
  return range > 0 ? Math.min(1, Math.max(0, at / range)) : 0;
}

/**
 * Puts the scroller back at a saved position: the saved paragraph's start when it exists (robust to images
 * loading above it, and to the position having been saved in the other writing direction), else the fraction.
 */
export function restorePosition(
  scroller: HTMLElement,
  paragraphs: readonly Element[],
  pos: Pick<ReadingPosition, 'fraction' | 'paragraph'> & { at?: number },
  axis: ScrollAxis = scrollAxis(scroller),
): void {
  const target = paragraphs[pos.paragraph];
  if (target && pos.paragraph > 0) {
    const t = target.getBoundingClientRect();
    const box = scroller.getBoundingClientRect();
    // How far past the scroller's start edge the paragraph's start is, less a little room.
    const ahead = axis === 'y' ? t.top - box.top : box.right - t.right;
    scrollToProgress(scroller, scrollProgress(scroller, axis).at + ahead - 16, axis);
  } else {
    scrollToProgress(scroller, pos.fraction * scrollProgress(scroller, axis).range, axis);
  }
}
