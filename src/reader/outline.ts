// An article's outline, found in the reader's body: its headings (h1–h6), and in Chinese and Japanese posts the bold
// lead lines their authors use instead (a paragraph that is nothing but one short <strong>/<b>: "一、…", "2.1 …",
// "【…】"), which WeChat-style editors emit far more often than real headings. Pure: DOM in, entries out.

export interface OutlineEntry {
  /** The heading or lead paragraph in the body: where a click jumps to. */
  el: HTMLElement;
  text: string;
  /** 1 for the outermost entries; one more per level below (h3 under h2, "2.1" under "2."). */
  depth: number;
  kind: 'heading' | 'lead';
}

export interface OutlineNode {
  entry: OutlineEntry;
  index: number;
  children: OutlineNode[];
}

export interface OutlineOptions {
  /** The article's title: a body heading repeating it (feeds often start with one) is not a section. */
  title?: string;
  /** Count bold lead lines (CJK articles). */
  boldLeads?: boolean;
}

/** Fewer entries than this is no outline: one heading does not help anyone find their way. */
export const MIN_ENTRIES = 2;
/** A bold line longer than this is an emphasized sentence, not a heading (pmcaff's 40-character "最后我们将…架构图："). */
export const MAX_LEAD_CHARS = 30;

const HEADINGS = 'h1, h2, h3, h4, h5, h6';
/** Quoted, listed or tabulated text is not the article's own structure. */
const NOT_IN = 'blockquote, li, td, th, table, figure, figcaption, pre, aside, nav';
/** A bold line ending like a sentence, a clause or a lead-in ("…如下：") is a sentence; so is one that opens like a
 * lead-in and ends with a colon ("下面介绍一种方案："), where a label ("小结：", "单品类活动：") is a heading. */
const SENTENCE_END = /(?:[。；，,;]|如下[:：]?)$|^(?:下面|以下|接下来)\S*[:：]$/;
/** A bold line all in parentheses is a note ("（图片过大无法正常显示，请用电脑放大查看）"); 【…】 is a heading. */
const NOTE = /^[（(].*[)）]$/;

const collapse = (s: string): string => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();

/** The entries of `body`'s outline in document order, or [] when there are fewer than MIN_ENTRIES. */
export function findOutline(body: Element, opts: OutlineOptions = {}): OutlineEntry[] {
  const title = collapse(opts.title ?? '');
  const candidates = Array.from(body.querySelectorAll<HTMLElement>(opts.boldLeads ? `${HEADINGS}, p, div, section` : HEADINGS));
  const found: Array<{ el: HTMLElement; text: string; level: number } | { el: HTMLElement; text: string; lead: number | null }> = [];
  for (const el of candidates) {
    if (el.parentElement?.closest(`${NOT_IN}, ${HEADINGS}`)) continue;
    const text = collapse(el.textContent ?? '');
    if (!text) continue;
    if (/^h[1-6]$/.test(el.localName)) {
      if (text !== title) found.push({ el, text, level: Number(el.localName[1]) });
    } else if (isBoldLead(el, text)) {
      found.push({ el, text, lead: numberingDepth(text) });
    }
  }
  if (found.length < MIN_ENTRIES) return [];

  // Heading levels in use, ranked: an article of h3 and h4 has depths 1 and 2. Leads sit below the deepest heading.
  const levels = [...new Set(found.flatMap((f) => ('level' in f ? [f.level] : [])))].sort((a, b) => a - b);
  let leadDepth = 1;
  return found.map((f): OutlineEntry => {
    if ('level' in f) {
      // A new section: its leads start again at the top.
      leadDepth = 1;
      return { el: f.el, text: f.text, depth: levels.indexOf(f.level) + 1, kind: 'heading' };
    }
    // Unnumbered leads ("小结：", "① 步骤一") stay at the depth of the numbered one before them.
    leadDepth = f.lead ?? leadDepth;
    return { el: f.el, text: f.text, depth: Math.min(6, levels.length + leadDepth), kind: 'lead' };
  });
}

/**
 * A lead line: a leaf block (no block inside) whose every visible character is bold, short, with no link, picture
 * or media in it, not ending like a sentence and not a parenthesized note.
 */
function isBoldLead(el: HTMLElement, text: string): boolean {
  if ([...text].length > MAX_LEAD_CHARS || SENTENCE_END.test(text) || NOTE.test(text)) return false;
  // A bold link ("Github页面：点击这里") is a call to action, a picture's bold line its caption.
  if (el.querySelector('p, div, section, ul, ol, table, blockquote, a[href], img, video, iframe, h1, h2, h3, h4, h5, h6')) return false;
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  let bold = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!collapse(node.textContent ?? '')) continue;
    if (!node.parentElement?.closest('strong, b')) return false;
    bold = true;
  }
  return bold;
}

/** "2.1 …" → 2, "3. …", "01、…" → 1; unnumbered → null. */
export function numberingDepth(text: string): number | null {
  const m = /^(\d{1,3}(?:[.．]\d{1,3})*)(?:[.．、:：\s]|$)/.exec(text);
  return m ? m[1]!.split(/[.．]/).length : null;
}

/** The flat entries as a tree: each entry under the nearest entry before it with a smaller depth. */
export function outlineTree(entries: readonly OutlineEntry[]): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const open: OutlineNode[] = [];
  entries.forEach((entry, index) => {
    const node: OutlineNode = { entry, index, children: [] };
    while (open.length && open[open.length - 1]!.entry.depth >= entry.depth) open.pop();
    (open[open.length - 1]?.children ?? roots).push(node);
    open.push(node);
  });
  return roots;
}

/**
 * The section being read: the last entry whose start has passed `line` (px on from the view's start edge: its top,
 * or its right edge in vertical writing), or null before the first. At the very end of the scroll, the last entry
 * whose start is in view wins: a short last section can never reach the line.
 *
 * @param tops each entry's start relative to the view's start edge, in document order
 * @param view `height`: the view's size along the reading axis
 */
export function currentSection(tops: readonly number[], line: number, view: { height: number; atEnd: boolean }): number | null {
  let current: number | null = null;
  for (let i = 0; i < tops.length; i++) {
    if (tops[i]! <= line || (view.atEnd && tops[i]! < view.height)) current = i;
  }
  return current;
}
