// Reading a post page of any Hexo theme (or any static blog page) from its structure and metadata, not from
// one theme's class names: og:type / JSON-LD / article:published_time say "a post" or "a listing"; the root is the
// one <article> (or itemprop/itemtype element, or <main>) that holds the post's text; the body is the element
// under it that holds that text, found in one bounded pass over the root's elements (text and link density).
import { BODY_HINT, COMMON_CHROME } from './data/themes';

/** What the page's <head> says about itself (og, article:*, JSON-LD). */
export interface HeadFacts {
  ogType: string | null;
  title: string | null;
  published: string | null;
  sections: string[];
  images: string[];
  /** JSON-LD says BlogPosting/Article/NewsArticle. */
  ldArticle: boolean;
}

const LD_ARTICLE = /^(?:Article|BlogPosting|NewsArticle|TechArticle|Report|SocialMediaPosting|LiveBlogPosting)$/i;
/** JSON-LD blocks larger than this are not parsed (a page could hide megabytes there). */
const LD_MAX = 200_000;

function meta(doc: Document, key: string): string | null {
  // Metadata lives in <head>: looking there alone keeps a large page's cost to a few nodes.
  const el = (doc.head ?? doc).querySelector(`meta[property="${key}"], meta[name="${key}"]`);
  const v = el?.getAttribute('content')?.trim();
  return v ? v : null;
}

function ldNodes(value: unknown, out: Record<string, unknown>[], depth = 0): void {
  if (depth > 4 || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value.slice(0, 50)) ldNodes(v, out, depth + 1);
    return;
  }
  const node = value as Record<string, unknown>;
  out.push(node);
  if (node['@graph']) ldNodes(node['@graph'], out, depth + 1);
}

function ldImage(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return ldImage(value[0]);
  if (value && typeof value === 'object') {
    const url = (value as Record<string, unknown>).url;
    return typeof url === 'string' ? url : null;
  }
  return null;
}

/** What a head says when it cannot be trusted (after a pjax navigation the head still describes the first page). */
export const NO_HEAD_FACTS: HeadFacts = { ogType: null, title: null, published: null, sections: [], images: [], ldArticle: false };

export function headFacts(doc: Document): HeadFacts {
  const facts: HeadFacts = {
    ogType: meta(doc, 'og:type')?.toLowerCase() ?? null,
    title: meta(doc, 'og:title'),
    published: meta(doc, 'article:published_time'),
    sections: Array.from((doc.head ?? doc).querySelectorAll('meta[property="article:section"]'))
      .map((m) => m.getAttribute('content')?.trim() ?? '')
      .filter(Boolean),
    images: [meta(doc, 'og:image'), meta(doc, 'twitter:image')].filter((v): v is string => v !== null),
    ldArticle: false,
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]')).slice(0, 8)) {
    const text = script.textContent ?? '';
    if (text.length > LD_MAX) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    const nodes: Record<string, unknown>[] = [];
    ldNodes(parsed, nodes);
    for (const node of nodes) {
      const types = ([] as unknown[]).concat(node['@type']);
      if (!types.some((t) => typeof t === 'string' && LD_ARTICLE.test(t))) continue;
      facts.ldArticle = true;
      if (typeof node.headline === 'string' && !facts.title) facts.title = node.headline.trim() || null;
      if (typeof node.datePublished === 'string') facts.published ??= node.datePublished;
      const section = ([] as unknown[]).concat(node.articleSection ?? []).filter((s): s is string => typeof s === 'string');
      if (section.length && !facts.sections.length) facts.sections = section;
      const image = ldImage(node.image);
      if (image) facts.images.push(image);
    }
  }
  return facts;
}

/** A look into <head> alone: does it say "a post" (og:type=article, article:published_time, JSON-LD there)? */
export function headMarksPost(doc: Document): boolean {
  const head = doc.head;
  return !!head?.querySelector(
    'meta[property="og:type"][content="article"], meta[property="article:published_time"], script[type="application/ld+json"]',
  );
}

/** og:type says what kind of page this is, when the theme writes it (Hexo's open_graph helper does). */
export function headSaysPost(facts: HeadFacts): boolean | null {
  if (facts.ldArticle) return true;
  if (facts.ogType === 'article') return true;
  if (facts.ogType) return false;
  return facts.published ? true : null;
}

const ROOT_CANDIDATES = 'article, [itemtype*="BlogPosting"], [itemtype*="Article"]';
const BODY_MARK = '[itemprop~="articleBody"]';

/** The address a link points at, without its fragment, or null. */
function linkTarget(a: Element, base: string): string | null {
  try {
    const u = new URL(a.getAttribute('href') ?? '', base);
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

/**
 * Post entries of a listing: elements whose heading links to another page. A post page's own title does not
 * link away (or links to itself); a listing's entries each do.
 */
export function listingEntries(doc: Document): Element[] {
  const here = linkTarget(doc.createElement('a'), doc.URL) ?? doc.URL;
  const entries: Element[] = [];
  const seen = new Set<string>();
  for (const el of Array.from(doc.querySelectorAll(ROOT_CANDIDATES)).slice(0, 400)) {
    const a = el.querySelector('h1 a[href], h2 a[href], h3 a[href], a[href] h1, a[href] h2, a[href] h3, header a[href]');
    const link = a?.closest('a[href]') ?? null;
    const target = link ? linkTarget(link, doc.baseURI) : null;
    if (!target || target === here || seen.has(target)) continue;
    // Nested candidates (an itemtype element inside an <article>) are one entry.
    if (entries.some((e) => e.contains(el) || el.contains(e))) continue;
    seen.add(target);
    entries.push(el);
  }
  return entries;
}

/** Content weight of each element: its text outside links and chrome, plus a fixed weight per picture (an
 *  image-only post still has a body). `total` is the root's. */
interface Weights {
  text: Map<Element, number>;
  total: number;
  /** Text inside links under the root (link density = links / (links + total)). */
  links: number;
}

const IMAGE_WEIGHT = 80;
// The title (h1) is the post's, but not its body.
const SKIP_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'textarea', 'select', 'option', 'h1']);

/** One pass over root's elements in document order, then one in reverse summing children into parents. */
function weigh(root: Element, chrome: (el: Element) => boolean): Weights {
  const text = new Map<Element, number>();
  // querySelectorAll: a live getElementsByTagName collection is quadratic to walk in jsdom (the CLI).
  const all = Array.from(root.querySelectorAll('*'));
  const excluded = new Set<Element>();
  const inLink = new Set<Element>();
  let links = 0;
  for (const el of all) {
    const parent = el.parentElement;
    if ((parent && excluded.has(parent)) || SKIP_TEXT.has(el.localName) || chrome(el)) {
      excluded.add(el);
      continue;
    }
    if (el.localName === 'a' || (parent && inLink.has(parent))) inLink.add(el);
    let own = el.localName === 'img' || el.localName === 'video' ? IMAGE_WEIGHT : 0;
    let chars = 0;
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) chars += (n.nodeValue ?? '').replace(/\s+/g, '').length;
    }
    if (inLink.has(el)) links += chars;
    else own += chars;
    text.set(el, own);
  }
  let total = 0;
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!;
    const mine = text.get(el);
    if (mine === undefined) continue;
    const parent = el.parentElement;
    if (parent === root) total += mine;
    else if (parent && text.has(parent)) text.set(parent, text.get(parent)! + mine);
  }
  for (let n = root.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3) total += (n.nodeValue ?? '').replace(/\s+/g, '').length;
  }
  return { text, total, links };
}

const CONTAINERS = new Set(['div', 'section', 'article', 'main', 'td', 'blockquote', 'figure', 'details']);

/** Chrome near the top of a container: theme parts, never deep inside the feed's own markup. */
export function isChromeNear(el: Element, container: Element, maxDepth = 2): boolean {
  let depth = 0;
  for (let p: Element | null = el; p && p !== container; p = p.parentElement) if (++depth > maxDepth) return false;
  return isChrome(el);
}

/** The common chrome as one selector list (one `matches` call per element), or per selector where an engine
 *  refuses the list. */
const CHROME_LIST = COMMON_CHROME.join(', ');

function isChrome(el: Element): boolean {
  try {
    return el.matches(CHROME_LIST);
  } catch {
    return matchesAny(el, COMMON_CHROME);
  }
}

function matchesAny(el: Element, selectors: readonly string[]): boolean {
  for (const sel of selectors) {
    try {
      if (el.matches(sel)) return true;
    } catch {
      // an engine that does not know a selector (the `i` flag in old engines) counts it as no match
    }
  }
  return false;
}

/** The body element is the one the theme names as the post's text (by microdata or a class word): its own
 *  children may then include theme chrome. A body found by weight holds the feed's markup directly. */
export function isNamedBody(el: Element): boolean {
  return el.matches(BODY_MARK) || hinted(el);
}

function hinted(el: Element): boolean {
  const words = `${el.getAttribute('class') ?? ''} ${el.id}`.split(/\s+/);
  return words.some((word) => word !== '' && BODY_HINT.test(word));
}

/**
 * The element under `root` that holds the post's text: descend while one child holds nearly all of it.
 * Chrome near the top of the root does not count.
 */
export function findBody(root: Element): Element {
  const marked = root.querySelectorAll(BODY_MARK);
  if (marked.length === 1) return marked[0]!;
  const w = weigh(root, isChrome);
  if (w.total === 0) return root;
  const weight = (el: Element) => (el === root ? w.total : (w.text.get(el) ?? 0));
  // A container the theme names as the post's text: among nested ones the innermost that still holds nearly
  // all of its named ancestor; among separate ones the heaviest, which must hold most of the root's weight
  // unless it is the only one (a title-only or image-only post weighs next to nothing).
  const named = Array.from(root.querySelectorAll('[class], [id]')).filter(
    (el) => w.text.has(el) && CONTAINERS.has(el.localName) && hinted(el),
  );
  let best: Element | null = null;
  for (const el of named) {
    if (!best) best = el;
    else if (best.contains(el)) {
      if (weight(el) >= weight(best) * 0.9) best = el;
    } else if (weight(el) > weight(best)) best = el;
  }
  const separate = named.filter((el) => !named.some((o) => o !== el && o.contains(el)));
  if (best && (separate.length === 1 || weight(best) >= w.total * 0.5)) return best;
  // No name to go by: descend while one child holds nearly all the weight and what it leaves behind is only the
  // post's title and metadata (a lead paragraph beside the rest of the text is the post's own).
  let cur = root;
  for (;;) {
    const here = weight(cur);
    let best: Element | null = null;
    for (let c = cur.firstElementChild; c; c = c.nextElementSibling) {
      if (weight(c) >= here * 0.9) best = c;
    }
    // Containers only: a lone <p> or <ul> holding everything is the body's content, not the body.
    if (!best || !CONTAINERS.has(best.localName) || best.children.length === 0) return cur;
    for (let c = cur.firstElementChild; c; c = c.nextElementSibling) {
      // Link text weighs nothing, but a "read the discussion" link after the text is the feed's own.
      const shows = weight(c) > 0 || (c.textContent ?? '').trim() !== '';
      if (c !== best && shows && !SKIP_TEXT.has(c.localName) && !isChrome(c) && !isMetadata(c)) return cur;
    }
    cur = best;
  }
}

/** A day written out: 2022-09-26, 2022/9/26, 2022.09.26, 2022年9月26日. */
export const DATE_TEXT = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?/;
const META_PARTS =
  'h1, time, [datetime], a[href*="/categories/"], a[href*="/tags/"], [class*="meta" i], [class*="date" i], [class*="author" i], [class*="avatar" i]';

/** A part of the page that says things about the post (its title, date, author, categories), not its text. */
function isMetadata(el: Element): boolean {
  try {
    if (el.matches(META_PARTS) || el.querySelector(META_PARTS)) return true;
  } catch {
    // an engine without the `i` flag: judge by the text alone
  }
  const text = el.textContent ?? '';
  return text.length < 200 && DATE_TEXT.test(text);
}

/**
 * The single post root of a page read structurally, or null when the page is a listing (or nothing).
 * Bounded: a few selector look-ups, then one weighing pass over the candidates.
 */
export function findPostRoot(doc: Document, facts: HeadFacts = headFacts(doc)): Element | null {
  if (headSaysPost(facts) === false) return null;
  if (listingEntries(doc).length >= 2) return null;
  const bodies = doc.querySelectorAll(BODY_MARK);
  if (bodies.length > 1) return null;
  if (bodies.length === 1) {
    return bodies[0]!.closest(ROOT_CANDIDATES) ?? bodies[0]!.closest('main') ?? bodies[0]!.parentElement;
  }
  // Outermost candidates only: an itemtype element inside an <article> is the same post.
  const candidates = Array.from(doc.querySelectorAll(ROOT_CANDIDATES)).filter((el) => !el.parentElement?.closest(ROOT_CANDIDATES));
  const mains = doc.querySelectorAll('main, [role="main"]');
  let root: Element | null = null;
  if (candidates.length === 0) root = mains.length === 1 ? mains[0]! : null;
  else if (candidates.length === 1) root = candidates[0]!;
  else {
    // Several: the post is the one holding most of the text, and it must hold most of it.
    const weights = candidates.map((el) => weigh(el, isChrome).total);
    const sum = weights.reduce((a, b) => a + b, 0);
    const best = weights.indexOf(Math.max(...weights));
    root = sum > 0 && weights[best]! >= sum * 0.7 ? candidates[best]! : null;
  }
  if (!root || headSaysPost(facts)) return root;
  // The head says nothing (or, after a pjax navigation, nothing about this page): a post shows its title and its
  // date, is not a page of links (a category index), and does not link to several other posts of the blog by
  // their titles (a listing without <article>s).
  const area = postArea(doc, root);
  const text = area.textContent ?? '';
  const dated =
    area.querySelector('time[datetime], [itemprop~="datePublished"], [datetime]') !== null || DATE_TEXT.test(text.slice(0, 4000));
  const w = weigh(root, isChrome);
  return titled(doc, area) && dated && w.links < w.total && postLinks(doc, root) < 3 ? root : null;
}

function titled(doc: Document, area: Element): boolean {
  return area.querySelector('h1') !== null || doc.querySelectorAll('h1').length === 1;
}

/** Distinct other pages of the blog linked by a title-like text (8+ characters) under root, chrome aside. */
function postLinks(doc: Document, root: Element): number {
  let host = '';
  try {
    host = new URL(doc.URL).host;
  } catch {
    return 0;
  }
  const here = doc.URL.split('#')[0];
  const seen = new Set<string>();
  const links = root.querySelectorAll('a[href]');
  for (let i = 0; i < links.length && i < 2000 && seen.size < 3; i++) {
    const a = links[i]!;
    if ((a.textContent ?? '').trim().length < 8 || a.closest(CHROME_LIST)) continue;
    try {
      const u = new URL(a.getAttribute('href') ?? '', doc.baseURI);
      u.hash = '';
      if (u.host === host && u.href !== here && !/\/(?:categories|tags|archives|page)\//.test(u.pathname)) seen.add(u.href);
    } catch {
      // not an address
    }
  }
  return seen.size;
}

const SIDE_PARTS = 'aside, nav, footer, [class*="sidebar" i], [class*="widget" i], [id*="sidebar" i], [class*="card-categor" i]';

/**
 * Where a post's title, categories and date sit: the root when it holds the title (h1), else the nearest
 * ancestor that does (Butterfly keeps them in a header beside the <article> that holds only the text).
 */
export function postArea(doc: Document, root: Element, body: Element | null = null): Element {
  // The post's own text may hold an h1 of the feed's: only one outside the body is the title.
  const titleIn = (el: Element) => Array.from(el.querySelectorAll('h1')).some((h) => !body?.contains(h));
  if (titleIn(root)) return root;
  let area: Element = root;
  for (let i = 0; i < 6 && area.parentElement && area !== doc.body; i++) {
    area = area.parentElement;
    if (titleIn(area)) return area;
  }
  return root;
}

/** Category levels from the links into /categories/ under root: the deepest path, each level's link text. */
export function categoriesFromLinks(root: ParentNode, base: string): string[] {
  const byPath = new Map<string, string>();
  let deepest: string[] = [];
  for (const a of Array.from(root.querySelectorAll('a[href*="/categories/"]')).slice(0, 200)) {
    // A sidebar's category tree lists every category of the blog, not this post's.
    if (a.closest(SIDE_PARTS)) continue;
    let path: string;
    try {
      path = new URL(a.getAttribute('href') ?? '', base).pathname;
    } catch {
      continue;
    }
    const at = path.indexOf('/categories/');
    const segments = path
      .slice(at + '/categories/'.length)
      .split('/')
      .filter((s) => s && s !== 'index.html');
    if (segments.length === 0 || segments.includes('page')) continue;
    const key = segments.join('/');
    const text = (a.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!byPath.has(key) && text) byPath.set(key, text);
    if (segments.length > deepest.length) deepest = segments;
  }
  return deepest.map((seg, i) => {
    const key = deepest.slice(0, i + 1).join('/');
    if (byPath.has(key)) return byPath.get(key)!;
    try {
      return decodeURIComponent(seg);
    } catch {
      return seg;
    }
  });
}

const UPDATED = /更新|修改|updated|modified|edited/i;

/** The publication date as written: metadata first, then the first <time> that is not an "updated" line. */
export function dateFrom(doc: Document, root: Element, facts: HeadFacts): string {
  if (facts.published) return facts.published;
  const marked = root.querySelector('[itemprop~="datePublished"]') ?? doc.querySelector('[itemprop~="datePublished"]');
  const value = marked?.getAttribute('datetime') ?? marked?.getAttribute('content') ?? marked?.textContent;
  if (value?.trim()) return value.trim();
  for (const time of Array.from(root.querySelectorAll('time[datetime]')).slice(0, 20)) {
    const context = `${time.getAttribute('itemprop') ?? ''} ${time.className} ${time.parentElement?.textContent?.slice(0, 80) ?? ''}`;
    if (UPDATED.test(context)) continue;
    const dt = time.getAttribute('datetime')?.trim();
    if (dt) return dt;
  }
  return '';
}

function sameSite(url: string, page: string): boolean {
  try {
    return new URL(url, page).host === new URL(page).host;
  } catch {
    return false;
  }
}

/**
 * The cover from metadata when the theme hides the front-matter one. A picture on the blog's own host that the
 * post body does not show is the theme's logo or default banner, never the post's cover.
 */
export function metadataCover(facts: HeadFacts, body: Element, pageUrl: string): string {
  for (const image of facts.images) {
    if (!sameSite(image, pageUrl)) return image;
    const file = image.split(/[?#]/)[0]!.split('/').pop() ?? '';
    const shown = (img: Element) => ['src', 'data-src', 'data-original'].some((a) => img.getAttribute(a)?.includes(file));
    if (file && Array.from(body.getElementsByTagName('img')).some(shown)) return image;
  }
  return '';
}

/** The post's title: its h1 under the root (or the page's only h1), then JSON-LD / og:title. */
export function titleFrom(doc: Document, area: Element, facts: HeadFacts, body: Element | null = null): string {
  const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const own = Array.from(area.querySelectorAll('h1')).find((h) => !body?.contains(h) && text(h));
  if (own) return text(own);
  const all = doc.querySelectorAll('h1');
  if (all.length === 1 && text(all[0]) && !body?.contains(all[0]!) && !all[0]!.closest('header a, nav')) return text(all[0]);
  return facts.title ?? '';
}
