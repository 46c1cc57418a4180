// Vertical writing (竖排): which articles get it, how the wheel and the keys move a right-to-left scroller, and
// the short Latin runs set upright. Pure functions over plain values and the DOM, unit-tested in jsdom; the
// layout itself is CSS (reader.css, "Vertical writing").

/** Chinese and Japanese articles; Korean is written horizontally nowadays, and Latin text would lie on its side. */
export function verticalFits(lang: string): boolean {
  return /^(zh|ja)\b/i.test(lang);
}

export interface WheelLike {
  deltaX: number;
  deltaY: number;
  /** 0 pixels, 1 lines (Firefox's mouse wheel), 2 pages. */
  deltaMode: number;
  shiftKey: boolean;
  ctrlKey: boolean;
}

/**
 * How much a wheel event moves a vertical-rl scroller's scrollLeft (negative: leftwards, onwards), or null when
 * the browser's own handling is right: zoom (Ctrl), Shift (the browsers scroll sideways themselves), a mostly
 * sideways gesture (a touchpad's horizontal swipe already scrolls the right way).
 */
export function wheelToScrollLeft(e: WheelLike, lineSize: number, pageSize: number): number | null {
  if (e.ctrlKey || e.shiftKey || e.deltaY === 0 || Math.abs(e.deltaX) >= Math.abs(e.deltaY)) return null;
  const unit = e.deltaMode === 1 ? lineSize : e.deltaMode === 2 ? pageSize : 1;
  // Down (onwards) goes left: the next column is to the left of this one.
  return -e.deltaY * unit;
}

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/**
 * What a key does in a vertical-rl scroller: `by` px or `to` a scrollLeft, or null to leave it to the browser
 * (←/→ already scroll sideways the right way; modified keys are someone else's). Down, PageDown and Space go on
 * (left), Up, PageUp and Shift+Space back (right), Home to the start at the right, End to the end at the left.
 */
export function verticalKeyScroll(e: KeyLike, page: number, line: number, range: number): { by: number } | { to: number } | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  switch (e.key) {
    case 'ArrowDown':
      return e.shiftKey ? null : { by: -line };
    case 'ArrowUp':
      return e.shiftKey ? null : { by: line };
    case 'PageDown':
      return { by: -page };
    case 'PageUp':
      return { by: page };
    case ' ':
      return { by: e.shiftKey ? page : -page };
    case 'Home':
      return { to: 0 };
    case 'End':
      return { to: -range };
    default:
      return null;
  }
}

export const TCY_CLASS = 'pnr-tcy';
export const UPRIGHT_CLASS = 'pnr-upright';

/**
 * Runs set across the column in vertical text: one or two digits standing alone (12月3日, 第5届) are combined
 * into one upright cell (`text-combine-upright`: engines have `all`, not `digits 2`, so the run gets a span);
 * one to three capitals alone (AI, CEO) stand upright letter by letter. Longer numbers and words stay sideways,
 * as Latin text in vertical CJK is set. Neighbouring Latin letters, digits and number punctuation make a run part
 * of something longer (3.5, 2024, iPhone15, 50%, 10:30), which stays sideways.
 */
const RUN = /(?<![\p{L}\p{N}.,:/_%+-])(?:(\d{1,2})|([A-Z]{1,3}))(?![\p{L}\p{N}.,:/_%+-])/gu;
/** Han and kana are letters to \p{L}: a run next to them is still alone among Latin text. */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

export function verticalRuns(text: string): Array<{ start: number; end: number; kind: 'tcy' | 'upright' }> {
  const out: Array<{ start: number; end: number; kind: 'tcy' | 'upright' }> = [];
  // The lookarounds see CJK as letters: mask them as spaces first (same length, so offsets stay).
  const masked = text.replace(new RegExp(CJK.source, 'g'), ' ');
  for (const m of masked.matchAll(RUN)) out.push({ start: m.index, end: m.index + m[0].length, kind: m[1] ? 'tcy' : 'upright' });
  return out;
}

/** Text in these stays as written: code and tables are kept horizontal, and our own spans are done. */
const SKIP = new Set(['PRE', 'CODE', 'KBD', 'SAMP', 'TABLE', 'SCRIPT', 'STYLE', 'TEXTAREA', 'svg', 'math']);

/** Wraps the runs of `verticalRuns` under `root` in spans; returns the function that puts the text back. */
export function markVerticalRuns(root: Element): () => void {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */, {
    acceptNode: (node) => {
      for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
        if (SKIP.has(el.tagName) || el.classList.contains(TCY_CLASS) || el.classList.contains(UPRIGHT_CLASS)) return 2; // reject
      }
      return 1; // accept
    },
  });
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  // Each split: the node the run was cut from (it keeps its identity: other display changes hold on to it), the
  // span, and the text after it.
  const splits: Array<{ node: Text; span: HTMLElement; after: Text }> = [];
  for (const node of texts) {
    const runs = verticalRuns(node.data);
    // From the end, so the earlier offsets stay valid as the node is split.
    for (let i = runs.length - 1; i >= 0; i--) {
      const { start, end, kind } = runs[i]!;
      const run = node.splitText(start);
      const after = run.splitText(end - start);
      const span = doc.createElement('span');
      span.className = kind === 'tcy' ? TCY_CLASS : UPRIGHT_CLASS;
      run.replaceWith(span);
      span.append(run);
      splits.push({ node, span, after });
    }
  }
  return () => {
    // Last split first: each puts back the text its node had before it.
    for (let i = splits.length - 1; i >= 0; i--) {
      const { node, span, after } = splits[i]!;
      if (!span.parentNode) continue;
      node.data += (span.textContent ?? '') + after.data;
      span.remove();
      after.remove();
    }
  };
}
