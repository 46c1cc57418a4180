// Drawing highlights into a DOM as <mark> elements, and taking them out again. Text nodes are split at the
// highlights' edges and the pieces wrapped; undoing unwraps and joins each split run back into its first node
// (the node the page and the reader's other decorations know), so the text is as it was, node for node.
import type { Highlight } from './highlights';
import { locate, TextIndex } from './highlight-anchor';

export const MARK_CLASS = 'pnr-hl';
export const MARK_ID_ATTR = 'data-pnr-hl';

/** Elements a <mark> cannot go into (their text is not phrasing content, or not shown). */
const NO_MARK = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'svg',
  'math',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'colgroup',
  'select',
]);

export interface MarksResult {
  /** Highlights drawn, in reading order, with where they are in the index's text. */
  placed: Array<{ highlight: Highlight; start: number; end: number }>;
  /** Highlights whose text is no longer in the article. */
  missing: Highlight[];
  /** Takes every mark out again. */
  undo(): void;
}

/** How a mark is dressed: class and colour by default; the exports add a note title. */
export type DressMark = (mark: HTMLElement, highlight: Highlight, first: boolean) => void;

const defaultDress: DressMark = (mark, h, first) => {
  mark.className = MARK_CLASS;
  mark.setAttribute('data-color', h.color);
  if (first) mark.setAttribute('data-pnr-hl-start', '');
};

/**
 * Wraps the text of each highlight found under `root` in <mark data-pnr-hl="id">. Overlapping highlights nest.
 * `index` may be given when the caller already read the text (it must be fresh: nothing changed since).
 */
export function applyMarks(
  root: Element,
  highlights: readonly Highlight[],
  options: { index?: TextIndex; dress?: DressMark } = {},
): MarksResult {
  const index = options.index ?? TextIndex.of(root);
  const dress = options.dress ?? defaultDress;
  const doc = root.ownerDocument;
  const placed: MarksResult['placed'] = [];
  const missing: Highlight[] = [];
  // Per text node, the pieces to wrap: [from, to) of its data and the highlights over them.
  const cuts = new Map<Text, Array<{ from: number; to: number; highlight: Highlight }>>();
  const order = new Map<Text, number>();
  const startOf = new Map<string, number>();
  for (const h of highlights) {
    const at = locate(index.text, h);
    if (!at) {
      missing.push(h);
      continue;
    }
    placed.push({ highlight: h, ...at });
    startOf.set(h.id, at.start);
    for (const seg of index.segments(at.start, at.end)) {
      if (!seg.node.data.slice(seg.from, seg.to).trim()) continue; // white space between blocks
      if (blocked(seg.node, root)) continue;
      let list = cuts.get(seg.node);
      if (!list) {
        cuts.set(seg.node, (list = []));
        order.set(seg.node, seg.i);
      }
      list.push({ from: seg.from, to: seg.to, highlight: h });
    }
  }
  placed.sort((a, b) => a.start - b.start);

  const marks: HTMLElement[] = [];
  const started = new Set<string>();
  // In document order, so the first piece of each highlight is the one marked as its start.
  const nodes = Array.from(cuts.keys()).sort((a, b) => order.get(a)! - order.get(b)!);
  for (const node of nodes) {
    const list = cuts.get(node)!;
    const points = Array.from(new Set(list.flatMap((c) => [c.from, c.to]))).sort((a, b) => a - b);
    // Split from the end: earlier offsets stay valid, and `node` remains the first piece.
    const pieces = new Map<number, Text>();
    for (let i = points.length - 1; i >= 0; i--) {
      const p = points[i]!;
      if (p > 0 && p < node.data.length) pieces.set(p, node.splitText(p));
      else if (p === 0) pieces.set(0, node);
    }
    if (!pieces.has(0)) pieces.set(0, node);
    for (const [from, piece] of Array.from(pieces).sort((a, b) => a[0] - b[0])) {
      const over = list.filter((c) => c.from <= from && from < c.to).map((c) => c.highlight);
      let inner: Node = piece;
      // The earliest highlight outermost: nesting follows reading order.
      for (const h of over.sort((a, b) => startOf.get(b.id)! - startOf.get(a.id)! || b.created - a.created)) {
        const mark = doc.createElement('mark');
        mark.setAttribute(MARK_ID_ATTR, h.id);
        dress(mark, h, !started.has(h.id));
        started.add(h.id);
        inner.parentNode!.insertBefore(mark, inner);
        mark.append(inner);
        marks.push(mark);
        inner = mark;
      }
    }
  }

  return {
    placed,
    missing,
    undo() {
      const parents = new Set<Node>();
      // Innermost first (they were made inner-first within each piece): each unwraps into its parent mark or the text.
      for (const mark of marks) {
        const parent = mark.parentNode;
        if (!parent) continue;
        while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
        mark.remove();
        parents.add(parent);
      }
      const gone = new Set<Node>(marks);
      for (const p of parents) if (!gone.has(p)) p.normalize();
    },
  };
}

function blocked(node: Text, root: Element): boolean {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) if (NO_MARK.has(el.localName)) return true;
  return NO_MARK.has(root.localName);
}
