// Turns a proxied or redirecting address back into the address it wraps, driven only by the
// table in `data/wrappers.ts`. Called for every image and link of every article, so the common
// case (not a wrapper) costs a prefix test, one Map lookup and a two-character test (the any-host
// form of a fork's CORS worker needs `/?` right after the host); `new URL` runs only on candidates.

import { WRAPPERS, type Wrapper, type WrapperForm } from './data/wrappers';
import type { Unwrapped } from './types';

/** A proxy of a proxy of … deeper than this is refused (input returned unchanged). */
export const MAX_UNWRAP_DEPTH = 5;

const BY_HOST = new Map<string, Wrapper[]>();
for (const w of WRAPPERS) {
  for (const h of w.hosts) BY_HOST.set(h, [...(BY_HOST.get(h) ?? []), w]);
}
/** Structural entries (`anyHost`), tried on any host after the listed ones. */
const ANY_HOST = WRAPPERS.filter((w) => w.anyHost);
/** Entries whose address is a proxied picture of the family: the site's proxy, a fork's worker. */
const MEDIA_PROXY_IDS = new Set(WRAPPERS.filter((w) => w.site || w.anyHost).map((w) => w.id));

const MAY_BE_WRAPPER = /^(?:https?:)?\/\//i;
const TAB_NEWLINE = /[\t\n\r]/g;
// A target written encoded (`https%3A%2F%2F…`, zhihu's `https%3A//…`) is decoded once; one written
// raw (`http://…`, the site's proxy) is not decoded at all, so its own `%20` stays.
const ENCODED_SCHEME = /^https?%3a/i;
// `http:///x` would parse (extra slashes are ignored) but is no address anyone wrote.
const HTTP_TARGET = /^https?:\/\/[^/\\]/i;
// A raw target: what a `raw` query form needs, and what the any-host form must show right after its `/?`.
const RAW_HTTP = /^https?:\/\//i;
// The authority of an any-host wrapper: a plain host name, maybe a port. No user info (`a@b`), no empty host.
const PLAIN_AUTHORITY = /^[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*\.?(?::\d{1,5})?$/u;
const ESCAPE_RUN = /(?:%[0-9a-f]{2})+/gi;
const ASCII_ESCAPE = /%([0-7][0-9a-f])/gi;
const CONTROL_OR_SPACE = /[\x00-\x20\x7f]/g;

const NOT_WRAPPED = (url: string): Unwrapped => ({ url, wrapped: null, via: [] });

/** Unwrap fully (up to MAX_UNWRAP_DEPTH layers), with the wrapper ids passed through. */
export function unwrapDetailed(url: string): Unwrapped {
  if (typeof url !== 'string') return NOT_WRAPPED(url);
  let cur = prepare(url);
  if (cur === null) return NOT_WRAPPED(url);
  const via: string[] = [];
  for (;;) {
    const next = step(cur);
    if (next === null) break;
    // Refuse rather than stop half-way, so that unwrap stays idempotent.
    if (via.length === MAX_UNWRAP_DEPTH) return NOT_WRAPPED(url);
    via.push(next.id);
    cur = next.url;
  }
  return via.length === 0 ? NOT_WRAPPED(url) : { url: cur, wrapped: url, via };
}

/** The original http(s) address, or the input unchanged. */
export function unwrap(url: string): string {
  return unwrapDetailed(url).url;
}

/** True when `unwrap` would change the address. */
export function isWrapped(url: string): boolean {
  return unwrapDetailed(url).wrapped !== null;
}

/** True when the address goes through the site's own image proxy or a fork's CORS worker (its outermost
 *  layer is a `site` or `anyHost` entry of the table): a proxied picture of the 小冰 RSSHub family. */
export function isProxiedMediaUrl(url: string): boolean {
  const first = unwrapDetailed(url).via[0];
  return first !== undefined && MEDIA_PROXY_IDS.has(first);
}

/** As a URL parser reads an attribute: outer C0/space trimmed, tabs and newlines dropped.
 *  Null when it cannot be an http(s) or protocol-relative address (data: URIs leave here, fast). */
function prepare(input: string): string | null {
  let a = 0;
  let b = input.length;
  while (a < b && input.charCodeAt(a) <= 0x20) a++;
  while (b > a && input.charCodeAt(b - 1) <= 0x20) b--;
  if (!MAY_BE_WRAPPER.test(input.slice(a, a + 16).replace(TAB_NEWLINE, ''))) return null;
  return input.slice(a, b).replace(TAB_NEWLINE, '');
}

/** One layer: the wrapped http(s) target and the table entry, or null. */
function step(s: string): { url: string; id: string } | null {
  const scheme = MAY_BE_WRAPPER.exec(s);
  if (!scheme) return null;
  const start = scheme[0].length;
  let end = start;
  while (end < s.length) {
    const c = s.charCodeAt(end);
    if (c === 0x2f /* / */ || c === 0x3f /* ? */ || c === 0x23 /* # */ || c === 0x5c /* \ */) break;
    end++;
  }
  const listed = BY_HOST.get(s.slice(start, end).toLowerCase());
  // The any-host form only when the address goes on with `/?http` (or `?http`: an empty path is `/`)
  // right after a plain host name; everything else leaves here after this cheap look.
  const anyHost = ANY_HOST.length > 0 && rawQueryAfterHost(s, end) && PLAIN_AUTHORITY.test(s.slice(start, end));
  if (!listed && !anyHost) return null;
  const tail = s.slice(end);
  if (tail.charCodeAt(0) === 0x5c) return null; // `host\…`: parsers disagree; leave it alone
  const q = tail.indexOf('?');
  const h = tail.indexOf('#');
  const pathEnd = Math.min(q < 0 ? tail.length : q, h < 0 ? tail.length : h);
  const loc = { tail, path: tail.slice(0, pathEnd) || '/', q: q >= 0 && (h < 0 || q < h) ? q : -1, h };
  for (const w of listed ?? []) {
    const found = tryForms(w, loc);
    if (found) return found;
  }
  if (anyHost) {
    for (const w of ANY_HOST) {
      const found = tryForms(w, loc);
      if (found) return found;
    }
  }
  return null;
}

function tryForms(w: Wrapper, loc: Loc): { url: string; id: string } | null {
  for (const form of w.forms) {
    const payload = extract(form, loc);
    if (payload === null) continue;
    const url = target(payload);
    if (url !== null) return { url, id: w.id };
  }
  return null;
}

/** `/?http` or `?http` (any case) at `i`: the only shape the any-host form can have. */
function rawQueryAfterHost(s: string, i: number): boolean {
  if (s.charCodeAt(i) === 0x2f /* / */) i++;
  return s.charCodeAt(i) === 0x3f /* ? */ && RAW_HTTP.test(s.slice(i + 1, i + 9));
}

interface Loc {
  /** The address from the path on. */
  tail: string;
  path: string;
  /** Index in `tail` of the `?` opening the query, or -1. */
  q: number;
  /** Index in `tail` of the first `#`, or -1. */
  h: number;
}

function extract(form: WrapperForm, { tail, path, q, h }: Loc): string | null {
  switch (form.kind) {
    case 'path':
      return path.startsWith(form.prefix) ? tail.slice(form.prefix.length) : null;
    case 'query': {
      if (q < 0 || path !== form.path) return null;
      const payload = tail.slice(q + 1);
      // A raw form never decodes: its payload must be written `http://…` or `https://…` as is.
      return form.raw && !RAW_HTTP.test(payload) ? null : payload;
    }
    case 'param': {
      if (q < 0 || path !== form.path) return null;
      const query = tail.slice(q + 1, form.last || h < 0 ? tail.length : h);
      const key = form.param + '=';
      for (let pos = 0; ;) {
        const amp = query.indexOf('&', pos);
        if (query.startsWith(key, pos)) {
          return query.slice(pos + key.length, form.last || amp < 0 ? query.length : amp);
        }
        if (amp < 0) return null;
        pos = amp + 1;
      }
    }
  }
}

/** The payload as an http(s) address, or null (javascript:, data:, relative, garbage). */
function target(payload: string): string | null {
  let t = ENCODED_SCHEME.test(payload) ? decodeOnce(payload) : payload;
  if (!HTTP_TARGET.test(t)) return null;
  // Decoding may bring back spaces or controls; write them as a URL would carry them.
  t = t.replace(CONTROL_OR_SPACE, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
  const colon = t.indexOf(':');
  t = t.slice(0, colon).toLowerCase() + t.slice(colon);
  try {
    const u = new URL(t);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' ? t : null;
  } catch {
    return null;
  }
}

/** decodeURIComponent, one level, that never throws: a run of escapes that is not valid UTF-8
 *  keeps its non-ASCII escapes as written (a stray `%` or `%E4` stays). */
function decodeOnce(s: string): string {
  return s.replace(ESCAPE_RUN, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(ASCII_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}
