// Which kind of page this is, and why. Cheap first: the theme signature and the article root are single
// selector look-ups; only then do we look for the marks of a generated proxied-news post.
import { CATEGORY_GROUPS, PROXIED_MEDIA_SELECTOR, RSSHUB_AUTHOR_SELECTOR } from './data/site';
import { PLACEHOLDER_IMAGE_HOSTS } from './data/lazy-attributes';
import { THEMES, type ThemeSpec } from './data/themes';
import { looksLikeMarkdownPost } from './post-probe';
import { query, queryAll, readRule } from './select';
import type { Detection } from './types';

const PLAIN_TEXT_TYPES = ['text/plain', 'text/markdown', 'text/x-markdown'];

/** The theme whose signature the document carries, or null. */
export function findTheme(doc: Document): ThemeSpec | null {
  for (const theme of THEMES) {
    if (theme.signature.some((sel) => query(doc, doc, sel))) return theme;
  }
  return null;
}

/** The single article root of a post page; listings have none or several. */
export function findArticleRoot(doc: Document, theme: ThemeSpec): Element | null {
  const roots = doc.querySelectorAll(theme.article);
  if (roots.length !== 1) return null;
  const root = roots[0]!;
  return theme.title.some((rule) => readRule(doc, root, rule)) ? root : null;
}

/** Raw post text when the document is a plain-text view of a generated post, else null. */
export function rawPostText(doc: Document): string | null {
  if (!PLAIN_TEXT_TYPES.includes(doc.contentType)) return null;
  const text = doc.body?.textContent ?? '';
  return looksLikeMarkdownPost(text) ? text : null;
}

/**
 * The first mark of a generated proxied-news post, cheapest first (the benchmark's profile: the media look-up
 * walks the whole article when nothing matches, so it goes last). One is enough.
 */
function proxiedNewsSignal(doc: Document, root: Element, theme: ThemeSpec): string | null {
  if (root.querySelector(RSSHUB_AUTHOR_SELECTOR)) return 'rsshub-author';
  const cover = theme.cover.map((rule) => readRule(doc, root, rule)).find(Boolean);
  if (cover && PLACEHOLDER_IMAGE_HOSTS.some((h) => cover.includes(`//${h}/`))) return 'placeholder-cover';
  const categories = queryAll(root, theme.categories).map((el) => el.textContent?.trim() ?? '');
  if (categories.length === 3 && CATEGORY_GROUPS.includes(categories[0]!)) return 'feed-categories';
  if (root.querySelector(PROXIED_MEDIA_SELECTOR)) return 'proxied-media';
  return null;
}

export function detect(doc: Document): Detection {
  try {
    if (rawPostText(doc) !== null) {
      return { kind: 'markdown-post', detected: true, theme: null, signals: ['plain-text', 'front-matter'] };
    }
    const theme = findTheme(doc);
    if (!theme) return { kind: 'none', detected: false, theme: null, signals: ['no-theme-signature'] };
    const signals = [`theme:${theme.id}`];
    const root = findArticleRoot(doc, theme);
    if (!root) return { kind: 'listing', detected: false, theme: theme.id, signals: [...signals, 'no-single-article'] };
    signals.push('article-root');
    const mark = proxiedNewsSignal(doc, root, theme);
    if (!mark) return { kind: 'none', detected: false, theme: theme.id, signals: [...signals, 'not-proxied-news'] };
    return { kind: 'article', detected: true, theme: theme.id, signals: [...signals, mark] };
  } catch (error) {
    // A hostile or odd document (frameset, XML) must never make detection throw into the page.
    return { kind: 'none', detected: false, theme: null, signals: [`error:${String(error)}`] };
  }
}

/** The article of a proxied-news page as the core reads it: its single root and the theme that reads it, or null. */
export function detectArticle(doc: Document): { root: Element; theme: ThemeSpec } | null {
  const detection = detect(doc);
  if (detection.kind !== 'article') return null;
  const theme = THEMES.find((t) => t.id === detection.theme);
  const root = theme ? findArticleRoot(doc, theme) : null;
  return theme && root ? { root, theme } : null;
}
