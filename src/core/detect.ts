// Which kind of page this is, and why. Cheap first: the theme signature and the article root are selector
// look-ups; the family's marks come before any weighing, so an ordinary blog costs a handful of look-ups; only a
// family page read structurally is weighed (structural.ts).
import { CATEGORY_GROUPS, PROXIED_MEDIA_SELECTOR, RSSHUB_AUTHOR_SELECTOR } from './data/site';
import { PLACEHOLDER_IMAGE_HOSTS } from './data/lazy-attributes';
import { THEMES, themeById, type ThemeSpec } from './data/themes';
import { looksLikeMarkdownPost } from './post-probe';
import { query, queryAll, readRule } from './select';
import { categoriesFromLinks, findBody, findPostRoot, headFacts, headMarksPost, headSaysPost, NO_HEAD_FACTS, postArea } from './structural';
import type { Detection } from './types';

const PLAIN_TEXT_TYPES = ['text/plain', 'text/markdown', 'text/x-markdown'];

/** The theme whose signature the document carries, or null. */
export function findTheme(doc: Document): ThemeSpec | null {
  for (const theme of THEMES) {
    if (theme.signature.some((sel) => query(doc, doc, sel))) return theme;
  }
  return null;
}

/** The single article root by the theme's own selector (null for the structural profile, or a listing). */
export function findArticleRoot(doc: Document, theme: ThemeSpec): Element | null {
  if (!theme.article) return null;
  const roots = doc.querySelectorAll(theme.article);
  if (roots.length !== 1) return null;
  const root = roots[0]!;
  // The post's title element, even empty (a post without a title is still a post): a listing's single entry
  // carries a linked h2 instead.
  return theme.title.some((rule) => query(doc, root, rule.selector) !== null) ? root : null;
}

/** The post body under a root: the theme's selector, else the element that holds the post's text (another
 *  version of a named theme: Volantis 5 keeps Volantis 4's root and title but names its body `#post-body`). */
export function bodyOf(theme: ThemeSpec, root: Element): Element {
  for (const sel of theme.body) {
    const found = queryAll(root, sel)[0];
    if (found) return found;
  }
  return findBody(root);
}

/** Raw post text when the document is a plain-text view of a generated post, else null. */
export function rawPostText(doc: Document): string | null {
  if (!PLAIN_TEXT_TYPES.includes(doc.contentType)) return null;
  const text = doc.body?.textContent ?? '';
  return looksLikeMarkdownPost(text) ? text : null;
}

const PLACEHOLDER_IMAGES = PLACEHOLDER_IMAGE_HOSTS.map((h) => `img[src*="//${h}/"], meta[content*="//${h}/"]`).join(', ');

/** The generator's three category levels, the first a known group: in the theme's own links, or any links. */
function feedCategories(doc: Document, scope: ParentNode, theme: ThemeSpec): boolean {
  const levels = theme.categories
    ? queryAll(scope, theme.categories).map((el) => el.textContent?.trim() ?? '')
    : categoriesFromLinks(scope, doc.baseURI);
  return levels.length === 3 && CATEGORY_GROUPS.includes(levels[0]!);
}

/**
 * The first mark of a generated proxied-news page under `scope`, cheapest first (the benchmark's profile: the
 * media look-up walks the whole scope when nothing matches, so it goes last). One is enough.
 */
export function familyMark(doc: Document, scope: ParentNode, theme: ThemeSpec): string | null {
  if (scope.querySelector(RSSHUB_AUTHOR_SELECTOR)) return 'rsshub-author';
  const cover = theme.cover.map((rule) => readRule(doc, scope, rule)).find(Boolean);
  if (cover && PLACEHOLDER_IMAGE_HOSTS.some((h) => cover.includes(`//${h}/`))) return 'placeholder-cover';
  if (feedCategories(doc, scope, theme)) return 'feed-categories';
  if (scope.querySelector(PROXIED_MEDIA_SELECTOR)) return 'proxied-media';
  if (!theme.article && scope.querySelector(PLACEHOLDER_IMAGES)) return 'placeholder-cover';
  return null;
}

/** A family listing keeps its list, but its pictures come back: the marks anywhere in the page, or its
 *  category links naming the generator's groups. */
function listingMark(doc: Document): string | null {
  // Cheapest first: most family pages carry the RSSHub author link near their top.
  if (doc.querySelector(RSSHUB_AUTHOR_SELECTOR)) return 'rsshub-author';
  if (doc.querySelector(PLACEHOLDER_IMAGES)) return 'placeholder-cover';
  if (groupCategoryLinks(doc)) return 'feed-categories';
  return doc.querySelector(PROXIED_MEDIA_SELECTOR) ? 'proxied-media' : null;
}

const GROUPS = new Set(CATEGORY_GROUPS);

/**
 * The generator's category tree: links to at least two of its groups, each with a full group / feed / channel
 * path under it. One group name with a level under it is not enough: 学习, 编程 or 生活 head many an ordinary
 * Chinese blog's categories. (With `minGroups` 1, a post page may be the family's: its own three levels decide
 * then.) Strings only: no address is parsed, no selector built from the page.
 */
function groupCategoryLinks(doc: Document, minGroups = 2): boolean {
  const hrefs: string[] = [];
  const groups: string[] = [];
  const links = doc.querySelectorAll('a[href*="/categories/"]');
  for (let i = 0; i < links.length && i < 300; i++) {
    const a = links[i]!;
    const href = a.getAttribute('href') ?? '';
    hrefs.push(href);
    if (href.endsWith('/') && GROUPS.has((a.textContent ?? '').trim())) groups.push(href);
  }
  const deep = new Set<string>();
  for (const group of groups) {
    if (deep.has(group)) continue;
    // Two more levels below the group: `…/group/feed/channel/`.
    if (hrefs.some((h) => h.startsWith(group) && h.slice(group.length).replace(/\/$/, '').split('/').length === 2)) deep.add(group);
    if (deep.size >= minGroups) return true;
  }
  return false;
}

interface Found {
  theme: ThemeSpec;
  root: Element;
  body?: Element;
  signals: string[];
}

/** The post root: a named theme's own selector, else the structural reading. A named theme whose selector finds
 *  nothing is another version of it (Volantis 6 stamps its head like Volantis 4): the page's structure is read
 *  then, but only when its head says it is a post. */
function locate(doc: Document, theme: ThemeSpec, trustHead: boolean): Found | { listing: string[] } {
  if (theme.article) {
    const own = findArticleRoot(doc, theme);
    if (own) return { theme, root: own, signals: ['article-root'] };
  }
  // A named theme's listing stops at a look into <head> (a listing's cost stays a few look-ups).
  if (theme.article && trustHead && !headMarksPost(doc)) return { listing: ['no-single-article'] };
  const facts = trustHead ? headFacts(doc) : NO_HEAD_FACTS;
  const root = theme.article && trustHead && headSaysPost(facts) !== true ? null : findPostRoot(doc, facts);
  if (root) return { theme: structural(), root, signals: ['article-root', ...(theme.article ? ['structural'] : [])] };
  return { listing: [facts.ogType && facts.ogType !== 'article' ? `og:type=${facts.ogType}` : 'no-single-article'] };
}

const structural = (): ThemeSpec => themeById('hexo')!;

function classify(doc: Document, { trustHead = true }: DetectOptions = {}): Detection & { found?: Found } {
  if (rawPostText(doc) !== null) {
    return { kind: 'markdown-post', detected: true, family: true, theme: null, signals: ['plain-text', 'front-matter'] };
  }
  const theme = findTheme(doc);
  if (!theme) return { kind: 'none', detected: false, family: false, theme: null, signals: ['no-theme-signature'] };
  const signals = [`theme:${theme.id}`];
  // A page read structurally must first carry the family's marks somewhere: an ordinary Hexo blog stops here.
  if (!theme.article && !listingMark(doc) && !groupCategoryLinks(doc, 1)) {
    return { kind: 'none', detected: false, family: false, theme: theme.id, signals: [...signals, 'not-proxied-news'] };
  }
  const found = locate(doc, theme, trustHead);
  if ('listing' in found) {
    const mark = listingMark(doc);
    return {
      kind: 'listing',
      detected: false,
      family: mark !== null,
      theme: theme.id,
      signals: [...signals, ...found.listing, ...(mark ? [`family:${mark}`] : [])],
    };
  }
  signals.push(...found.signals);
  // Read structurally, the post's marks may sit beside its root (Butterfly's header), or only in the site's
  // parts (categories): a post page of a family site is a family post.
  // The body (weighed once, kept for the cleaner) tells the feed's own h1 from the post's title.
  if (!found.theme.article) found.body = bodyOf(found.theme, found.root);
  const area = found.theme.article ? found.root : postArea(doc, found.root, found.body);
  const mark =
    familyMark(doc, found.root, found.theme) ??
    (found.theme.article ? null : ((area !== found.root ? familyMark(doc, area, found.theme) : null) ?? listingMark(doc)));
  if (!mark) return { kind: 'none', detected: false, family: false, theme: found.theme.id, signals: [...signals, 'not-proxied-news'] };
  return { kind: 'article', detected: true, family: true, theme: found.theme.id, signals: [...signals, mark], found };
}

/**
 * `trustHead: false` when the page's <head> may describe another page: after a pjax navigation most themes swap
 * the content but leave og:type, article:* and JSON-LD of the page first loaded. The body alone decides then.
 */
export interface DetectOptions {
  trustHead?: boolean;
}

function classified(doc: Document, options: DetectOptions): Detection & { found?: Found } {
  try {
    return classify(doc, options);
  } catch (error) {
    // A hostile or odd document (frameset, XML) must never make detection throw into the page.
    return { kind: 'none', detected: false, family: false, theme: null, signals: [`error:${String(error)}`] };
  }
}

export function detect(doc: Document, options: DetectOptions = {}): Detection {
  const { found: _found, ...detection } = classified(doc, options);
  return detection;
}

/** The article of a proxied-news page as the core reads it: its root, body and the profile that reads it. */
export interface PostLocation {
  root: Element;
  body: Element;
  theme: ThemeSpec;
}

function location(found: Found | undefined): PostLocation | null {
  if (!found) return null;
  try {
    return { root: found.root, body: found.body ?? bodyOf(found.theme, found.root), theme: found.theme };
  } catch {
    return null;
  }
}

/** The article of a proxied-news page, or null. */
export function detectArticle(doc: Document, options: DetectOptions = {}): PostLocation | null {
  return location(classified(doc, options).found);
}

/** `detect` and `detectArticle` from one reading of the page (the CLI needs both: each reads the whole page). */
export function detectWithArticle(doc: Document, options: DetectOptions = {}): { detection: Detection; article: PostLocation | null } {
  const { found, ...detection } = classified(doc, options);
  return { detection, article: location(found) };
}
