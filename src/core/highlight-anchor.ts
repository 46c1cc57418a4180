// Finding a highlight again. The article's text is read as one string, its white space collapsed (a re-render,
// another parse of the same HTML or the reader's progressive rendering may split or space text differently), and
// a highlight is kept as its quote with some text either side and where it started. Offsets are in that string,
// so they mean the same in the reader's live DOM and in a fresh parse of the article's HTML (the exports).
//
// The reader changes how text looks, never what it is: Han–Latin spacers are empty elements (no text to walk), and
// the 简/繁 conversion rewrites text nodes, so the index reads each node through `dataOf` (the original data,
// src/reader/chinese-convert.ts keeps it) and maps offsets in the shown text back to the original.
import { CONTEXT_CHARS, type TextAnchor } from './highlights';

const SPACE = /\s/;
const SPACES = /\s+/g;

/** A point in the DOM: a text node and an offset in its (shown) data. */
export interface TextPoint {
  node: Text;
  offset: number;
}

/** How a node's shown data relates to its original data: identity unless a conversion changed its length. */
export function mapOffset(from: string, to: string, offset: number): number {
  if (from.length === to.length) return offset;
  // Common prefix and suffix map exactly; inside the changed middle, proportionally.
  let p = 0;
  while (p < from.length && p < to.length && from[p] === to[p]) p++;
  let s = 0;
  while (s < from.length - p && s < to.length - p && from[from.length - 1 - s] === to[to.length - 1 - s]) s++;
  if (offset <= p) return offset;
  if (offset >= from.length - s) return to.length - (from.length - offset);
  const mid = from.length - p - s;
  return p + Math.round(((offset - p) / mid) * (to.length - p - s));
}

export class TextIndex {
  /** The article's text with every run of white space as one space. */
  readonly text: string;
  readonly nodes: readonly Text[];
  /** Per node: where its text starts in `text`, and whether the text before it ended in a space. */
  private readonly starts: number[];
  private readonly spaceBefore: boolean[];
  private readonly datas: string[];
  private readonly position = new Map<Text, number>();

  private constructor(
    nodes: Text[],
    datas: string[],
    private readonly dataOf: (node: Text) => string,
  ) {
    this.nodes = nodes;
    this.datas = datas;
    this.starts = [];
    this.spaceBefore = [];
    const parts: string[] = [];
    let length = 0;
    let space = true; // leading white space of the article counts for nothing
    nodes.forEach((node, i) => {
      this.position.set(node, i);
      this.starts.push(length);
      this.spaceBefore.push(space);
      let part = datas[i]!.replace(SPACES, ' ');
      if (space && part.startsWith(' ')) part = part.slice(1);
      if (part) {
        parts.push(part);
        length += part.length;
        space = part.endsWith(' ');
      }
    });
    this.text = parts.join('');
  }

  /** The text under `root`. `dataOf` gives a node's original data (default: as it is). */
  static of(root: Node, dataOf: (node: Text) => string = (n) => n.data): TextIndex {
    const doc = root.ownerDocument ?? (root as Document);
    const nodes: Text[] = [];
    const datas: string[] = [];
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n as Text);
      datas.push(dataOf(n as Text));
    }
    return new TextIndex(nodes, datas, dataOf);
  }

  /** Offset in `text` of raw offset `raw` of node `i`'s original data. */
  private normalOf(i: number, raw: number): number {
    let n = this.starts[i]!;
    let space = this.spaceBefore[i]!;
    const data = this.datas[i]!;
    for (let k = 0; k < raw && k < data.length; k++) {
      const ws = SPACE.test(data[k]!);
      if (ws && space) continue;
      n++;
      space = ws;
    }
    return n;
  }

  /** The raw offset in node `i`'s original data where `text` offset `at` falls: before the first character that
   *  counts at or after it (white space collapsed away before it goes with the text before). */
  private rawOf(i: number, at: number): number {
    let n = this.starts[i]!;
    let space = this.spaceBefore[i]!;
    const data = this.datas[i]!;
    for (let k = 0; k < data.length; k++) {
      const ws = SPACE.test(data[k]!);
      if (ws && space) continue;
      if (n >= at) return k;
      n++;
      space = ws;
    }
    return data.length;
  }

  /** The offset in `text` of a DOM boundary point (a Range's start or end), or null outside the indexed text. */
  offsetOf(container: Node, offset: number): number | null {
    if (container.nodeType === 3) {
      const i = this.position.get(container as Text);
      if (i === undefined) return null;
      const node = container as Text;
      const original = this.datas[i]!;
      return this.normalOf(i, node.data === original ? offset : mapOffset(node.data, original, offset));
    }
    // An element boundary: the first indexed text at or after it, or the end of the last before it.
    const kids = container.childNodes;
    const ref = offset < kids.length ? kids[offset]! : null;
    const isAfter = (node: Node): boolean => {
      if (ref) return ref === node || ref.contains(node) || Boolean(ref.compareDocumentPosition(node) & 4);
      // Past the last child: only text after the container itself.
      return !container.contains(node) && Boolean(container.compareDocumentPosition(node) & 4);
    };
    let lo = 0;
    let hi = this.nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (isAfter(this.nodes[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.nodes.length ? this.starts[lo]! : this.text.length;
  }

  /** Text nodes and raw offsets (in their original data) covered by [start, end) of `text`. */
  segments(start: number, end: number): Array<{ node: Text; from: number; to: number; i: number }> {
    const out: Array<{ node: Text; from: number; to: number; i: number }> = [];
    if (end <= start) return out;
    // First node whose text reaches past `start`.
    let lo = 0;
    let hi = this.nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.endOf(mid) > start) hi = mid;
      else lo = mid + 1;
    }
    for (let i = lo; i < this.nodes.length && this.starts[i]! < end; i++) {
      const from = start > this.starts[i]! ? this.rawOf(i, start) : 0;
      const to = end < this.endOf(i) ? this.rawOf(i, end) : this.datas[i]!.length;
      if (to > from) out.push({ node: this.nodes[i]!, from, to, i });
    }
    return out;
  }

  private endOf(i: number): number {
    return i + 1 < this.nodes.length ? this.starts[i + 1]! : this.text.length;
  }

  /** The original data the index read for `node` (it may be showing a conversion). */
  original(node: Text): string {
    const i = this.position.get(node);
    return i === undefined ? this.dataOf(node) : this.datas[i]!;
  }
}

/** The anchor of [start, end) of the index's text; null for nothing but white space. */
export function anchorAt(index: TextIndex, start: number, end: number): TextAnchor | null {
  const text = index.text;
  start = Math.max(0, start);
  end = Math.min(end, text.length);
  // Trimmed: a selection dragged past a word's end takes the space with it.
  while (start < end && text[start] === ' ') start++;
  while (end > start && text[end - 1] === ' ') end--;
  // Also refuses offsets that are not numbers (NaN compares false).
  if (!(end > start)) return null;
  return {
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: text.slice(end, end + CONTEXT_CHARS),
    start,
  };
}

/** The anchor of a DOM range (a selection) inside the indexed root; null when it holds no indexed text. */
export function anchorOfRange(
  index: TextIndex,
  range: { startContainer: Node; startOffset: number; endContainer: Node; endOffset: number },
): TextAnchor | null {
  const start = index.offsetOf(range.startContainer, range.startOffset);
  const end = index.offsetOf(range.endContainer, range.endOffset);
  if (start === null || end === null) return null;
  return anchorAt(index, Math.min(start, end), Math.max(start, end));
}

/** Characters `a` and `b` share at their ends (`fromEnd`) or starts. */
function shared(a: string, b: string, fromEnd: boolean): number {
  let n = 0;
  const max = Math.min(a.length, b.length);
  while (n < max && (fromEnd ? a[a.length - 1 - n] === b[b.length - 1 - n] : a[n] === b[n])) n++;
  return n;
}

/** At most this many repeats of a quote are weighed (a one-character quote in a long article). */
const MAX_CANDIDATES = 5000;

/**
 * Where the anchor's quote is in `text`: at its stored start when the text there still matches with its context,
 * else the repeat whose surrounding text matches best, nearer the stored start on a tie. Null when the quote is
 * no longer in the text (the article changed).
 */
export function locate(text: string, anchor: TextAnchor): { start: number; end: number } | null {
  const { quote, prefix, suffix, start } = anchor;
  const quoteAt = (at: number) => text.startsWith(quote, at);
  const score = (at: number): number =>
    shared(text.slice(Math.max(0, at - prefix.length), at), prefix, true) +
    shared(text.slice(at + quote.length, at + quote.length + suffix.length), suffix, false);
  const best = prefix.length + suffix.length;
  if (quoteAt(start) && score(start) === best) return { start, end: start + quote.length };
  let found = -1;
  let foundScore = -1;
  let seen = 0;
  for (let at = text.indexOf(quote); at !== -1 && seen < MAX_CANDIDATES; at = text.indexOf(quote, at + 1), seen++) {
    const s = score(at);
    if (s > foundScore || (s === foundScore && Math.abs(at - start) < Math.abs(found - start))) {
      found = at;
      foundScore = s;
    }
  }
  return found === -1 ? null : { start: found, end: found + quote.length };
}
