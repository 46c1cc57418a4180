// Highlights in storage.local (this device; never synced): one item per article, keyed by its canonical address,
// so opening an article reads only its own. The items together stay under MAX_TOTAL_BYTES: saving past it drops
// the articles changed longest ago, and says which, so the reader can tell the user.
import { checkArticleHighlights, MAX_URL_CHARS, type ArticleHighlights, type Highlight } from '../core/highlights';

export const HIGHLIGHTS_PREFIX = 'highlights:';
/** A fifth of storage.local's 10 MB (reading positions take at most ~0.4 MB; the rest is room to spare). */
export const MAX_TOTAL_BYTES = 2 * 1024 * 1024;

export interface LocalAreaLike {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** More than the bound allows, even alone: nothing was written. */
export class HighlightsFullError extends Error {
  override readonly name = 'HighlightsFullError';
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`Highlights would take ${bytes} bytes; at most ${limit} are kept`);
  }
}

export interface Dropped {
  url: string;
  title: string;
}

const encoder = new TextEncoder();
/** What an item costs against the quota: its key and its JSON, in UTF-8 (as Chrome counts). */
export function itemBytes(key: string, value: unknown): number {
  return encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length;
}

export const highlightsKey = (url: string): string => HIGHLIGHTS_PREFIX + url;

export class HighlightStore {
  constructor(
    private readonly area: LocalAreaLike,
    private readonly now: () => number = Date.now,
    private readonly maxBytes: number = MAX_TOTAL_BYTES,
  ) {}

  /** Every valid stored article, by key. A damaged item is skipped (and overwritten by the next save). */
  private async stored(): Promise<Map<string, ArticleHighlights>> {
    const out = new Map<string, ArticleHighlights>();
    for (const [key, raw] of Object.entries(await this.area.get(null))) {
      if (!key.startsWith(HIGHLIGHTS_PREFIX)) continue;
      const a = checkArticleHighlights(raw);
      if (typeof a !== 'string' && highlightsKey(a.url) === key) out.set(key, a);
    }
    return out;
  }

  async get(url: string): Promise<Highlight[]> {
    const key = highlightsKey(url);
    const a = checkArticleHighlights((await this.area.get(key))[key]);
    return typeof a === 'string' ? [] : a.items;
  }

  async all(): Promise<ArticleHighlights[]> {
    return Array.from((await this.stored()).values()).sort((a, b) => b.updated - a.updated);
  }

  /**
   * Keeps `items` as the article's highlights (none: forgets the article). Older articles are dropped while the
   * whole would pass the bound; they are returned. An article too large alone throws and changes nothing.
   */
  async put(url: string, title: string, items: Highlight[]): Promise<{ dropped: Dropped[] }> {
    if (url.length > MAX_URL_CHARS) return { dropped: [] };
    const key = highlightsKey(url);
    if (items.length === 0) {
      await this.area.remove(key);
      return { dropped: [] };
    }
    const record: ArticleHighlights = { url, title: title.slice(0, 1000), updated: this.now(), items };
    const bad = checkArticleHighlights(record);
    if (typeof bad === 'string') throw new Error(`Not a valid highlight (${bad})`);
    const others = await this.stored();
    others.delete(key);
    const drop = this.overflow(others, itemBytes(key, record));
    if (drop.length) await this.area.remove(drop.map((a) => highlightsKey(a.url)));
    await this.area.set({ [key]: record });
    return { dropped: drop.map(({ url: u, title: t }) => ({ url: u, title: t })) };
  }

  /** The oldest of `others` to drop so that they and `bytes` more fit; throws when `bytes` alone do not. */
  private overflow(others: Map<string, ArticleHighlights>, bytes: number): ArticleHighlights[] {
    if (bytes > this.maxBytes) throw new HighlightsFullError(bytes, this.maxBytes);
    const list = Array.from(others.entries()).sort((a, b) => a[1].updated - b[1].updated);
    let total = bytes + list.reduce((n, [k, a]) => n + itemBytes(k, a), 0);
    const drop: ArticleHighlights[] = [];
    for (const [k, a] of list) {
      if (total <= this.maxBytes) break;
      total -= itemBytes(k, a);
      drop.push(a);
    }
    return drop;
  }

  /**
   * Adds imported articles to what is stored: highlights joined by id (the later edit wins). All or nothing: when
   * the result would pass the bound, HighlightsFullError and nothing is written (an import never drops anything).
   */
  async merge(articles: ArticleHighlights[]): Promise<{ articles: number; highlights: number }> {
    const stored = await this.stored();
    const changed: Record<string, ArticleHighlights> = {};
    let count = 0;
    for (const incoming of articles) {
      const key = highlightsKey(incoming.url);
      const base = changed[key] ?? stored.get(key);
      const byId = new Map((base?.items ?? []).map((h) => [h.id, h]));
      for (const h of incoming.items) {
        const have = byId.get(h.id);
        if (!have || h.edited > have.edited) {
          byId.set(h.id, h);
          count++;
        }
      }
      changed[key] = {
        url: incoming.url,
        title: incoming.title || base?.title || '',
        updated: Math.max(incoming.updated, base?.updated ?? 0),
        items: Array.from(byId.values()),
      };
      const bad = checkArticleHighlights(changed[key]);
      if (typeof bad === 'string') throw new Error(`${incoming.url}: ${bad}`);
    }
    let total = 0;
    for (const [k, a] of stored) if (!(k in changed)) total += itemBytes(k, a);
    for (const [k, a] of Object.entries(changed)) total += itemBytes(k, a);
    if (total > this.maxBytes) throw new HighlightsFullError(total, this.maxBytes);
    if (Object.keys(changed).length) await this.area.set(changed);
    return { articles: Object.keys(changed).length, highlights: count };
  }
}
