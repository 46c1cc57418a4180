// Reader mode for any page that is not a proxied-news article: Mozilla's Readability (Firefox's Reader View)
// finds the main text, and the core's own sanitizer, Markdown and counters turn it into an Article.
// Loaded only through import() from the controller, when the user asks for the reader or the popup asks for
// this page's text: never in the always-injected script (test/unit/size-budget.test.ts).
import { Readability } from '@mozilla/readability';
import { parseDate } from '../core/dates';
import { collectMedia } from '../core/media';
import { normalizeBody } from '../core/normalize-body';
import { sanitizeToFragment } from '../core/sanitize';
import { bodyText, countText } from '../core/text';
import { toMarkdown } from '../core/to-markdown';
import { GENERIC_THEME, type Article, type LinkRef } from '../core/types';

/** The `theme` of a generic article (who found its text) lives with the Article type, for the UI to read. */
export { GENERIC_THEME } from '../core/types';

/** Less text than this is a menu, a login form or an error page, not something to read. */
export const MIN_TEXT_CHARS = 140;

/** An empty inert document (DOMParser: nothing loads or runs) whose base is the page's address. */
function inertDocument(win: Window, url: string): Document {
  const Parser = (win as Window & typeof globalThis).DOMParser;
  return new Parser().parseFromString(
    `<!doctype html><html><head><base href="${url.replace(/"/g, '%22')}"></head><body></body></html>`,
    'text/html',
  );
}

function clean(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The page's main text as an Article, or null when Readability finds nothing worth reading. Readability
 * rewrites the document it is given, so it works on a clone: the live page is never touched.
 */
export function genericArticle(doc: Document, win: Window, url = doc.URL): Article | null {
  const copy = doc.cloneNode(true) as Document;
  // The element itself, not its serialization: no second parse of page markup.
  const result = new Readability<Element>(copy, { serializer: (node) => node as Element }).parse();
  const content = result?.content;
  if (!result || !content) return null;

  const inert = inertDocument(win, url);
  const body = inert.importNode(content, true);
  inert.body.append(body);
  // Lazy-load stand-ins and relative addresses out, as for the proxied-news articles.
  normalizeBody(body);
  const holder = inert.createElement('div');
  holder.append(sanitizeToFragment(body, win));
  inert.body.replaceChildren(holder);

  const text = bodyText(holder);
  if (text.replace(/\s/g, '').length < MIN_TEXT_CHARS) return null;
  const { images, videos } = collectMedia(holder);
  const links: LinkRef[] = Array.from(holder.querySelectorAll('a[href]')).map((a) => ({
    text: clean(a.textContent),
    href: a.getAttribute('href') ?? '',
  }));
  const published = clean(result.publishedTime);
  return {
    // Article['kind'] has no generic member; PageState.generic tells the popup.
    kind: 'article',
    url,
    theme: GENERIC_THEME,
    title: clean(result.title) || clean(doc.title),
    categories: [],
    feed: clean(result.byline) || clean(result.siteName) || null,
    published: published ? parseDate(published) : null,
    cover: null,
    images,
    videos,
    topics: [],
    links,
    html: holder.innerHTML,
    markdown: toMarkdown(holder, inert),
    text,
    counts: countText(text),
    origin: null,
    unescaped: false,
    notes: [],
  };
}

/** What the reader shows when Readability finds nothing: the page's title and one sentence. */
export function nothingToRead(doc: Document, win: Window, message: string, url = doc.URL): Article {
  const inert = inertDocument(win, url);
  const source = inert.createElement('div');
  const p = inert.createElement('p');
  p.textContent = message;
  source.append(p);
  const holder = inert.createElement('div');
  holder.append(sanitizeToFragment(source, win));
  return {
    kind: 'article',
    url,
    theme: GENERIC_THEME,
    title: clean(doc.title),
    categories: [],
    feed: null,
    published: null,
    cover: null,
    images: [],
    videos: [],
    topics: [],
    links: [],
    html: holder.innerHTML,
    markdown: message,
    text: message,
    counts: countText(message),
    origin: null,
    unescaped: false,
    notes: [message],
  };
}
