// What "safe output" means, as checks that list problems (an empty list is a pass), shared by the XSS tests and
// the fuzz tests. Each check reads the output the way its consumer will: the sanitized HTML re-parsed by an
// HTML parser (twice: the UI parses, serializes and parses it again), the Markdown as a CommonMark renderer
// would see links and raw HTML, and the url fields as a link target.
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Article } from '../../src/core/types';
import { videoEmbedUrl } from '../../src/core/sanitize';

/** Elements that never belong in the sanitized article. */
const FORBIDDEN_TAGS = new Set([
  'script',
  'style',
  'object',
  'embed',
  'applet',
  'base',
  'meta',
  'link',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'frame',
  'frameset',
  'svg',
  'math',
  'template',
  'noscript',
  'xmp',
  'noembed',
  'noframes',
  'plaintext',
  'marquee',
  'isindex',
  'portal',
  'param',
  'keygen',
]);

/** Attributes that hold an address a browser may load or navigate to. */
const URL_ATTRS = new Set([
  'href',
  'src',
  'poster',
  'cite',
  'action',
  'formaction',
  'background',
  'data',
  'xlink:href',
  'lowsrc',
  'dynsrc',
  'longdesc',
  'ping',
]);
const FORBIDDEN_ATTRS = /^(on|srcdoc$|style$|formaction$|action$|xlink:|xmlns|background$|is$|http-equiv$)/i;
export const SCRIPTISH_URL = /^(?:[a-z]*script|data|blob|file|filesystem|jar|view-source):/i;

/** The scheme as a URL parser reads it: C0 controls and space trimmed at the start, tab/CR/LF dropped anywhere. */
export function isScriptishUrl(value: string): boolean {
  return SCRIPTISH_URL.test(value.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, ''));
}

const quiet = new VirtualConsole();

/** The serialized body and the problems of `html` parsed once; the window is closed before returning. */
function parseAndCheck(html: string): { body: string; problems: string[] } {
  const { window } = new JSDOM(`<!doctype html><html><head></head><body>${html}</body></html>`, {
    url: 'https://reader.test/',
    virtualConsole: quiet,
  });
  try {
    return { body: window.document.body.innerHTML, problems: elementProblems(window.document) };
  } finally {
    window.close();
  }
}

function elementProblems(doc: Document): string[] {
  const out: string[] = [];
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    const name = el.localName;
    if (FORBIDDEN_TAGS.has(name) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') out.push(`element <${name}>`);
    if (name === 'iframe') {
      const src = el.getAttribute('src');
      if (!src || videoEmbedUrl(src) !== src || !src.startsWith('https://')) out.push(`iframe not an https player: ${src}`);
    }
    for (const attr of Array.from(el.attributes)) {
      if (FORBIDDEN_ATTRS.test(attr.name)) out.push(`<${name} ${attr.name}>`);
      if (URL_ATTRS.has(attr.name) && isScriptishUrl(attr.value)) out.push(`<${name} ${attr.name}="${attr.value}">`);
      if (attr.name === 'srcset') {
        for (const c of attr.value.split(',')) if (isScriptishUrl(c.trim())) out.push(`<${name} srcset> candidate ${c}`);
      }
    }
  }
  return out;
}

/** Problems of sanitized HTML, as parsed, and as parsed again after one serialize/parse round (mXSS). */
export function htmlProblems(html: string): string[] {
  const once = parseAndCheck(html);
  const problems = once.problems;
  const twice = parseAndCheck(once.body);
  for (const p of twice.problems) if (!problems.includes(p)) problems.push(`after re-parse: ${p}`);
  if (twice.body !== once.body) problems.push('serialization is not stable under re-parsing');
  return problems;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', tab: '\t', newline: '\n' };

function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));?/gi, (m, dec: string, hex: string, name: string) => {
    if (dec) return String.fromCodePoint(Math.min(Number(dec), 0x10ffff));
    if (hex) return String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/**
 * Markdown outside code and link titles: fenced blocks and code spans are literal to every renderer, a quoted
 * link title (`"…"`, backslash escapes inside) is text, and so is a backslash-escaped punctuation character.
 */
function proseOf(md: string): string {
  return md
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, ' ')
    .replace(/(`+)[\s\S]*?\1/g, ' ')
    .replace(/(\]\((?:\\.|[^)\s\\])*)\s+"(?:[^"\\]|\\.)*"\s*\)/g, '$1)')
    .replace(/\\[!-/:-@[-`{-~]/g, ' ');
}

/**
 * Problems of Markdown: a link/image destination, an autolink or a reference definition with a script scheme
 * (CommonMark decodes entities in destinations), and raw HTML a renderer would pass through (a tag with an event
 * handler, or a scripting element).
 */
export function markdownProblems(md: string): string[] {
  const out: string[] = [];
  const prose = proseOf(md);
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]*)/g)) {
    if (isScriptishUrl(decodeEntities(m[1]!))) out.push(`markdown link to ${m[1]}`);
  }
  for (const m of prose.matchAll(/<([a-z][a-z0-9+.-]{1,31}:[^<>\s]*)>/gi)) {
    if (isScriptishUrl(m[1]!)) out.push(`markdown autolink <${m[1]}>`);
  }
  for (const m of prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) {
    if (isScriptishUrl(decodeEntities(m[1]!))) out.push(`markdown reference to ${m[1]}`);
  }
  for (const m of prose.matchAll(/<[a-z][a-z0-9-]*(?:\s[^<>]*)?>/gi)) {
    if (/\son[a-z]+\s*=/i.test(m[0]) || /^<(script|iframe|object|embed|style|svg|math|base|meta|link|form|frame)/i.test(m[0])) {
      out.push(`raw HTML in markdown: ${m[0].slice(0, 80)}`);
    }
  }
  return out;
}

export function isHttpUrl(value: string | null | undefined): boolean {
  if (typeof value !== 'string' || value !== value.trim()) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Every address field of an Article is an absolute http(s) URL (see the exceptions for topics and links). */
export function urlProblems(a: Article): string[] {
  const out: string[] = [];
  const need = (what: string, v: string | null | undefined, also?: RegExp) => {
    if (!isHttpUrl(v) && !(also && typeof v === 'string' && also.test(v))) out.push(`${what}: ${JSON.stringify(v)}`);
  };
  if (a.cover) need('cover.url', a.cover.url);
  if (a.cover?.original && isScriptishUrl(a.cover.original)) out.push(`cover.original: ${a.cover.original}`);
  for (const m of [...a.images, ...a.videos]) {
    need(`${m.kind}.url`, m.url);
    if (m.poster !== null) need(`${m.kind}.poster`, m.poster);
    if (m.original && isScriptishUrl(m.original)) out.push(`${m.kind}.original: ${m.original}`);
  }
  // A topic may be an app's deep link (小黑盒 heybox://open_subject): never a local file or a script scheme.
  for (const t of a.topics) need('topics[].href', t.href, /^(?!file:|[a-z]*script:)[a-z][a-z0-9+.-]*:\/\/[^/\s]+/i);
  // A kept link may also be mailto: or a download scheme of the corpus (ed2k://, magnet:): never a script scheme,
  // and an http(s) one must parse.
  for (const l of a.links) need('links[].href', l.href, /^(?!https?:|[a-z]*script:|data:|blob:|file:)[a-z][a-z0-9+.-]*:[^\s]+$/i);
  if (a.origin !== null) need('origin', a.origin);
  return out;
}

/** All output checks of one Article. */
export function articleProblems(a: Article): string[] {
  return [...htmlProblems(a.html), ...(a.markdown === undefined ? ['markdown: missing'] : markdownProblems(a.markdown)), ...urlProblems(a)];
}

// ---------------------------------------------------------------- the canary

const CANARY_EVENTS = [
  'load',
  'error',
  'toggle',
  'focus',
  'blur',
  'click',
  'mouseover',
  'mouseenter',
  'start',
  'animationstart',
  'transitionend',
  'begin',
  'pageshow',
  'loadstart',
  'canplay',
  'play',
  'input',
  'submit',
  'scroll',
];
const FOLLOWED = ['src', 'href', 'action', 'formaction', 'data', 'poster', 'background', 'xlink:href'];

/**
 * Renders `html` in a jsdom that RUNS scripts (`window.__pwned = 0` first), then does what a browser and a user
 * would: fires the usual events at every element, clicks every link, follows every `javascript:` address a
 * browser would load or navigate to (as its URL parser reads it), and renders `srcdoc` documents the same way.
 * Returns how often a payload bumped `top.__pwned`.
 */
export async function canary(html: string, depth = 0): Promise<number> {
  const dom = new JSDOM(`<!doctype html><html><head><script>window.__pwned = 0;</script></head><body>${html}</body></html>`, {
    url: 'https://reader.test/',
    runScripts: 'dangerously',
    virtualConsole: quiet,
  });
  const win = dom.window as unknown as Window & typeof globalThis & { __pwned: number };
  const doc = win.document;
  await new Promise((r) => setTimeout(r, 0));
  const elements = Array.from(doc.querySelectorAll('*'));
  let nested = 0;
  for (const el of elements) {
    for (const type of CANARY_EVENTS) {
      try {
        el.dispatchEvent(new win.Event(type, { bubbles: false }));
      } catch {
        /* a handler threw: what counts is the counter */
      }
    }
    if (typeof (el as HTMLElement).click === 'function') (el as HTMLElement).click();
    for (const attr of Array.from(el.attributes)) {
      if (!FOLLOWED.includes(attr.name)) continue;
      let url: URL;
      try {
        url = new URL(attr.value, doc.baseURI);
      } catch {
        continue;
      }
      if (url.protocol !== 'javascript:') continue;
      try {
        win.eval(decodeURIComponent(url.href.slice('javascript:'.length)));
      } catch {
        /* as above */
      }
    }
    const srcdoc = el.getAttribute('srcdoc');
    if (srcdoc !== null && depth < 2) nested += await canary(srcdoc, depth + 1);
  }
  await new Promise((r) => setTimeout(r, 0));
  const count = Number(win.__pwned) || 0;
  win.close();
  return count + nested;
}
