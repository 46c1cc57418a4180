// Highlights in what leaves the reader: the HTML copy and file (<mark> with the note as its title and as a
// footnote), the Markdown copy and file (`==text==`, the note as a blockquote after its paragraph), and the
// "highlights only" quote list. Notes are the user's plain text: they enter these documents only as text nodes
// and attribute values, so the serializer and the Markdown converter escape them like any article text.
import { applyMarks, MARK_ID_ATTR } from './highlight-marks';
import { byPosition, type Highlight } from './highlights';
import { toMarkdown } from './to-markdown';

/** The class of an exported mark, by colour (the saved file's style draws each). */
export const markClass = (h: Highlight): string => `pnr-hl pnr-hl-${h.color}`;

function parseBody(html: string, doc: Document): HTMLElement {
  const Parser = doc.defaultView?.DOMParser ?? globalThis.DOMParser;
  // An inert document: nothing in the article loads or runs while we mark it.
  return new Parser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
}

/** The note's lines as text nodes with <br> between them. */
function noteNodes(doc: Document, note: string): Node[] {
  const out: Node[] = [];
  note.split(/\r\n?|\n/).forEach((line, i) => {
    if (i) out.push(doc.createElement('br'));
    out.push(doc.createTextNode(line));
  });
  return out;
}

/** Each highlight's last mark, by id: one walk over the marks (not one query per highlight). */
function lastMarks(body: Element): Map<string, Element> {
  const out = new Map<string, Element>();
  for (const m of Array.from(body.querySelectorAll(`mark[${MARK_ID_ATTR}]`))) out.set(m.getAttribute(MARK_ID_ATTR)!, m);
  return out;
}

export interface HtmlExportLabels {
  /** The footnote list's accessible name. */
  notes: string;
  /** The link from a footnote back to its mark. */
  back: string;
}

/**
 * The article's (sanitized) HTML with its highlights as <mark> elements; each note is the mark's title and a
 * numbered footnote, listed after the article. Highlights no longer in the text are left out.
 */
export function htmlWithHighlights(
  html: string,
  highlights: readonly Highlight[],
  doc: Document,
  labels: HtmlExportLabels = { notes: 'Notes', back: 'Back to the highlight' },
): string {
  const body = parseBody(html, doc);
  const own = body.ownerDocument;
  const { placed } = applyMarks(body, highlights, {
    dress: (mark, h) => {
      mark.className = markClass(h);
      if (h.note.trim()) mark.title = h.note;
    },
  });
  const items: HTMLElement[] = [];
  const last = lastMarks(body);
  for (const { highlight: h } of placed) {
    if (!h.note.trim()) continue;
    const n = items.length + 1;
    const sup = own.createElement('sup');
    sup.className = 'pnr-fnref';
    const ref = own.createElement('a');
    ref.href = `#pnr-fn-${n}`;
    ref.id = `pnr-fnref-${n}`;
    ref.textContent = String(n);
    sup.append(ref);
    last.get(h.id)?.after(sup);
    const li = own.createElement('li');
    li.id = `pnr-fn-${n}`;
    const p = own.createElement('p');
    const back = own.createElement('a');
    back.href = `#pnr-fnref-${n}`;
    back.setAttribute('aria-label', labels.back);
    back.textContent = '↩';
    p.append(...noteNodes(own, h.note), ' ', back);
    li.append(p);
    items.push(li);
  }
  for (const m of Array.from(body.querySelectorAll(`mark[${MARK_ID_ATTR}]`))) m.removeAttribute(MARK_ID_ATTR);
  if (items.length) {
    const section = own.createElement('section');
    section.className = 'pnr-footnotes';
    section.setAttribute('role', 'doc-endnotes');
    section.setAttribute('aria-label', labels.notes);
    const ol = own.createElement('ol');
    ol.append(...items);
    section.append(own.createElement('hr'), ol);
    body.append(section);
  }
  return body.innerHTML;
}

/** Where a note goes in Markdown: after the block its highlight ends in (inside a list item or table cell). */
const NOTE_AFTER = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'figure', 'table', 'ul', 'ol', 'dl']);
const NOTE_INSIDE = new Set(['li', 'td', 'th', 'dd', 'dt', 'figcaption']);

/**
 * The article's Markdown with its highlights as `==text==` and each note as a blockquote after the paragraph the
 * highlight ends in. Made from the HTML (not a post's own Markdown): the marks need the text the reader showed.
 */
export function markdownWithHighlights(html: string, highlights: readonly Highlight[], doc: Document): string {
  const body = parseBody(html, doc);
  const own = body.ownerDocument;
  const { placed } = applyMarks(body, highlights, { dress: () => undefined });
  const lastNote = new Map<Element, Element>();
  const last = lastMarks(body);
  for (const { highlight: h } of placed) {
    if (!h.note.trim()) continue;
    const mark = last.get(h.id);
    if (!mark) continue;
    const quote = own.createElement('blockquote');
    for (const para of h.note.split(/\n\s*\n/)) {
      const p = own.createElement('p');
      p.append(...noteNodes(own, para.trim()));
      quote.append(p);
    }
    let block: Element | null = mark.parentElement;
    while (block && block !== body && !NOTE_AFTER.has(block.localName) && !NOTE_INSIDE.has(block.localName)) block = block.parentElement;
    if (!block || block === body) {
      // Text straight in the body (a bare text post): the note follows the mark's top-level ancestor.
      let top: Element = mark;
      while (top.parentElement && top.parentElement !== body) top = top.parentElement;
      block = top;
    }
    if (NOTE_INSIDE.has(block.localName)) block.append(quote);
    else (lastNote.get(block) ?? block).after(quote);
    lastNote.set(block, quote);
  }
  return toMarkdown(body, doc);
}

function safeLink(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * "Copy highlights only": the article's title and address, then each highlight as a quote with its note after
 * it, in reading order. Markdown for the text, HTML for rich paste; both made from one escaped DOM.
 */
export function highlightsOnly(
  article: { title: string; url: string },
  highlights: readonly Highlight[],
  doc: Document,
): { text: string; html: string } {
  const own = doc.implementation.createHTMLDocument('');
  const root = own.createElement('div');
  const h1 = own.createElement('h1');
  h1.textContent = article.title.trim() || article.url;
  root.append(h1);
  const href = safeLink(article.url);
  if (href) {
    const p = own.createElement('p');
    const a = own.createElement('a');
    a.href = href;
    a.textContent = href;
    p.append(a);
    root.append(p);
  }
  for (const h of [...highlights].sort(byPosition)) {
    const quote = own.createElement('blockquote');
    const p = own.createElement('p');
    p.textContent = h.quote;
    quote.append(p);
    root.append(quote);
    if (h.note.trim()) {
      const note = own.createElement('p');
      note.append(...noteNodes(own, h.note.trim()));
      root.append(note);
    }
  }
  return { text: `${toMarkdown(root, doc)}\n`, html: root.innerHTML };
}
