// The first gate, injected into every page. It looks only at <head> (a handful of nodes) and the document's
// content type: no whole-document scan runs before it says "maybe". "Maybe" only loads the real detector.
// What it looks for is each site profile's `head` signature (data/themes.ts): Volantis 4 stamps the <head>
// element, most themes write Hexo's generator meta.
import { HEAD_SIGNATURES } from './data/themes';

const PLAIN_TEXT_TYPES = ['text/plain', 'text/markdown', 'text/x-markdown'];

export function quickCheck(doc: Document): boolean {
  if (PLAIN_TEXT_TYPES.includes(doc.contentType)) {
    // A raw post viewed as text: the browser wraps it in one <pre>. Read its first text node only: textContent
    // of a large file would copy all of it. The generator starts every post with an empty line.
    const head = doc.body?.firstElementChild?.firstChild?.nodeValue?.slice(0, 64) ?? '';
    return /^\uFEFF?\s*---/.test(head);
  }
  const head = doc.head;
  if (!head) return false;
  return head.hasAttribute('hexo-theme') || head.matches(HEAD_SIGNATURES) || head.querySelector(HEAD_SIGNATURES) !== null;
}
