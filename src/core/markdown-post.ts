// A generated post's Markdown source (front matter + raw feed HTML) read to metadata and body
// HTML. The bodies are HTML already (no Markdown syntax was found in the corpus); what is done
// here is repair of the generator's damage, each step leaving a warning: the brace escapes, a
// stray leading `+`, attribute values with unescaped inner quotes, and plain-text bodies whose
// line breaks would otherwise collapse into one run of text.

import { parseDate, isEpochSlip } from './dates';
import { decodeBraces, splitFrontMatter } from './front-matter';
import type { Published } from './types';

// The probe lives apart so detection never loads the YAML parser.
export { looksLikeMarkdownPost } from './post-probe';

export interface PostMeta {
  title: string;
  categories: string[];
  author: string | null;
  headimg: string | null;
  thumbnail: string | null;
  date: Published | null;
  comments: boolean | null;
}

export interface MarkdownPost {
  meta: PostMeta;
  bodyHtml: string;
  warnings: string[];
}

/** Read a post. Throws only when the text has no front matter block at all. */
export function parseMarkdownPost(text: string): MarkdownPost {
  const fm = splitFrontMatter(text);
  if (!fm) throw new Error('Not a Markdown post: the text does not start with a front matter block (--- … ---)');
  const warnings = [...fm.warnings];
  const meta = readMeta(fm.data, warnings);
  const bodyHtml = cleanBody(decodeBraces(fm.body), meta.title, warnings);
  return { meta, bodyHtml, warnings };
}

// ---------------------------------------------------------------- metadata

function readMeta(data: Record<string, unknown>, warnings: string[]): PostMeta {
  const title = (asString(data.title) ?? '').trim();
  if (!title) warnings.push('front matter: no title');
  const categories = asList(data.categories);
  if (categories.length === 0) warnings.push('front matter: no categories');
  return {
    title,
    categories,
    author: nonEmpty(asString(data.author)),
    headimg: nonEmpty(asString(data.headimg)),
    thumbnail: nonEmpty(asString(data.thumbnail)),
    date: readDate(data.date, warnings),
    comments: asBoolean(data.comments),
  };
}

function readDate(v: unknown, warnings: string[]): Published | null {
  if (v === undefined || v === null || v === '') {
    warnings.push('front matter: no date');
    return null;
  }
  // Only a YAML 1.1 reader makes Date objects; keep the day as a UTC timestamp would print it.
  // A mapping (`date: {…}`) is quoted as JSON: String() would name it "[object Object]" in the warning. A list
  // reads as String() reads it (its items joined by commas).
  const raw =
    v instanceof Date
      ? isNaN(v.getTime())
        ? 'Invalid Date'
        : v.toISOString()
      : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : Array.isArray(v)
          ? v.join(',')
          : JSON.stringify(v);
  const published = parseDate(raw);
  if (published.date === null) warnings.push(`date: "${published.raw}" is not a date; the post has none`);
  else if (isEpochSlip(published))
    warnings.push(`date: ${published.raw} is in 1970 (the feed's seconds read as milliseconds?); kept as written`);
  return published;
}

function asString(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

function nonEmpty(s: string | null): string | null {
  const t = s?.trim();
  return t ? t : null;
}

function asList(v: unknown): string[] {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return items.map((x) => nonEmpty(asString(x))).filter((x): x is string => x !== null);
}

function asBoolean(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return null;
}

// ---------------------------------------------------------------- body

function cleanBody(body: string, title: string, warnings: string[]): string {
  let html = body.trim();

  // 082: the feed's template left a lone '+' as the first line of the body.
  const plus = /^((?:<div\b[^>]*>)?\s*)\+[ \t]*(?=\n|$)/.exec(html);
  if (plus) {
    html = plus[1]! + html.slice(plus[0].length);
    warnings.push("body: stray leading '+' removed");
  }

  const quotes = repairAttributeQuotes(html);
  if (quotes.repaired > 0) {
    html = quotes.html;
    warnings.push(`body: unescaped quotes inside ${quotes.repaired} attribute value(s) made single quotes`);
  }

  const lines = plainTextParagraphs(html);
  if (lines) {
    html = lines.html;
    warnings.push(`body: plain-text lines made into ${lines.count} paragraphs`);
  }

  const shape = bodyShape(html, title);
  if (shape) warnings.push(shape);
  return html;
}

// Where a quoted attribute value may really end: at `>`, `/>`, the end, or before another
// attribute. A `"` followed by anything else (`, "PingFang SC"` in a font list) is inside the value.
const VALUE_END = /^(?:$|\/?>|[^\s"'<>/=]+\s*=|\s+(?:$|\/?>|[^\s"'<>/=]+(?:\s*=|\s|\/?>|$)))/;
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp']);

/**
 * 083: `style="…font-family: "Helvetica Neue", "PingFang SC"…"` — the feed put double quotes inside
 * a double-quoted value. A browser cuts the value at the first inner quote (losing the style and
 * inventing attributes); here the inner quotes become `'`, which CSS reads the same. A value with
 * no plausible end is left for the browser's reading.
 */
export function repairAttributeQuotes(html: string): { html: string; repaired: number } {
  let out = '';
  let last = 0;
  let repaired = 0;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const nameMatch = /^<([a-zA-Z][\w:-]*)/.exec(html.slice(lt, lt + 64));
    if (!nameMatch) {
      i = lt + 1;
      continue;
    }
    let p = lt + nameMatch[0].length;
    // attributes
    while (p < html.length) {
      const ws = /^[\s/]*/.exec(html.slice(p, p + 256))![0].length;
      p += ws;
      if (p >= html.length || html[p] === '>') break;
      const attr = /^[^\s"'<>/=]+/.exec(html.slice(p, p + 256));
      if (!attr) {
        p++;
        continue;
      }
      p += attr[0].length;
      const eq = /^\s*=\s*/.exec(html.slice(p, p + 256));
      if (!eq) continue;
      p += eq[0].length;
      const q = html[p];
      if (q === '"') {
        const start = p + 1;
        const inner: number[] = [];
        let close = -1;
        let j = html.indexOf('"', start);
        while (j >= 0) {
          if (VALUE_END.test(html.slice(j + 1, j + 257))) {
            close = j;
            break;
          }
          inner.push(j);
          j = html.indexOf('"', j + 1);
        }
        if (close < 0) {
          // No plausible end: read it as a browser would, to the first quote.
          const first = html.indexOf('"', start);
          p = first < 0 ? html.length : first + 1;
          continue;
        }
        if (inner.length > 0) {
          out += html.slice(last, inner[0]);
          for (let k = 0; k < inner.length; k++) out += "'" + html.slice(inner[k]! + 1, inner[k + 1] ?? close);
          last = close;
          repaired++;
        }
        p = close + 1;
      } else if (q === "'") {
        const j = html.indexOf("'", p + 1);
        p = j < 0 ? html.length : j + 1;
      } else {
        p += /^[^\s>]*/.exec(html.slice(p, p + 4096))![0].length;
      }
    }
    i = p + 1;
    const tag = nameMatch[1]!.toLowerCase();
    if (RAW_TEXT.has(tag)) {
      const end = html.toLowerCase().indexOf(`</${tag}`, i);
      i = end < 0 ? html.length : end;
    }
  }
  return { html: repaired > 0 ? out + html.slice(last) : html, repaired };
}

const BLOCK_TAG =
  /<(?:p|div|h[1-6]|ul|ol|li|dl|dt|dd|table|pre|blockquote|figure|section|article|header|footer|aside|nav|hr|video|audio|iframe|picture|style|script)\b/i;
const VOID_TAG = /^(?:br|img|hr|wbr|input|source|meta|link|area|col|embed|track|param)$/i;
const WRAPPER = /^(<div>)([\s\S]*)(<\/div>)$/;

/**
 * A body that is plain text inside the generator's `<div>` (flash news, event listings) keeps its
 * line breaks only as newlines, which HTML collapses. Each non-blank line becomes a paragraph —
 * unless an inline element spans lines, which a split would break.
 */
function plainTextParagraphs(html: string): { html: string; count: number } | null {
  const w = WRAPPER.exec(html);
  if (!w) return null;
  const inner = w[2]!;
  if (BLOCK_TAG.test(inner)) return null;
  const lines = inner
    .split('\n')
    .map((l) =>
      l
        .trim()
        .replace(/^(?:<br\s*\/?>\s*)+|(?:\s*<br\s*\/?>)+$/gi, '')
        .trim(),
    )
    .filter(Boolean);
  if (lines.length < 2 || !lines.every(tagsBalanced)) return null;
  return { html: `<div>\n${lines.map((l) => `<p>${l}</p>`).join('\n')}\n</div>`, count: lines.length };
}

function tagsBalanced(line: string): boolean {
  const open: string[] = [];
  for (const m of line.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const name = m[2]!.toLowerCase();
    if (VOID_TAG.test(name) || m[3]) continue;
    if (!m[1]) open.push(name);
    else if (open.pop() !== name) return false;
  }
  return open.length === 0;
}

// The generator's title sanitising: these became `_` in titles but not in bodies.
const TITLE_SANITISED = /[:/\\?*“”<>|[\]"_]/g;

/** A note when the body holds no text of its own: only the title again, only images, nothing. */
function bodyShape(html: string, title: string): string | null {
  const text = decodeBasicEntities(
    html
      .replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
  const media = /<(?:img|video|iframe|picture|audio)\b/i.test(html);
  if (text === '') return media ? 'body: media only, no text' : 'body: empty';
  const norm = (s: string) => s.replace(TITLE_SANITISED, '_').replace(/\s+/g, ' ').trim();
  if (title && norm(text) === norm(title)) return media ? 'body: only the title and media' : 'body: only repeats the title';
  return null;
}

function decodeBasicEntities(s: string): string {
  return s
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
