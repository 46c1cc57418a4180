// The one gate between feed HTML and anything the extension shows or copies: DOMPurify with an article-only policy.
// DOMPurify needs a real window (the page/popup window in the browser, a jsdom window in Node); without one it
// hands its input back unsanitized, so we refuse instead.
import createDOMPurify, { type DOMPurify, type UponSanitizeAttributeHookEvent } from 'dompurify';
import { isVideoHost } from './data/video-hosts';
import { parseSrcset } from './media';

const NOT_A_LANGUAGE = new Set(['none', 'nohighlight', 'plain', 'plaintext', 'undefined', 'null', 'auto']);

/**
 * The programming language a `pre`/`code` element declares, lower-cased, or null. Highlighters spell it
 * `language-x` / `lang-x` (Prism, highlight.js, Markdown renderers), `brush: x` (SyntaxHighlighter),
 * `highlight-source-x` (GitHub), `data-lang` / `data-language`, or 掘金's `lang="js"` on code.
 */
export function codeLanguage(el: Element): string | null {
  const cls = el.getAttribute('class') ?? '';
  const candidates = [
    /(?:^|\s)(?:language|lang)-([\w#+.-]+)/i.exec(cls)?.[1],
    /(?:^|[\s;])brush:\s*([\w#+.-]+)/i.exec(cls)?.[1],
    /(?:^|\s)highlight-(?:source|text)-([\w#+.-]+)/i.exec(cls)?.[1],
    el.getAttribute('data-lang'),
    el.getAttribute('data-language'),
    el.localName === 'code' || el.localName === 'pre' ? el.getAttribute('lang') : null,
  ];
  for (const c of candidates) {
    const lang = (c ?? '').trim().toLowerCase();
    if (/^[\w#+.-]{1,30}$/.test(lang) && !NOT_A_LANGUAGE.has(lang)) return lang;
  }
  return null;
}

/** Article content only: no forms, no scripting surfaces, no SVG/MathML (namespace-confusion mXSS lives there). */
const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'div',
  'section',
  'article',
  'span',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'code',
  'kbd',
  'samp',
  'var',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'del',
  'ins',
  'mark',
  'small',
  'sub',
  'sup',
  'abbr',
  'cite',
  'q',
  'time',
  'ruby',
  'rt',
  'rp',
  'wbr',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'figure',
  'figcaption',
  'img',
  'picture',
  'source',
  'video',
  'audio',
  'track',
  'a',
  'iframe',
  // The walk root DOMPurify parses into; a <body> inside content never survives HTML parsing.
  'body',
];

const ALLOWED_ATTR = [
  'href',
  'title',
  'src',
  'srcset',
  'sizes',
  'alt',
  'width',
  'height',
  'type',
  'media',
  'poster',
  'controls',
  'colspan',
  'rowspan',
  'scope',
  'start',
  'reversed',
  'datetime',
  'lang',
  'dir',
  'class',
  'allowfullscreen',
  'kind',
  'srclang',
  'label',
];

/** Attributes the hooks read before DOMPurify drops them: a code block's language (see codeLanguage). */
const READ_BY_HOOKS = ['data-lang', 'data-language'];
const KEPT_ATTR = new Set([...ALLOWED_ATTR, ...READ_BY_HOOKS]);
const HTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * Removes from HTML elements under `root` the attributes the sanitizer drops anyway (inline styles, data-*,
 * handlers, ids, and a class anywhere but on code, see onAttribute), before `root` is serialized for it or walked
 * by it: a WeChat post styles every span, and its markup shrinks by half, which the sanitizer then parses and
 * walks. Only removes: what DOMPurify keeps and decides is unchanged. Foreign (SVG, MathML) elements are left
 * whole: their attributes can change how their markup parses.
 */
export function dropUnkeptAttributes(root: Element): void {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (el.namespaceURI !== HTML_NS || !el.hasAttributes()) continue;
    const tag = el.localName;
    const code = tag === 'pre' || tag === 'code';
    for (const name of el.getAttributeNames()) if (!KEPT_ATTR.has(name) || (name === 'class' && !code)) el.removeAttribute(name);
  }
}

/** Removed with their content: UI widgets, not text of the article. */
const FORBID_CONTENTS_EXTRA = ['button', 'select', 'textarea', 'object', 'embed', 'canvas', 'svg', 'math'];

/** http(s), mailto and relative addresses. No javascript:/vbscript:/data:/blob:/file:. */
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;
const URL_ATTRS = new Set(['href', 'src', 'poster', 'cite']);
// DOMPurify compares URLs with white space and controls stripped; so do we.
const ATTR_WHITESPACE = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;

/**
 * Players that are the article's video. Hosts come from the shared table (`data/video-hosts.ts`); a few of those
 * hosts also serve non-video widgets (Facebook like/comment plugins), so the path must be a player's too.
 */
const PLAYER_PATHS: readonly { host: RegExp; path: RegExp }[] = [
  { host: /(^|\.)youku\.com$/, path: /^\/embed\// },
  { host: /(^|\.)vimeo\.com$/, path: /^\/video\// },
  { host: /(^|\.)v\.qq\.com$/, path: /^\/(txp\/)?iframe\/player\.html$/ },
  { host: /(^|\.)bilibili\.com$/, path: /^\/player\.html$/ },
  { host: /(^|\.)youtube(-nocookie)?\.com$/, path: /^\/embed\// },
  { host: /(^|\.)facebook\.com$/, path: /^\/plugins\/video\.php$/ },
];

/**
 * The https address of an allow-listed video player, or null. `http:` and scheme-less `//` player addresses are
 * upgraded: every listed player serves https, and the page itself is https.
 */
export function videoEmbedUrl(src: string | null | undefined): string | null {
  const raw = (src ?? '').replace(ATTR_WHITESPACE, '');
  if (!/^(https?:)?\/\//i.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, 'https://invalid.example/');
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (url.username || url.password || url.port) return null;
  if (!isVideoHost(host)) return null;
  if (!PLAYER_PATHS.some((p) => p.host.test(host) && p.path.test(url.pathname))) return null;
  url.protocol = 'https:';
  return url.href;
}

function isScriptOrDataUrl(value: string): boolean {
  return /^(?:[a-z]*script|data|blob|file):/i.test(value.replace(ATTR_WHITESPACE, ''));
}

function safeSrcset(value: string): string | null {
  const kept = parseSrcset(value).filter(
    (c) => c.url && !isScriptOrDataUrl(c.url) && ALLOWED_URI_REGEXP.test(c.url.replace(ATTR_WHITESPACE, '')),
  );
  return kept.length ? kept.map((c) => (c.descriptor ? `${c.url} ${c.descriptor}` : c.url)).join(', ') : null;
}

function onAttribute(node: Element, data: UponSanitizeAttributeHookEvent): void {
  const name = data.attrName;
  if (name === 'class') {
    // Only the language of code survives; beforeSanitizeAttributes has normalised it to `language-x`.
    const tag = node.localName;
    const kept = tag === 'pre' || tag === 'code' ? data.attrValue.split(/\s+/).filter((c) => /^language-[\w#+.-]+$/.test(c)) : [];
    if (kept.length) data.attrValue = kept.join(' ');
    else data.keepAttr = false;
  } else if (URL_ATTRS.has(name)) {
    // DOMPurify lets `data:` through on media; here they are only lazy-load placeholders (and a smuggling route).
    if (isScriptOrDataUrl(data.attrValue)) data.keepAttr = false;
  } else if (name === 'srcset') {
    const next = safeSrcset(data.attrValue);
    if (next === null) data.keepAttr = false;
    else data.attrValue = next;
  }
}

function beforeAttributes(node: Element): void {
  const tag = node.localName;
  if (tag !== 'pre' && tag !== 'code') return;
  const lang = codeLanguage(node);
  if (lang) node.setAttribute('class', `language-${lang}`);
  else node.removeAttribute('class');
  // `lang` on code is a highlighter hint (掘金 writes lang="js"), not the human language of the text.
  node.removeAttribute('lang');
}

function onElement(node: Node): void {
  if (node.nodeType !== 1) return;
  const el = node as Element;
  if (el.localName === 'iframe' && !videoEmbedUrl(el.getAttribute('src'))) el.remove();
}

function afterAttributes(node: Element): void {
  switch (node.localName) {
    case 'a':
      if (node.hasAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
      break;
    case 'img':
      // A placeholder-only image (its data: source removed) shows nothing.
      if (!node.hasAttribute('src') && !node.hasAttribute('srcset')) {
        node.remove();
        return;
      }
      node.setAttribute('referrerpolicy', 'no-referrer');
      break;
    case 'video':
    case 'audio':
      // Autoplay is dropped, so the reader needs the controls.
      node.setAttribute('controls', '');
      if (node.localName === 'video') node.setAttribute('referrerpolicy', 'no-referrer');
      break;
    case 'iframe': {
      const src = videoEmbedUrl(node.getAttribute('src'));
      if (!src) {
        node.remove();
        return;
      }
      node.setAttribute('src', src);
      node.setAttribute('referrerpolicy', 'no-referrer');
      node.setAttribute('loading', 'lazy');
      break;
    }
  }
}

/** What `sanitizeToFragment`'s caller does to the markup's parse before the walk (see `Prepare`); taken by the
 *  first node the walk meets, its root. */
let preparing: Prepare | null = null;

/** Installed only for a call with a preparation and taken out by its first call: an installed hook is a call
 *  for every node DOMPurify walks. */
function beforeElements(this: DOMPurify, node: Node): void {
  this.removeHook('beforeSanitizeElements', beforeElements);
  if (!preparing) return;
  const prepare = preparing;
  preparing = null;
  // With string input the walk starts at the <body> DOMPurify parsed the markup into.
  if (node.nodeType !== 1 || (node as Element).localName !== 'body') throw new Error('sanitize: the walk did not start at its root');
  prepare(node as HTMLElement);
}

const CONFIG = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOWED_URI_REGEXP,
  ADD_FORBID_CONTENTS: FORBID_CONTENTS_EXTRA,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  KEEP_CONTENT: true,
  RETURN_DOM_FRAGMENT: true,
};

// One DOMPurify per window, hooks and configuration set once (a configuration passed to each call is parsed again
// by each): a window's default instance is never touched.
const instances = new WeakMap<object, DOMPurify>();

function purifierFor(win: Window): DOMPurify {
  if (!win || typeof win !== 'object' || !win.document) {
    throw new Error('sanitize: a window with a document is required (DOMPurify would return the input unsanitized)');
  }
  let purify = instances.get(win);
  if (!purify) {
    purify = createDOMPurify(win as unknown as Parameters<typeof createDOMPurify>[0]);
    if (!purify.isSupported) {
      throw new Error('sanitize: DOMPurify is not supported by this window (it would return the input unsanitized)');
    }
    purify.setConfig(CONFIG);
    purify.addHook('uponSanitizeElement', onElement);
    purify.addHook('beforeSanitizeAttributes', beforeAttributes);
    purify.addHook('uponSanitizeAttribute', onAttribute);
    purify.addHook('afterSanitizeAttributes', afterAttributes);
    instances.set(win, purify);
  }
  return purify;
}

/**
 * The content to sanitize, in an inert document of `win` (no browsing context: nothing loads, no handler runs).
 * An element stands for its contents (the body wrapper is not part of the article), a document for its body.
 */
function inertBody(input: Node, win: Window): HTMLElement {
  const inert = win.document.implementation.createHTMLDocument('');
  const source: Node = input.nodeType === 9 ? ((input as Document).body ?? (input as Document).documentElement) : input;
  const children: Node[] = source.nodeType === 1 || source.nodeType === 11 ? Array.from(source.childNodes) : [source];
  for (const child of children) inert.body.appendChild(inert.importNode(child, true));
  return inert.body;
}

/**
 * HTML cannot write an anchor inside an anchor: parsed again, each round would clone the outer one once more (the
 * parser leaves such trees past its adoption-agency limits, 20 blocks deep). The inner anchor gives way to its
 * contents, so the output reads back as the same tree.
 */
function unnestAnchors(root: DocumentFragment): void {
  for (const inner of Array.from(root.querySelectorAll('a a'))) inner.replaceWith(...Array.from(inner.childNodes));
}

/**
 * Work on the sanitizer's own parse of a string, done before its walk: `body` is the <body> of DOMPurify's inert
 * document, holding the markup's nodes. Whatever it leaves there is then walked like any parsed markup (each node
 * checked as it is met, nodes a preparation added included), so the sanitizer's string input stays its input and
 * the markup is parsed once: the extraction cleans the article (tag links, addresses) in that parse, where it
 * would otherwise parse it, clean it, serialize it and have DOMPurify parse it again.
 */
export type Prepare = (body: HTMLElement) => void;

function run(input: string | Node, win: Window, fragment: boolean, prepare?: Prepare): string | DocumentFragment {
  const purify = purifierFor(win);
  const dirty: string | Node = typeof input === 'string' ? input : inertBody(input, win);
  if (prepare && typeof dirty !== 'string') throw new Error('sanitize: a preparation needs markup (a string)');
  let out: DocumentFragment;
  preparing = prepare ?? null;
  if (prepare) purify.addHook('beforeSanitizeElements', beforeElements);
  try {
    // RETURN_DOM_FRAGMENT is in the configuration set on the instance.
    out = purify.sanitize(dirty) as unknown as DocumentFragment;
    if (preparing) throw new Error('sanitize: the preparation did not run');
  } finally {
    preparing = null;
    purify.removeHook('beforeSanitizeElements', beforeElements);
  }
  unnestAnchors(out);
  if (fragment) return out;
  const holder = out.ownerDocument.createElement('div');
  holder.append(out);
  return holder.innerHTML;
}

/** Sanitized HTML of a string, or of an element's/fragment's contents. Throws without a usable window. */
export function sanitizeHtml(input: string | Node, win: Window): string {
  return run(input, win, false) as string;
}

/** The same, as a fragment owned by an inert document (appending it to a page adopts it). `prepare`: see Prepare. */
export function sanitizeToFragment(input: string | Node, win: Window, prepare?: Prepare): DocumentFragment {
  return run(input, win, true, prepare) as DocumentFragment;
}
