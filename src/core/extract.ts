// From a detected page to the plain Article the extension shows and the CLI prints.
import { THEMES, type ThemeSpec } from './data/themes';
import { parseDate } from './dates';
import { decodeBraces } from './front-matter';
import { detect, detectArticle, rawPostText, type PostLocation } from './detect';
import { renderEscapedMarkup } from './escaped-markup';
import { parseMarkdownPost } from './markdown-post';
import { collectMedia, isPlaceholderImage, absoluteUrl } from './media';
import { normalizeBody } from './normalize-body';
import { endTags, markupGroups, type MarkupGroup } from './markup-groups';
import { knownOrigin, LinkHosts } from './origin';
import { dropUnkeptAttributes, sanitizeToFragment } from './sanitize';
import { queryAll, queryAllOf, readRule } from './select';
import {
  categoriesFromLinks,
  metadataCover,
  dateFrom,
  headFacts,
  isChromeNear,
  isNamedBody,
  NO_HEAD_FACTS,
  postArea,
  titleFrom,
} from './structural';
import { runSteps, type Steps } from './steps';
import { removeTagLinks } from './tag-links';
import { countTextSteps, edgePieces, TextJoin, textPieces } from './text';
import { toMarkdown } from './to-markdown';
import type { Article, Cover, LinkRef, Published, Topic } from './types';
import { isWrapped, unwrap } from './unwrap';

export interface ExtractOptions {
  /** The page's address; defaults to the document's. */
  url?: string;
  /** A window for DOMPurify; defaults to the document's, then the global one. */
  win?: Window;
  /** False after a pjax navigation: the head may describe another page (see DetectOptions). */
  trustHead?: boolean;
  /** False: no Markdown (`article.markdown` absent; `markdownOf` makes it when a copy or a save asks). The popup
   *  and the reader show HTML and text: Turndown was 40 % of the time of an extraction. Default true. */
  markdown?: boolean;
  /** Where the article is, when the caller has just found it (`detectWithArticle`): not looked for again. */
  article?: PostLocation;
  /** Bodies of more markup than this are read back and sanitized in groups of whole nodes of about this size
   *  (src/core/markup-groups.ts), each its own step (tests set it small to prove the groups change nothing). */
  groupChars?: number;
  /** The first group's size, doubling from group to group up to `groupChars` (default: `groupChars`). The first
   *  groups run the sanitizer's code before it is optimized: small, they stay short steps. */
  firstGroupChars?: number;
}

/**
 * A body's markup is read back, cleaned and sanitized in groups of whole nodes (its children, or those of the one
 * wrapper it is) of about this many characters: each group is a step of a few milliseconds, where a 5 MB body read
 * whole was one task of seconds.
 * A body this size or smaller is one group, read exactly as a whole.
 */
export const GROUP_CHARS = 64 * 1024;

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

/** Removes theme chrome from a body, or from one group of its children (`total`: the whole body's text length,
 *  which it reads only when it `measures`; `inside`: the group's nodes are inside a wrapper of the body, whose
 *  own children are not measured). */
interface StripChrome {
  (body: Element, total?: number, inside?: boolean): void;
  measures: boolean;
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
  stripChrome: StripChrome;
  notes: string[];
}

/** An empty inert document (no browsing context: nothing loads, no handler runs) whose base is the page's address.
 *  Made, not parsed: a DOMParser document was a sixth of an extraction of a median corpus page. */
function inertDocument(win: Window, url: string): Document {
  const inert = win.document.implementation.createHTMLDocument('');
  const base = inert.createElement('base');
  base.setAttribute('href', url.replace(/"/g, '%22'));
  inert.head.append(base);
  return inert;
}

/** The theme's chrome selectors anywhere in the body. A body the theme names (microdata, a class word) also
 *  loses the common chrome among its own children; a body found by weight holds the feed's own markup directly,
 *  and a feed's <footer> or `.subtitle` there is the post's. */
function chromeStripper(theme: ThemeSpec, named: boolean): StripChrome {
  // One search for all of the theme's chrome (an element inside another one goes with it either way).
  const list = theme.chrome.join(', ');
  const measures = !theme.article && named;
  const strip = (body: Element, total?: number, inside = false) => {
    if (list) for (const el of queryAllOf(body, list, theme.chrome)) el.remove();
    if (!measures || inside) return;
    total ??= (body.textContent ?? '').length;
    for (const el of Array.from(body.children)) {
      if (isChromeNear(el, body, 1) && (el.textContent ?? '').length < total / 2) el.remove();
    }
  };
  return Object.assign(strip, { measures });
}

/** An attribute name no code of ours nor a selector names, which the sanitizer drops: the words of a style whose
 *  quotes ended it early (`style="font-family: "Helvetica Neue", 黑体"` is also attributes `neue",` and `黑体"`). */
const STRAY_ATTRIBUTE = /[^-\w.:]/;

/** Drops an element's style, and the attributes a broken one left (see STRAY_ATTRIBUTE): in 6b7e, a post pasted
 *  from WeChat, they were half of the markup left to serialize, parse and remove again. */
function dropStyle(el: Element): void {
  el.removeAttribute('style');
  for (const name of el.getAttributeNames()) if (STRAY_ATTRIBUTE.test(name)) el.removeAttribute(name);
}

function* pagePartsFromTheme(
  doc: Document,
  { theme, root, body: bodySource }: PostLocation,
  win: Window,
  url: string,
  trustHead: boolean,
): Steps<Parts> {
  // Work on a copy in an inert document: a copy in the live page would load its images again and run its
  // inline handlers (<img onerror>) a second time. Copied a top-level child at a time, and measured as it comes
  // when the chrome is measured against it: the body's text length is the sum of its elements' and text nodes'
  // (comments have none). The copy stays out of the inert document's tree: nothing reads it there, and
  // inserting into a detached element skips the steps of a connected one.
  const inert = inertDocument(win, url);
  const body = inert.importNode(bodySource, false);
  const stripChrome = chromeStripper(theme, isNamedBody(bodySource));
  let textLength = 0;
  // Looked for once in the whole body: a search of each child's copy for styles that are not there was a tenth of
  // an extraction of an unstyled body.
  const styled = bodySource.querySelector('[style]') !== null;
  for (let child = bodySource.firstChild; child; child = child.nextSibling) {
    const copy = body.appendChild(inert.importNode(child, true));
    if (styled && copy.nodeType === 1) {
      // Nothing reads inline styles and the sanitizer drops them: gone before the body is serialized and parsed
      // again, which WeChat posts, a style on every span, made a third longer.
      const el = copy as Element;
      if (el.hasAttribute('style')) dropStyle(el);
      for (const styled of Array.from(el.querySelectorAll('[style]'))) dropStyle(styled);
    }
    if (stripChrome.measures && (copy.nodeType === 1 || copy.nodeType === 3)) textLength += (copy.textContent ?? '').length;
    yield;
  }
  stripChrome(body, textLength);
  yield;
  // Each field: the theme's rule, else what the page's structure and metadata say.
  const read = (rules: ThemeSpec['date']) => {
    // The first rule that finds a value: the later ones are not looked up (each a selector search of the page).
    for (const rule of rules) {
      const value = readRule(doc, root, rule);
      if (value) return value;
    }
    return '';
  };
  const area = theme.article ? root : postArea(doc, root, bodySource);
  let facts: ReturnType<typeof headFacts> | null = null;
  const head = () => (facts ??= trustHead ? headFacts(doc) : NO_HEAD_FACTS);
  let categories = theme.categories
    ? queryAll(root, theme.categories)
        .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
        .filter(Boolean)
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
    stripChrome: Object.assign(() => undefined, { measures: false }),
    notes: post.warnings,
  };
}

/** Read an article out of a document. Throws NotAnArticleError on other pages. */
export function extract(doc: Document, opts: ExtractOptions = {}): Article {
  return runSteps(extractSteps(doc, opts));
}

/**
 * `extract` as steps (src/core/steps.ts): it pauses between pieces of work of a few milliseconds each (a
 * top-level child copied, a group of the body read back, cleaned or sanitized), so that the content script
 * reads a large article in slices and the page stays responsive. The same article as `extract`.
 */
export function* extractSteps(doc: Document, opts: ExtractOptions = {}): Steps<Article> {
  const url = opts.url ?? doc.URL;
  const win = windowFor(doc, opts);
  const parser = parserFor(win);
  const postText = rawPostText(doc);
  let parts: Parts;
  if (postText !== null) {
    parts = postParts(postText, url, parser);
  } else {
    const trustHead = opts.trustHead ?? true;
    const found = opts.article ?? detectArticle(doc, { trustHead });
    if (!found) throw new NotAnArticleError(detect(doc, { trustHead }).kind);
    yield;
    parts = yield* pagePartsFromTheme(doc, found, win, url, trustHead);
  }
  return yield* articleFromParts(parts, url, win, parser, opts);
}

/** Extract from the text of a raw post file (CLI, tests), without a plain-text document around it. */
export function extractPost(text: string, doc: Document, opts: ExtractOptions = {}): Article {
  const url = opts.url ?? doc.URL;
  const win = windowFor(doc, opts);
  const parser = parserFor(win);
  return runSteps(articleFromParts(postParts(text, url, parser), url, win, parser, opts));
}

/**
 * The sanitizer's own parse of a group's markup is where the group is cleaned (see `Prepare` in sanitize.ts): one
 * parse, not a parse to clean in and a second for the sanitizer. Markup whose parse depends on context (a <style>
 * under a nested <form> in MathML) parses differently than in the page: what it turns into is unwrapped and
 * normalized like the rest, and theme chrome it swallowed is removed again. (Sanitizing the tree itself would
 * avoid the serialization, but DOMPurify's node input is quadratic in jsdom: 30 s for a 0.5 MB body.) A long
 * body goes in groups (see GROUP_CHARS, markup-groups.ts): each group's markup is whole nodes, so it parses as
 * it does within the whole.
 */
function setBase(body: HTMLElement, url: string, win: Window): void {
  // Addresses resolve against the page's, as in its own document: the first <base> of a document wins. Through
  // the window's Document and the <html> element: the markup's named elements (<img name=createElement>) shadow
  // the document's own methods.
  const doc = body.ownerDocument;
  const base = (win as Window & typeof globalThis).Document.prototype.createElement.call(doc, 'base');
  base.setAttribute('href', url.replace(/"/g, '%22'));
  body.parentElement!.prepend(base);
}

/** The body's text length, a top-level child at a time: the sum of its elements' and text nodes' (comments have
 *  none). */
function* textLengthOf(body: Element): Steps<number> {
  let length = 0;
  for (let child = body.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1 || child.nodeType === 3) length += (child.textContent ?? '').length;
    if (child.nodeType === 1) yield;
  }
  return length;
}

/** What the groups of a body yield, gathered over all of them in order. */
interface Findings {
  hosts: LinkHosts | null;
  topics: Topic[];
  /** Topic keys seen: de-duplicated over the whole body, as removeTagLinks does within one. */
  seen: Set<string>;
  images: Article['images'];
  videos: Article['videos'];
}

function newFindings(hosts: LinkHosts | null): Findings {
  return { hosts, topics: [], seen: new Set(), images: [], videos: [] };
}

/** One group, in the sanitizer's parse of its markup (see `Prepare`): chrome, tag links and lazy or proxied
 *  addresses go, its links, topics and media are noted. */
function cleanGroup(
  body: HTMLElement,
  url: string,
  win: Window,
  stripChrome: StripChrome,
  total: number | undefined,
  found: Findings,
  depth = 0,
): void {
  setBase(body, url, win);
  stripChrome(body, total, depth > 0);
  found.hosts?.add(body);
  for (const topic of removeTagLinks(body)) {
    const key = `${topic.kind}\u0000${topic.text}\u0000${topic.href}`;
    if (!found.seen.has(key)) {
      found.seen.add(key);
      found.topics.push(topic);
    }
  }
  const sources = new Map<Element, string | null>();
  const media = collectMedia(body, sources);
  found.images.push(...media.images);
  found.videos.push(...media.videos);
  normalizeBody(body, sources);
  dropUnkeptAttributes(body);
  // Text nodes the edits left side by side are one, as a parse of the cleaned markup would have them.
  body.normalize();
}

/** A group read back: its sanitized nodes in `holder`, and where they go in the article. */
interface ReadGroup extends MarkupGroup {
  holder: HTMLElement;
  /** The wrapper (in an earlier holder) its nodes go into, for a group at a depth; the first holder else. */
  into: Element | null;
}

/**
 * Each group through the sanitizer, cleaned in its parse (see `Prepare`), a step each. Null when a wrapper a group
 * opens is not the last node of its holder afterwards (the cleaning or the sanitizer removed or moved it): the
 * groups after it would have nowhere to go.
 */
function* readGroups(
  groups: MarkupGroup[],
  url: string,
  win: Window,
  stripChrome: StripChrome,
  total: number | undefined,
  hosts: LinkHosts | null,
): Steps<{ groups: ReadGroup[]; found: Findings; open: string[] } | null> {
  const found = newFindings(hosts);
  const read: ReadGroup[] = [];
  /** The holder, then each wrapper still open, outermost first. */
  const containers: Element[] = [];
  const open: string[] = [];
  for (const group of groups) {
    const fragment = sanitizeToFragment(group.markup, win, (body) => cleanGroup(body, url, win, stripChrome, total, found, group.depth));
    // The holder in the sanitizer's own (inert) document: the fragment joins it without being adopted.
    const holder = fragment.ownerDocument.createElement('div');
    holder.append(fragment);
    for (const _ of group.closes) {
      containers.pop();
      open.pop();
    }
    const into = containers.length ? containers[containers.length - 1]! : null;
    if (!into) containers.push(holder);
    let parent: Element = holder;
    for (const name of group.opens) {
      const wrapper = parent.lastChild;
      if (wrapper?.nodeType !== 1 || (wrapper as Element).localName !== name) return null;
      containers.push(wrapper as Element);
      open.push(name);
      parent = wrapper as Element;
    }
    read.push({ ...group, holder, into });
    yield;
  }
  return { groups: read, found, open };
}

/** The text pieces of a group's nodes; the wrappers it leaves open give their start only (see `edgePieces`). */
function groupPieces(holder: Element, opens: readonly string[], pieces: string[]): void {
  let parent: Node = holder;
  for (let level = 0; ; level++) {
    const wrapper = level < opens.length ? parent.lastChild : null;
    for (let node = parent.firstChild; node && node !== wrapper; node = node.nextSibling) textPieces(node, pieces);
    if (!wrapper) return;
    edgePieces(opens[level]!, pieces);
    parent = wrapper;
  }
}

/** A line of markup through a group's cleaning and sanitizing: the content script runs it in a step of its own
 *  before an article, so that compiling this code is not part of the first group's step. */
export function warmUpExtraction(win: Window): void {
  const markup =
    '<p title="t"><a href="https://a.example/">a</a> <a href="https://www.ithome.com/tag/x/">x</a> ' +
    '<img src="https://a.example/b.png" data-src="https://a.example/c.png" style="x"><!-- c --></p><footer>f</footer>';
  sanitizeToFragment(markup, win, (body) =>
    cleanGroup(
      body,
      'https://a.example/',
      win,
      chromeStripper(THEMES[0]!, true),
      undefined,
      newFindings(new LinkHosts('https://a.example/')),
    ),
  );
}

function* articleFromParts(parts: Parts, url: string, win: Window, parser: DOMParser, opts: ExtractOptions): Steps<Article> {
  const notes = [...parts.notes];
  // Rendering looks for the escaped runs itself and says whether it found any: one search of the body, not two.
  const unescaped = renderEscapedMarkup(parts.body, parser);
  if (unescaped) {
    notes.push('The feed escaped its own HTML; the article is shown as the feed meant it.');
    // The markup it spelled brings its own inline styles (86d3, a WeChat page: 353), gone as the page's went.
    for (const el of Array.from(parts.body.querySelectorAll('[style]'))) el.removeAttribute('style');
  }
  yield;
  const size = opts.groupChars ?? GROUP_CHARS;
  const firstSize = opts.firstGroupChars ?? size;
  let groups = yield* markupGroups(parts.body, size, firstSize);
  // A group loses chrome by the measure of the whole body.
  const total = groups.length > 1 && parts.stripChrome.measures ? yield* textLengthOf(parts.body) : undefined;
  const origin = knownOrigin(parts.feed);
  const hosts = () => (origin ? null : new LinkHosts(url));
  let read = yield* readGroups(groups, url, win, parts.stripChrome, total, hosts());
  if (!read) {
    // A divided wrapper did not come through its group's cleaning as it went in (rare markup): the body's
    // children alone then, as a wrapper is never divided.
    groups = yield* markupGroups(parts.body, size, firstSize, false);
    read = (yield* readGroups(groups, url, win, parts.stripChrome, total, hosts()))!;
  }
  const { found } = read;
  const holders = read.groups.map((g) => g.holder);
  // The groups' HTML: the wrappers a group opens end where their last group ends, not where the serializer of the
  // group's holder ended them.
  const groupHtml: string[] = [];
  const breaks: number[] = [];
  const depths: number[] = [];
  let at = 0;
  for (const [i, g] of read.groups.entries()) {
    const own = g.holder.innerHTML;
    const piece = endTags(g.closes) + own.slice(0, own.length - endTags([...g.opens].reverse()).length);
    // A group the cleaning emptied begins nowhere: the next one begins there.
    if (i > 0 && piece) {
      breaks.push(at);
      depths.push(g.depth);
    }
    groupHtml.push(piece);
    at += piece.length;
    yield;
  }
  groupHtml.push(endTags([...read.open].reverse()));
  const html = groupHtml.join('');
  // The text of each top-level node, in order, a holder at a time: the same as the text of one holder of them all.
  const join = new TextJoin();
  const links: LinkRef[] = [];
  for (const g of read.groups) {
    const pieces: string[] = [];
    for (const name of g.closes) edgePieces(name, pieces);
    groupPieces(g.holder, g.opens, pieces);
    join.add(pieces);
    for (const a of Array.from(g.holder.querySelectorAll('a[href]'))) {
      links.push({ text: (a.textContent ?? '').replace(/\s+/g, ' ').trim(), href: a.getAttribute('href') ?? '' });
    }
    yield;
  }
  const closing: string[] = [];
  for (const name of [...read.open].reverse()) edgePieces(name, closing);
  join.add(closing);
  const text = join.text();
  const article: Article = {
    kind: parts.kind,
    url,
    theme: parts.theme,
    title: parts.title,
    categories: parts.categories,
    feed: parts.feed,
    published: parts.published,
    cover: coverFrom(parts.coverRaw, url),
    images: found.images,
    videos: found.videos,
    topics: found.topics,
    links,
    html,
    ...(breaks.length ? { htmlBreaks: breaks } : {}),
    ...(depths.some((d) => d > 0) ? { htmlDepths: depths } : {}),
    text,
    counts: yield* countTextSteps(text),
    origin: origin ?? found.hosts!.best(),
    unescaped,
    notes,
  };
  if (opts.markdown !== false) {
    yield;
    const first = holders[0]!;
    // Several holders join into the first, each into the wrapper it divides; adjacent text nodes merge, as one
    // parse of their HTML would have them.
    for (const g of read.groups.slice(1)) g.into!.append(...Array.from(g.holder.childNodes));
    if (holders.length > 1) first.normalize();
    article.markdown = toMarkdown(first, first.ownerDocument);
  }
  return article;
}
