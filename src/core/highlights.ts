// What a highlight is, and the checks every stored or imported one passes. Pure data: the reader, the store,
// the exports and the options page's import all share these limits, so a highlight one accepts the others do.

/** The colours offered; stored as names so a theme can draw each one as it likes. */
export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

/** Where a highlight sits: its text, some text either side, and where it started, all in the article's
 *  normalized text (see highlight-anchor.ts). The text finds it again; the position picks among repeats. */
export interface TextAnchor {
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
}

export interface Highlight extends TextAnchor {
  id: string;
  color: HighlightColor;
  /** The user's note: plain text, shown and exported as text only. */
  note: string;
  /** ms since the epoch. */
  created: number;
  edited: number;
}

/** A selection longer than this is refused (a whole article is not a highlight, and storage is bounded). */
export const MAX_QUOTE_CHARS = 5000;
export const MAX_NOTE_CHARS = 5000;
export const MAX_PER_ARTICLE = 500;
export const CONTEXT_CHARS = 32;
const MAX_ID_CHARS = 64;
/** Article addresses longer than this are not kept (as for reading positions). */
export const MAX_URL_CHARS = 2048;
export const MAX_TITLE_CHARS = 1000;

/** An id unique within an article. Not crypto.randomUUID: a page over http is not a secure context. */
export function newHighlightId(now: number = Date.now(), random: () => number = Math.random): string {
  return `${now.toString(36)}-${Math.floor(random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0')}`;
}

const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The highlight in `raw`, or the name of its first bad field. Unknown fields are dropped. */
export function checkHighlight(raw: unknown): Highlight | string {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'highlight';
  const r = raw as Record<string, unknown>;
  if (!isString(r.id, MAX_ID_CHARS) || !/^[\w-]+$/.test(r.id)) return 'id';
  if (!isString(r.quote, MAX_QUOTE_CHARS) || !r.quote.trim()) return 'quote';
  if (!isString(r.prefix, CONTEXT_CHARS * 4)) return 'prefix';
  if (!isString(r.suffix, CONTEXT_CHARS * 4)) return 'suffix';
  if (typeof r.start !== 'number' || !Number.isInteger(r.start) || r.start < 0) return 'start';
  if (!HIGHLIGHT_COLORS.includes(r.color as HighlightColor)) return 'color';
  if (!isString(r.note, MAX_NOTE_CHARS)) return 'note';
  if (!isTime(r.created)) return 'created';
  if (!isTime(r.edited)) return 'edited';
  return {
    id: r.id,
    quote: r.quote,
    prefix: r.prefix,
    suffix: r.suffix,
    start: r.start,
    color: r.color as HighlightColor,
    note: r.note,
    created: r.created,
    edited: r.edited,
  };
}

/** The highlights of one article, as stored and as exported. */
export interface ArticleHighlights {
  url: string;
  title: string;
  /** When a highlight of it last changed: the oldest article is dropped first. */
  updated: number;
  items: Highlight[];
}

/** The article record in `raw`, or the path of its first bad field. */
export function checkArticleHighlights(raw: unknown): ArticleHighlights | string {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return '';
  const r = raw as Record<string, unknown>;
  if (!isString(r.url, MAX_URL_CHARS) || !/^https?:\/\//i.test(r.url)) return 'url';
  if (!isString(r.title, MAX_TITLE_CHARS)) return 'title';
  if (!isTime(r.updated)) return 'updated';
  if (!Array.isArray(r.items) || r.items.length > MAX_PER_ARTICLE) return 'items';
  const items: Highlight[] = [];
  const ids = new Set<string>();
  for (const [i, item] of r.items.entries()) {
    const h = checkHighlight(item);
    if (typeof h === 'string') return `items[${i}].${h}`;
    if (ids.has(h.id)) return `items[${i}].id`;
    ids.add(h.id);
    items.push(h);
  }
  return { url: r.url, title: r.title, updated: r.updated, items };
}

/** Reading order: by where each starts. */
export function byPosition(a: Highlight, b: Highlight): number {
  return a.start - b.start || a.created - b.created;
}
