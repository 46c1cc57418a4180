// Before sanitizing a detached copy of the body: every media and link address becomes the real, unwrapped,
// absolute one, and the lazy-load machinery (placeholders, data-* copies) goes, so what a user copies holds
// no proxy address and no base64 stand-in.
import { SOURCE_ATTRIBUTES } from './data/lazy-attributes';
import { restoreLinkForms } from './link-forms';
import { absoluteUrl, parseSrcset, realSource } from './media';
import { unwrap } from './unwrap';

const LAZY_ONLY = new Set(SOURCE_ATTRIBUTES.map((a) => a.name).filter((n) => n !== 'src' && n !== 'srcset'));

function unwrapSrcset(value: string, base: string): string | null {
  const out = parseSrcset(value)
    .map((c) => {
      const url = absoluteUrl(unwrap(c.url), base);
      return url ? (c.descriptor ? `${url} ${c.descriptor}` : url) : null;
    })
    .filter((c): c is string => c !== null);
  return out.length ? out.join(', ') : null;
}

/** `sources`: the real source of media elements of the body as it is (collectMedia's), not read again. */
export function normalizeBody(body: Element, sources?: ReadonlyMap<Element, string | null>): void {
  const base = body.ownerDocument.baseURI;
  // Comments are never content, and a comment beside text that shows a '<' makes DOMPurify drop the whole
  // element as an mXSS attempt (6b7e: `<1>服务代理…</1>`).
  const walker = body.ownerDocument.createTreeWalker(body, 128 /* NodeFilter.SHOW_COMMENT */);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const c of comments) c.parentNode?.removeChild(c);
  for (const el of Array.from(body.querySelectorAll('img, video, audio, source, iframe'))) {
    const real = el.localName === 'source' ? null : sources?.has(el) ? sources.get(el)! : realSource(el);
    if (real) el.setAttribute('src', real);
    else if (el.hasAttribute('src')) {
      const src = absoluteUrl(unwrap(el.getAttribute('src')!), base);
      if (src) el.setAttribute('src', src);
      else el.removeAttribute('src');
    }
    const srcset = el.getAttribute('srcset');
    if (srcset !== null) {
      const next = unwrapSrcset(srcset, base);
      // A lone srcset candidate equal to src adds nothing.
      if (next && next !== real) el.setAttribute('srcset', next);
      else el.removeAttribute('srcset');
    }
    for (const name of ['poster', 'data-poster']) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      const url = absoluteUrl(unwrap(value), base);
      el.removeAttribute(name);
      if (url) el.setAttribute('poster', url);
    }
    // The names it has, not each lazy name asked for: ten calls into the DOM for most images.
    for (const name of el.getAttributeNames()) if (LAZY_ONLY.has(name)) el.removeAttribute(name);
    if (el.localName === 'img' && !el.hasAttribute('src')) el.remove();
  }
  // A theme's script-only links (NexT's exturl spans) are links again, then made absolute and unwrapped as any.
  restoreLinkForms(body);
  for (const a of Array.from(body.querySelectorAll('a[href]'))) {
    const raw = a.getAttribute('href')!;
    const href = absoluteUrl(unwrap(raw), base);
    if (href) {
      a.setAttribute('href', href);
      continue;
    }
    // Any other address (mailto:, ed2k:) as a browser follows it: a newline inside would end a Markdown link early.
    // An empty one, or a web address no browser can follow (cut short: `https://is4-s<div`), makes no link; the
    // sanitizer judges the other schemes.
    const value = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
    if (value === '' || (/^(?:https?:|\/\/)/i.test(value) && !parses(value, base))) a.removeAttribute('href');
    else a.setAttribute('href', value);
  }
}

function parses(value: string, base: string): boolean {
  try {
    new URL(value, base);
    return true;
  } catch {
    return false;
  }
}
