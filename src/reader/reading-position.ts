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

/**
 * The key for an article: its canonical URL when the page declares an http(s) one, else the page
 * URL; without the fragment either way (a #comments link is the same article).
 */
export function positionKey(articleUrl: string, doc?: Document): string {
  const canonical = doc?.querySelector('link[rel~="canonical"][href]')?.getAttribute('href');
  for (const candidate of [canonical, articleUrl]) {
    if (!candidate) continue;
    try {
      const u = new URL(candidate, articleUrl);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
      u.hash = '';
      return u.href;
    } catch {
      // Not a URL: try the next one.
    }
  }
  return articleUrl;
}

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

/** The index of the first paragraph whose bottom is below the scroller's top edge. */
export function firstVisibleParagraph(scroller: Element, paragraphs: readonly Element[]): number {
  const top = scroller.getBoundingClientRect().top;
  for (let i = 0; i < paragraphs.length; i++) {
    if (paragraphs[i]!.getBoundingClientRect().bottom > top + 1) return i;
  }
  return Math.max(0, paragraphs.length - 1);
}

/** Scroll fraction of a scroller, 0 when it cannot scroll. */
export function scrollFraction(scroller: Element): number {
  const range = scroller.scrollHeight - scroller.clientHeight;
  return range > 0 ? Math.min(1, Math.max(0, scroller.scrollTop / range)) : 0;
}

/**
 * Puts the scroller back at a saved position: the saved paragraph's top when it exists (robust to
 * images loading above it), else the fraction.
 */
export function restorePosition(scroller: HTMLElement, paragraphs: readonly Element[], pos: ReadingPosition): void {
  const target = paragraphs[pos.paragraph];
  if (target && pos.paragraph > 0) {
    const delta = target.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    scroller.scrollTop += delta - 16;
  } else {
    scroller.scrollTop = pos.fraction * Math.max(0, scroller.scrollHeight - scroller.clientHeight);
  }
}
