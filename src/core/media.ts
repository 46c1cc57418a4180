// Media of an article: the real source of each image or video (lazy-load attributes and proxies undone),
// in-place unwrapping for the content script, and the fallback chain that keeps an image visible.
import {
  MEDIA_SELECTOR,
  MEDIA_URL_ATTRIBUTES,
  PLACEHOLDER_IMAGE_HOSTS,
  PLACEHOLDER_SOURCE,
  SOURCE_ATTRIBUTES,
  type SourceAttribute,
} from './data/lazy-attributes';
import { isVideoHost } from './data/video-hosts';
import { SITE_PROXY_PREFIX } from './data/site';
import type { MediaItem } from './types';
import { runSteps, type Steps } from './steps';
import type { UndoLog } from './undo';
import { isWrapped, unwrap } from './unwrap';

/** Split a srcset into its candidates; each keeps its descriptor. */
export function parseSrcset(value: string): { url: string; descriptor: string }[] {
  const out: { url: string; descriptor: string }[] = [];
  // URLs in srcset may contain commas only when not followed by white space; the common forms here don't.
  for (const part of value.split(/,\s+|,(?=\s*(?:https?:|\/\/|\/))/)) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const [url = '', ...rest] = trimmed.split(/\s+/);
    out.push({ url, descriptor: rest.join(' ') });
  }
  return out;
}

function mapSrcset(value: string, fn: (url: string) => string): string {
  return parseSrcset(value)
    .map((c) => (c.descriptor ? `${fn(c.url)} ${c.descriptor}` : fn(c.url)))
    .join(', ');
}

/**
 * An absolute http(s) address written as the URL parser writes it back, so that it is its own href: lower-case
 * scheme and host, a path, and nothing the parser would encode, resolve or drop. The host is letters, digits and
 * inner hyphens, its last label begins with a letter (never read as an IPv4 number), no IDNA (`xn--`) label, no
 * port, no user; path and query hold only characters kept as they are, no fragment. Most addresses of an article
 * are like this, and a parse of each was a tenth of an extraction.
 */
const CANONICAL_HTTP =
  /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?\/[\w\-.~!$&()*+,;=:@/%]*(?:\?[\w\-.~!$&()*+,;=:@/?%]*)?$/;
/** What the parser would resolve or decode after all: a dot segment (`/./`, `/..`, also as `%2e`), an IDNA label. */
const NOT_AS_WRITTEN = /\/\.{1,2}(?:[/?]|$)|%2e|xn--/i;

/** The base last checked, and whether it parses: an address resolves only against a base that does (an absolute
 *  one too: `new URL(absolute, 'not a url')` throws). */
let lastBase = '';
let lastBaseParses = false;

function baseParses(base: string): boolean {
  if (base !== lastBase) {
    lastBase = base;
    try {
      new URL(base);
      lastBaseParses = true;
    } catch {
      lastBaseParses = false;
    }
  }
  return lastBaseParses;
}

/** Resolve against the document's base; null for anything that is not http(s) once resolved. */
export function absoluteUrl(raw: string, base: string): string | null {
  const value = raw.trim();
  if (!value || PLACEHOLDER_SOURCE.test(value)) return null;
  if (CANONICAL_HTTP.test(value) && !NOT_AS_WRITTEN.test(value) && baseParses(base)) return value;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function attrValue(el: Element, attr: SourceAttribute): string | null {
  const raw = el.getAttribute(attr.name);
  if (raw == null) return null;
  const value = attr.srcset ? (parseSrcset(raw)[0]?.url ?? '') : raw;
  return value.trim() && !PLACEHOLDER_SOURCE.test(value) ? value.trim() : null;
}

/** The address the element really shows, as written (possibly wrapped), and which attribute held it. */
export function rawSource(el: Element): { attr: string; value: string } | null {
  for (const attr of SOURCE_ATTRIBUTES) {
    const value = attrValue(el, attr);
    if (value) return { attr: attr.name, value };
  }
  if (el.localName === 'video' || el.localName === 'audio' || el.localName === 'picture') {
    for (const source of Array.from(el.querySelectorAll('source'))) {
      const found = rawSource(source);
      if (found) return found;
    }
  }
  return null;
}

function baseOf(el: Element): string {
  return el.ownerDocument.baseURI || 'https://news.zfe.space/';
}

/** Real, unwrapped, absolute source of an element, or null. */
export function realSource(el: Element): string | null {
  const raw = rawSource(el);
  return raw ? absoluteUrl(unwrap(raw.value), baseOf(el)) : null;
}

export function isPlaceholderImage(url: string): boolean {
  try {
    return PLACEHOLDER_IMAGE_HOSTS.includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

function item(kind: MediaItem['kind'], el: Element, sources?: Map<Element, string | null>): MediaItem | null {
  const raw = rawSource(el);
  const url = raw ? absoluteUrl(unwrap(raw.value), baseOf(el)) : null;
  sources?.set(el, url);
  if (!raw || !url) return null;
  const posterRaw = el.getAttribute('poster') ?? el.getAttribute('data-poster');
  const poster = posterRaw ? absoluteUrl(unwrap(posterRaw), baseOf(el)) : null;
  return {
    kind,
    url,
    proxied: isWrapped(raw.value),
    original: raw.value === url ? null : raw.value,
    alt: el.getAttribute('alt') ?? el.getAttribute('title') ?? '',
    poster,
  };
}

/** Images and videos under root, in document order. `sources`, when given, receives each element's real source
 *  (`realSource`, null for none), for a caller that needs it next, before anything changes. */
export function collectMedia(root: Element, sources?: Map<Element, string | null>): { images: MediaItem[]; videos: MediaItem[] } {
  const images: MediaItem[] = [];
  const videos: MediaItem[] = [];
  for (const el of Array.from(root.querySelectorAll('img, video, audio, iframe'))) {
    const name = el.localName;
    if (name === 'img') {
      const it = item('image', el, sources);
      if (it) images.push(it);
    } else if (name === 'iframe') {
      const it = item('iframe', el, sources);
      if (it && isVideoHost(new URL(it.url).hostname)) videos.push(it);
    } else {
      const it = item(name === 'video' ? 'video' : 'audio', el, sources);
      if (it) videos.push(it);
    }
  }
  return { images, videos };
}

/**
 * Unwrap every media address under root, in place, through the undo log. An image's `src` becomes its real
 * source (a feed's lazy attribute can name it while `src` holds a dead stand-in, 游研社 `…/undefined`), and the
 * theme's lazy placeholder `srcset="data:…"` is replaced by it, so the image shows without the theme's script.
 * Attributes are only ever replaced, never removed, so the undo restores the markup byte for byte.
 * Returns the number of elements changed.
 */
export function unwrapMediaInPlace(root: Element, log: UndoLog): number {
  return runSteps(unwrapMediaSteps(root, log));
}

/** `unwrapMediaInPlace` in steps (see steps.ts). `written`, when given, receives each element's address as the
 *  page wrote it, read before the element is changed: the fallback chain starts from it. */
export function* unwrapMediaSteps(root: Element, log: UndoLog, written?: Map<Element, string>): Steps<number> {
  let changed = 0;
  const elements = Array.from(root.querySelectorAll(MEDIA_SELECTOR));
  if (root.matches(MEDIA_SELECTOR)) elements.unshift(root);
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    if (written) {
      // Already done (a listing's container cleaned again after new entries came in).
      if (written.has(el)) continue;
      const raw = rawSource(el);
      if (raw) written.set(el, raw.value);
    }
    const before = log.size;
    const live = liveAddress(baseOf(el));
    for (const attr of MEDIA_URL_ATTRIBUTES) {
      const value = el.getAttribute(attr.name);
      if (!value || PLACEHOLDER_SOURCE.test(value)) continue;
      const next = attr.srcset ? mapSrcset(value, live) : live(value);
      if (next !== value) log.setAttr(el, attr.name, next);
    }
    if (el.localName === 'img') {
      const raw = rawSource(el);
      const real = raw ? absoluteUrl(live(raw.value), baseOf(el)) : null;
      const src = el.getAttribute('src');
      if (real && src !== null && absoluteUrl(src, baseOf(el)) !== real) log.setAttr(el, 'src', real);
      const srcset = el.getAttribute('srcset');
      if (real && srcset !== null && PLACEHOLDER_SOURCE.test(srcset)) log.setAttr(el, 'srcset', real);
    }
    if (log.size !== before) {
      changed++;
      // Image hosts such as sinaimg refuse foreign referrers; the site itself sends none.
      if (el.localName !== 'source') log.setAttr(el, 'referrerpolicy', 'no-referrer');
    }
    // A pause after each element: writing an address into a live page starts a fetch, and 50 of them in one step
    // were a 100-ms task on the 1 MB bench page (the slicer runs steps until its deadline, so a step must be short).
    yield;
  }
  return changed;
}

/**
 * How an address is written back into a live page: unwrapped, and on an https page an http original the proxy
 * carried is asked for over https first (the fallback chain's order: a browser that does not upgrade mixed
 * content itself would otherwise load it insecurely, or not at all). The chain falls back to http, then the proxy.
 */
function liveAddress(base: string): (url: string) => string {
  const secure = base.startsWith('https:');
  return (url) => {
    const original = unwrap(url);
    return secure && original !== url && /^http:\/\//i.test(original) ? 'https://' + original.slice(7) : original;
  };
}

/**
 * Addresses to try, in order, for a media address as the page wrote it: the original over https, the original
 * as written, then the proxy: the one the page wrote (the site's own or a fork's CORS worker), else, for an http
 * original the page did not wrap, the site's own (`SITE_PROXY_PREFIX`, derived from the wrapper table).
 */
export function imageCandidates(srcAsWritten: string): string[] {
  const original = unwrap(srcAsWritten);
  const out: string[] = [];
  const add = (u: string | null) => {
    if (u && !out.includes(u)) out.push(u);
  };
  if (/^http:\/\//i.test(original)) add('https://' + original.slice(7));
  add(/^https?:\/\//i.test(original) ? original : null);
  if (isWrapped(srcAsWritten)) add(srcAsWritten);
  else if (/^http:\/\//i.test(original)) add(SITE_PROXY_PREFIX + original);
  return out;
}
