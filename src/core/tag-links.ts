// Finds and removes inline keyword ("tag") links, driven only by the table in `data/tag-links.ts`.
// One querySelectorAll('a') per call; per anchor the cheap string tests run before any selector test, so a
// body of 10,000 ordinary links costs little more than reading their href and text.

import {
  DOCUMENT_PATH,
  MEDIA_INSIDE,
  NON_PAGE_SCHEME,
  REFERENCE_TEXT,
  TAG_LINK_KINDS,
  URL_TEXT,
  type TagLinkKind,
  type TextShape,
} from './data/tag-links';
import type { Topic } from './types';
import type { UndoLog } from './undo';
import { runSteps, type Steps } from './steps';
import { formHref, formOf, LINKS } from './link-forms';
import { unwrap } from './unwrap';

export interface TagLinkHit {
  kind: string;
  text: string;
  href: string;
}

interface CompiledKind {
  id: string;
  selector: string | null;
  not: string | null;
  host: RegExp | null;
  path: RegExp | null;
  shape: TextShape | null;
  strip: RegExp | null;
}

// Compiled once at load. Global regexes are copied without the `g` flag where we only `test`, so that
// `lastIndex` never carries state from one anchor to the next.
const KINDS: readonly CompiledKind[] = TAG_LINK_KINDS.map(compile);

// One `matches` against the union of every kind's selector rules most anchors out of all the selector kinds
// at once (each `matches` is a full selector match, ~10 µs in jsdom).
const ANY_SELECTOR = KINDS.flatMap((k) => (k.selector ? [k.selector] : [])).join(', ');

function compile(k: TagLinkKind): CompiledKind {
  const m = k.match;
  return {
    id: k.id,
    selector: m.selector ?? null,
    not: m.not ?? null,
    host: m.host ? stateless(m.host) : null,
    path: m.path ? stateless(m.path) : null,
    shape: m.text ? { ...m.text, pattern: m.text.pattern ? stateless(m.text.pattern) : undefined } : null,
    strip: m.textStrip ?? null,
  };
}

function stateless(re: RegExp): RegExp {
  return re.global || re.sticky ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re;
}

const SPACES = /\s+/g;

/** The anchor's kind, topic text and unwrapped absolute href; null for real references and plain links. */
export function classifyTagLink(a: Element): TagLinkHit | null {
  return classify(a, a.baseURI);
}

// `base` is the element's baseURI, read once per pass by the callers that walk many anchors: in an HTML
// document it is the document's base URL for every element, and jsdom recomputes it after each mutation.
function classify(a: Element, base: string): TagLinkHit | null {
  const form = a.localName === 'a' ? null : formOf(a);
  if (a.localName !== 'a' && !form) return null;
  const raw = form ? formHref(a, form) : a.getAttribute('href');
  if (raw === null || raw.trim() === '' || raw.trim().startsWith('#')) return null;
  const text = (a.textContent ?? '').replace(SPACES, ' ').trim();
  if (text === '' || URL_TEXT.test(text) || REFERENCE_TEXT.test(text)) return null;

  let url: URL | null;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  const abs = url.href;
  if (NON_PAGE_SCHEME.test(abs) || !isPageUrl(url)) return null;
  const href = unwrap(abs);
  if (href !== abs) url = parse(href);
  // Unparseable after unwrapping: host and path kinds cannot match; selector and text kinds still may.
  const host = url ? url.hostname.toLowerCase() : '';
  const path = url ? url.pathname : '';
  if (DOCUMENT_PATH.test(path)) return null;
  if (text === href || (a.firstElementChild !== null && a.querySelector(MEDIA_INSIDE))) return null;

  let anySelector: boolean | undefined;
  for (const k of KINDS) {
    if (k.host && !k.host.test(host)) continue;
    if (k.path && !k.path.test(path)) continue;
    if (k.shape && !fits(text, k.shape)) continue;
    if (k.selector) {
      anySelector ??= ANY_SELECTOR !== '' && a.matches(ANY_SELECTOR);
      if (!anySelector || !a.matches(k.selector)) continue;
    }
    if (k.not && a.matches(k.not)) continue;
    const topic = k.strip ? text.replace(k.strip, '').trim() : text;
    if (topic === '') continue;
    return { kind: k.id, text: topic, href };
  }
  return null;
}

/**
 * A keyword page is a web page or an app's deep link (小黑盒 `heybox://open_subject`, page 20bb). An address
 * without an authority (vbscript:, blob:, about:) or a local file would become a topic href that the UI and the
 * CLI hand on as a link.
 */
function isPageUrl(url: URL): boolean {
  if (url.protocol === 'http:' || url.protocol === 'https:') return true;
  return url.host !== '' && url.protocol !== 'file:' && !url.protocol.endsWith('script:');
}

function parse(href: string): URL | null {
  try {
    return new URL(href);
  } catch {
    return null;
  }
}

function fits(text: string, shape: TextShape): boolean {
  // UTF-16 length bounds the code point count from above, so only long texts need counting.
  if (shape.maxLength !== undefined && text.length > shape.maxLength && codePoints(text) > shape.maxLength) return false;
  if (shape.maxWords !== undefined && count(text, ' ') + 1 > shape.maxWords) return false;
  return !shape.pattern || shape.pattern.test(text);
}

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // low surrogates close a pair already counted
  }
  return n;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/** Every tag link under root, in document order. */
export function listTagLinks(root: Element): Element[] {
  return runSteps(scan(root)).map(([a]) => a);
}

/** How many anchors a step classifies before it pauses (see `removeTagLinksSteps`); an unwrap, which edits the
 *  page, is a step of its own. The slicer runs steps until its deadline: a step must stay far below it. */
const STEP = 10;

/** Classify every anchor before touching the DOM, so no test runs against a half-edited tree. */
function* scan(root: Element): Steps<[Element, TagLinkHit][]> {
  const base = root.baseURI;
  const hits: [Element, TagLinkHit][] = [];
  const all = Array.from(root.querySelectorAll(LINKS));
  for (let i = 0; i < all.length; i++) {
    const hit = classify(all[i]!, base);
    if (hit) hits.push([all[i]!, hit]);
    if (i % STEP === STEP - 1) yield;
  }
  return hits;
}

/** Remove every tag link under root (the anchor is replaced by its children, through log.unwrap when a log is
 *  given, else directly). Returns the topics in document order, de-duplicated by kind+text+href. Idempotent: a
 *  second call finds nothing. */
export function removeTagLinks(root: Element, log?: UndoLog): Topic[] {
  return runSteps(removeTagLinksSteps(root, log));
}

/** `removeTagLinks` in steps: it pauses (yields) every few anchors, so a caller on a page's main thread can
 *  let the page run between them. The same edits in the same order. */
export function* removeTagLinksSteps(root: Element, log?: UndoLog): Steps<Topic[]> {
  const topics: Topic[] = [];
  const seen = new Set<string>();
  const hits = yield* scan(root);
  for (let i = 0; i < hits.length; i++) {
    const [a, hit] = hits[i]!;
    const key = `${hit.kind}\u0000${hit.text}\u0000${hit.href}`;
    // A feed that failed to fill in a name (wolley's `@undefined`) still loses the link, but that is no topic.
    if (!seen.has(key) && !BROKEN_TOPIC_TEXT.test(hit.text)) {
      seen.add(key);
      topics.push({ text: hit.text, href: hit.href, kind: hit.kind });
    }
    const decoration = a.localName === 'a' ? undefined : formOf(a)?.decoration;
    for (const d of decoration ? Array.from(a.children).filter((c) => c.matches(decoration)) : []) {
      if (log) log.remove(d);
      else d.remove();
    }
    if (log) log.unwrap(a);
    else unwrapElement(a);
    yield;
  }
  return topics;
}

const BROKEN_TOPIC_TEXT = /^(undefined|null|NaN)$/;

function unwrapElement(el: Element): void {
  const parent = el.parentNode;
  if (!parent) return;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  parent.removeChild(el);
}
