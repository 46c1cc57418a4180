// From a detected page to the plain Article the extension shows and the CLI prints.
import type { ThemeSpec } from './data/themes';
import { parseDate } from './dates';
import { decodeBraces } from './front-matter';
import { detect, detectArticle, rawPostText, type PostLocation } from './detect';
import { hasEscapedMarkup, renderEscapedMarkup } from './escaped-markup';
import { parseMarkdownPost } from './markdown-post';
import { collectMedia, isPlaceholderImage, absoluteUrl } from './media';
import { normalizeBody } from './normalize-body';
import { originOf } from './origin';
import { sanitizeToFragment } from './sanitize';
import { queryAll, readRule } from './select';
import { categoriesFromLinks, metadataCover, dateFrom, headFacts, isChromeNear, isNamedBody, NO_HEAD_FACTS, postArea, titleFrom } from './structural';
import { removeTagLinks } from './tag-links';
import { bodyText, countText } from './text';
import { toMarkdown } from './to-markdown';
import type { Article, Cover, LinkRef, Published } from './types';
import { isWrapped, unwrap } from './unwrap';

export interface ExtractOptions {
  /** The page's address; defaults to the document's. */
  url?: string;
  /** A window for DOMPurify; defaults to the document's, then the global one. */
  win?: Window;
  /** False after a pjax navigation: the head may describe another page (see DetectOptions). */
  trustHead?: boolean;
}

export class NotAnArticleError extends Error {
  constructor(readonly kind: string) {
    super(`not a proxied-news article (detected: ${kind})`);
    this.name = 'NotAnArticleError';
  }
}

function windowFor(doc: Document, opts: ExtractOptions): Window {
  const win = opts.win ?? doc.defaultView ?? (globalThis as { window?: Window }).window;
  if (!win) throw new Error('extract needs a window for DOMPurify: pass opts.win');
  return win;
}

function parserFor(win: Window): DOMParser {
  return new (win as Window & typeof globalThis).DOMParser();
}

function coverFrom(raw: string, base: string): Cover | null {
  if (!raw) return null;
  const url = absoluteUrl(unwrap(raw), base);
  if (!url) return null;
  return { url, placeholder: isPlaceholderImage(url), proxied: isWrapped(raw), original: raw === url ? null : raw };
}

interface Parts {
  theme: string;
  kind: Article['kind'];
  title: string;
  categories: string[];
  feed: string | null;
  published: Published | null;
  coverRaw: string;
  body: Element;
  /** Removes theme chrome from the body, again as it reads back (see readBack). */
  stripChrome: (body: Element) => void;
  notes: string[];
}

/** An empty inert document (DOMParser: no browsing context) whose base is the page's address. */
function inertDocument(parser: DOMParser, url: string): Document {
  return parser.parseFromString(
    `<!doctype html><html><head><base href="${url.replace(/"/g, '%22')}"></head><body></body></html>`,
    'text/html',
  );
}

/** The theme's chrome selectors anywhere in the body. A body the theme names (microdata, a class word) also
 *  loses the common chrome among its own children; a body found by weight holds the feed's own markup directly,
 *  and a feed's <footer> or `.subtitle` there is the post's. */
function chromeStripper(theme: ThemeSpec, named: boolean): (body: Element) => void {
  return (body) => {
    for (const sel of theme.chrome) for (const el of queryAll(body, sel)) el.remove();
    if (theme.article || !named) return;
    const total = (body.textContent ?? '').length;
    for (const el of Array.from(body.children)) {
      if (isChromeNear(el, body, 1) && (el.textContent ?? '').length < total / 2) el.remove();
    }
  };
}

function pagePartsFromTheme(
  doc: Document,
  { theme, root, body: bodySource }: PostLocation,
  parser: DOMParser,
  url: string,
  trustHead: boolean,
): Parts {
  // Work on a copy in an inert document: a copy in the live page would load its images again and run its
  // inline handlers (<img onerror>) a second time.
  const inert = inertDocument(parser, url);
  const body = inert.importNode(bodySource, true);
  inert.body.append(body);
  const stripChrome = chromeStripper(theme, isNamedBody(bodySource));
  stripChrome(body);
  // Each field: the theme's rule, else what the page's structure and metadata say.
  const read = (rules: ThemeSpec['date']) => rules.map((rule) => readRule(doc, root, rule)).find(Boolean) ?? '';
  const area = theme.article ? root : postArea(doc, root, bodySource);
  let facts: ReturnType<typeof headFacts> | null = null;
  const head = () => (facts ??= trustHead ? headFacts(doc) : NO_HEAD_FACTS);
  let categories = theme.categories
    ? queryAll(root, theme.categories).map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean)
    : categoriesFromLinks(area, doc.baseURI);
  if (!categories.length && !theme.article) categories = head().sections.length ? head().sections : categoriesFromLinks(doc, doc.baseURI);
  const dateRaw = read(theme.date) || (theme.article ? '' : dateFrom(doc, area, head()));
  return {
    theme: theme.id,
    kind: 'article',
    // The generator escaped every brace; a theme may print its title without decoding them.
    title: decodeBraces(read(theme.title) || (theme.article ? '' : titleFrom(doc, area, head(), bodySource))),
    categories,
    feed: categories[theme.feedLevel] ?? null,
    published: dateRaw ? parseDate(dateRaw) : null,
    coverRaw: read(theme.cover) || (theme.article ? '' : metadataCover(head(), bodySource, url)),
    body,
    stripChrome,
    notes: [],
  };
}

function postParts(text: string, url: string, parser: DOMParser): Parts {
  const post = parseMarkdownPost(text);
  // DOMParser documents are inert: no script runs, no image loads. The <base> keeps relative links resolvable.
  const parsed = parser.parseFromString(
    `<!doctype html><html><head><base href="${url.replace(/"/g, '%22')}"></head><body><div>${post.bodyHtml}</div></body></html>`,
    'text/html',
  );
  const body = parsed.body.firstElementChild ?? parsed.body;
  return {
    theme: 'markdown',
    kind: 'markdown-post',
    title: post.meta.title,
    categories: post.meta.categories,
    feed: post.meta.author ?? post.meta.categories[1] ?? null,
    published: post.meta.date,
    coverRaw: post.meta.headimg ?? post.meta.thumbnail ?? '',
    body,
    stripChrome: () => undefined,
    notes: post.warnings,
  };
}

/** Read an article out of a document. Throws NotAnArticleError on other pages. */
export function extract(doc: Document, opts: ExtractOptions = {}): Article {
  const url = opts.url ?? doc.URL;
  const win = windowFor(doc, opts);
  const parser = parserFor(win);
  const postText = rawPostText(doc);
  let parts: Parts;
  if (postText !== null) {
    parts = postParts(postText, url, parser);
  } else {
    const trustHead = opts.trustHead ?? true;
    const found = detectArticle(doc, { trustHead });
    if (!found) throw new NotAnArticleError(detect(doc, { trustHead }).kind);
    parts = pagePartsFromTheme(doc, found, parser, url, trustHead);
  }
  return articleFromParts(parts, url, win, parser);
}

/** Extract from the text of a raw post file (CLI, tests), without a plain-text document around it. */
export function extractPost(text: string, doc: Document, opts: ExtractOptions = {}): Article {
  const url = opts.url ?? doc.URL;
  const win = windowFor(doc, opts);
  const parser = parserFor(win);
  return articleFromParts(postParts(text, url, parser), url, win, parser);
}

/**
 * The body as it reads back from its own serialization, in an inert document. The sanitizer reads that
 * serialization, and markup whose parse depends on context (a <style> under a nested <form> in MathML) parses
 * differently the second time: what it turns into must be unwrapped and normalized too, and theme chrome it
 * swallowed removed again. (Sanitizing the tree itself would avoid the round, but DOMPurify's node input is
 * quadratic in jsdom: 30 s for a 0.5 MB body.)
 */
function readBack(body: Element, parser: DOMParser, url: string): HTMLElement {
  const base = `<base href="${url.replace(/"/g, '%22')}">`;
  return parser.parseFromString(`<!doctype html><html><head>${base}</head><body>${body.innerHTML}</body></html>`, 'text/html').body;
}

function articleFromParts(parts: Parts, url: string, win: Window, parser: DOMParser): Article {
  const notes = [...parts.notes];
  let unescaped = false;
  if (hasEscapedMarkup(parts.body)) {
    unescaped = renderEscapedMarkup(parts.body, parser);
    if (unescaped) notes.push('The feed escaped its own HTML; the article is shown as the feed meant it.');
  }
  const body = readBack(parts.body, parser, url);
  parts.stripChrome(body);
  const origin = originOf(parts.feed, body, url);
  const topics = removeTagLinks(body);
  const { images, videos } = collectMedia(body);
  normalizeBody(body);
  const fragment = sanitizeToFragment(body.innerHTML, win);
  const holder = body.ownerDocument.createElement('div');
  holder.append(fragment);
  const html = holder.innerHTML;
  const text = bodyText(holder);
  const links: LinkRef[] = Array.from(holder.querySelectorAll('a[href]')).map((a) => ({
    text: (a.textContent ?? '').replace(/\s+/g, ' ').trim(),
    href: a.getAttribute('href') ?? '',
  }));
  return {
    kind: parts.kind,
    url,
    theme: parts.theme,
    title: parts.title,
    categories: parts.categories,
    feed: parts.feed,
    published: parts.published,
    cover: coverFrom(parts.coverRaw, url),
    images,
    videos,
    topics,
    links,
    html,
    markdown: toMarkdown(holder, body.ownerDocument),
    text,
    counts: countText(text),
    origin,
    unescaped,
    notes,
  };
}
