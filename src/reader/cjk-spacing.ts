// Space between Han (or kana) text and Latin letters or digits: "用iPhone 14拍" reads as
// "用 iPhone 14 拍". Display only: the article's text, and so what the user copies, stays as it was.
// Browsers with CSS `text-autospace` do it themselves; elsewhere an empty spacer element goes between
// the two characters: it has a margin and no text, so selection, copy and text-to-speech skip it.

export const SPACER_CLASS = 'pnr-autospace';

const CJK = /[\u2e80-\u2fff\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const LATIN = /[A-Za-z0-9\u00c0-\u024f]/;
/** Where a spacer goes inside one text node: between the two characters of each match. */
const BOUNDARY =
  /[\u2e80-\u2fff\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff](?=[A-Za-z0-9\u00c0-\u024f])|[A-Za-z0-9\u00c0-\u024f](?=[\u2e80-\u2fff\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])/g;

/** Code is never spaced; a block starts a new run (no spacer across a paragraph break). */
const SKIP = new Set(['pre', 'code', 'kbd', 'samp', 'script', 'style', 'textarea', 'svg', 'math']);
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

export function supportsTextAutospace(win: Window | null): boolean {
  try {
    // The CSS namespace is a global, not a member of the Window type; a page's window may lack it (old engines, jsdom).
    const css = (win as { CSS?: { supports?(prop: string, value: string): boolean } } | null)?.CSS;
    return Boolean(css?.supports?.('text-autospace', 'normal'));
  } catch {
    return false;
  }
}

const isBoundary = (a: string, b: string): boolean => (CJK.test(a) && LATIN.test(b)) || (LATIN.test(a) && CJK.test(b));

/** The nearest block-level ancestor inside `root` (or `root`): text in different blocks never meets. */
function blockOf(node: Node, root: Element): Node {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
    if (BLOCKS.has(el.localName)) return el;
  }
  return root;
}

function skipped(node: Node, root: Element): boolean {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
    if (SKIP.has(el.localName)) return true;
  }
  return false;
}

/**
 * Puts spacers into the text under `root`; returns the function that takes them out again and
 * leaves the text nodes as they were (split nodes are joined back into the original node).
 */
export function insertCjkSpacing(root: Element): () => void {
  const doc = root.ownerDocument;
  const texts: Text[] = [];
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);

  const spacers: Element[] = [];
  const spacer = (): Element => {
    const el = doc.createElement('span');
    el.className = SPACER_CLASS;
    el.setAttribute('aria-hidden', 'true');
    spacers.push(el);
    return el;
  };

  let prev: { char: string; block: Node } | null = null;
  for (const text of texts) {
    const value = text.data;
    if (value === '' || skipped(text, root)) {
      // Code between two words is its own thing: no spacing across it either.
      if (value !== '') prev = null;
      continue;
    }
    const block = blockOf(text, root);
    // Across nodes: "中文<b>English</b>" gets its spacer before the second node.
    if (prev && prev.block === block && isBoundary(prev.char, value[0]!)) {
      text.parentNode!.insertBefore(spacer(), text);
    }
    // Within the node: split after each boundary character, from the end so offsets stay valid.
    const cuts = Array.from(value.matchAll(BOUNDARY), (m) => m.index + 1).reverse();
    for (const at of cuts) {
      const rest = text.splitText(at);
      rest.parentNode!.insertBefore(spacer(), rest);
    }
    prev = { char: value[value.length - 1]!, block };
  }

  return () => {
    const parents = new Set<Node>();
    for (const el of spacers) {
      if (el.parentNode) parents.add(el.parentNode);
      el.remove();
    }
    // Joins each split run back into its first node: the node the page (and other decorations) know.
    for (const p of parents) p.normalize();
  };
}
