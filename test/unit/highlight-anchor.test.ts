// @vitest-environment jsdom
// Anchoring highlights: found again after a fresh parse, through the reader's 简/繁 conversion (the real opencc-js
// converter) and Han–Latin spacers, and the DOM left exactly as it was when the marks come out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorAt, anchorOfRange, locate, mapOffset, TextIndex } from '../../src/core/highlight-anchor';
import { applyMarks, MARK_ID_ATTR } from '../../src/core/highlight-marks';
import type { Highlight, TextAnchor } from '../../src/core/highlights';
import { convertTextNodes, originalData, type Converter } from '../../src/reader/chinese-convert';
import { insertCjkSpacing } from '../../src/reader/cjk-spacing';
import { markVerticalRuns } from '../../src/reader/vertical';

function parse(html: string): HTMLElement {
  return new DOMParser().parseFromString(`<!doctype html><body><div>${html}</div>`, 'text/html').body.firstElementChild as HTMLElement;
}

function hl(anchor: TextAnchor, id = 'h1', created = 1): Highlight {
  return { ...anchor, id, color: 'yellow', note: '', created, edited: created };
}

let converter: Converter | null = null;
async function toTraditional(): Promise<Converter> {
  if (converter) return converter;
  const mod = (await import('opencc-js/cn2t')) as unknown as { default?: unknown };
  const OpenCC = (mod.default ?? mod) as { Converter(o: { from: string; to: string }): Converter };
  return (converter = OpenCC.Converter({ from: 'cn', to: 'tw' }));
}

// Article-like HTML: paragraphs of Simplified Chinese, Latin words, digits and white space, in inline markup.
const WORDS = [
  '苹果发布',
  'iPhone 16',
  '系列',
  '售价5999元',
  '，',
  '。',
  'the ',
  'AI模型',
  '数据',
  '  \n ',
  '开发者',
  'Apple',
  '软件更新',
  '2024年',
  '后台',
  '发',
];
const inline = fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom('', 'b', 'a', 'em', 'code')).map(([w, tag]) => {
  if (!tag) return w;
  return tag === 'a' ? `<a href="https://example.com/">${w}</a>` : `<${tag}>${w}</${tag}>`;
});
const paragraph = fc.array(inline, { minLength: 1, maxLength: 8 }).map((parts) => `<p>${parts.join('')}</p>`);
const article = fc.array(paragraph, { minLength: 1, maxLength: 6 }).map((ps) => ps.join('\n'));
/** An article and a non-blank stretch of its text. */
const withRange = article.chain((html) => {
  const len = TextIndex.of(parse(html)).text.length;
  return fc.tuple(fc.constant(html), fc.nat(Math.max(0, len - 1)), fc.nat(Math.max(0, len - 1)));
});

describe('TextIndex and anchors', () => {
  it('collapses white space across nodes and skips empty elements (spacers)', () => {
    const root = parse('<p>a \n</p>\n\n<p> b<span class="pnr-autospace"></span>中</p>');
    expect(TextIndex.of(root).text).toBe('a b中');
  });

  it('maps DOM points to offsets and back: the segments of an anchor hold exactly its quote', () => {
    fc.assert(
      fc.property(withRange, ([html, a, b]) => {
        const root = parse(html);
        const index = TextIndex.of(root);
        const anchor = anchorAt(index, Math.min(a, b), Math.max(a, b) + 1);
        if (!anchor) return; // only white space picked
        const text = index
          .segments(anchor.start, anchor.start + anchor.quote.length)
          .map((s) => s.node.data.slice(s.from, s.to))
          .join('');
        expect(text.replace(/\s+/g, ' ').trim()).toBe(anchor.quote);
        // A DOM range over the same text gives the same anchor.
        const segs = index.segments(anchor.start, anchor.start + anchor.quote.length);
        const range = document.createRange();
        range.setStart(segs[0]!.node, segs[0]!.from);
        range.setEnd(segs.at(-1)!.node, segs.at(-1)!.to);
        expect(anchorOfRange(index, range)).toEqual(anchor);
      }),
      { numRuns: 200 },
    );
  });

  it('a highlight is found at the same place in a fresh parse of the same article', () => {
    fc.assert(
      fc.property(withRange, ([html, a, b]) => {
        const anchor = anchorAt(TextIndex.of(parse(html)), Math.min(a, b), Math.max(a, b) + 1);
        if (!anchor) return;
        const again = TextIndex.of(parse(html)).text;
        expect(locate(again, anchor)).toEqual({ start: anchor.start, end: anchor.start + anchor.quote.length });
      }),
      { numRuns: 200 },
    );
  });

  it('is found by its text and context when text before it changed, and the right repeat is picked', () => {
    const text = 'one two three. 重复的句子。 middle part. 重复的句子。 end part';
    const second = text.lastIndexOf('重复的句子');
    const anchor = anchorAt({ text } as TextIndex, second, second + 5)!;
    expect(locate(text, anchor)!.start).toBe(second);
    const edited = 'A new first paragraph. ' + text;
    expect(locate(edited, anchor)!.start).toBe(edited.lastIndexOf('重复的句子'));
    expect(locate('nothing of it here', anchor)).toBeNull();
  });

  it('refuses an empty or nonsensical stretch', () => {
    const index = TextIndex.of(parse('<p>abc</p>'));
    expect(anchorAt(index, 1, 1)).toBeNull();
    expect(anchorAt(index, Number.NaN, Number.NaN)).toBeNull();
    expect(anchorAt(TextIndex.of(parse('<p> </p>')), 0, 1)).toBeNull();
  });

  it('mapOffset keeps common ends exact when a conversion changes the length', () => {
    expect(mapOffset('abcXYdef', 'abcQdef', 3)).toBe(3);
    expect(mapOffset('abcXYdef', 'abcQdef', 6)).toBe(5);
    expect(mapOffset('same', 'SAME', 2)).toBe(2);
  });
});

describe('marks', () => {
  it('marks exactly the quote and leaves the DOM as it was when taken out', () => {
    fc.assert(
      fc.property(withRange, withRange, ([html, a, b], [, c, d]) => {
        const root = parse(html);
        const before = root.innerHTML;
        const index = TextIndex.of(root);
        const len = index.text.length;
        if (len === 0) return; // nothing to highlight
        const anchors = [
          anchorAt(index, Math.min(a, b), Math.max(a, b) + 1),
          anchorAt(index, Math.min(c, d) % len, (Math.max(c, d) % len) + 1),
        ]
          .filter((x): x is TextAnchor => x !== null)
          .map((x, i) => hl(x, `h${i}`, i));
        const marks = applyMarks(root, anchors);
        expect(marks.missing).toEqual([]);
        expect(root.textContent).toBe(parse(html).textContent);
        for (const h of anchors) {
          const got = Array.from(root.querySelectorAll(`mark[${MARK_ID_ATTR}="${h.id}"]`), (m) => m.textContent)
            .join('')
            .replace(/\s+/g, ' ');
          // White space between blocks is not wrapped: compare without it.
          expect(got.replace(/ /g, '')).toBe(h.quote.replace(/ /g, ''));
          expect(root.querySelectorAll(`mark[${MARK_ID_ATTR}="${h.id}"][data-pnr-hl-start]`)).toHaveLength(1);
        }
        marks.undo();
        expect(root.innerHTML).toBe(before);
      }),
      { numRuns: 150 },
    );
  });
});

describe('through the reader display changes (real opencc-js, spacers)', () => {
  it('marks drawn on the original, then spacing, upright runs and conversion; all undone in reverse gives the same DOM', async () => {
    const convert = await toTraditional();
    fc.assert(
      fc.property(withRange, ([html, a, b]) => {
        const root = parse(html);
        const before = root.innerHTML;
        const index = TextIndex.of(root);
        const anchor = anchorAt(index, Math.min(a, b), Math.max(a, b) + 1);
        if (!anchor) return;
        const marks = applyMarks(root, [hl(anchor)]);
        const undoSpacing = insertCjkSpacing(root);
        // Vertical writing's upright runs split text nodes too (src/reader/hooks/use-display-text.ts's order).
        const undoVertical = markVerticalRuns(root);
        const undoConvert = convertTextNodes(root, convert);
        // The shown text is Traditional; read through originalData it is the article's own.
        expect(TextIndex.of(root, originalData).text).toBe(index.text);
        undoConvert();
        undoVertical();
        undoSpacing();
        marks.undo();
        expect(root.innerHTML).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  it('a selection made in the converted, spaced view anchors on the Simplified original', async () => {
    const convert = await toTraditional();
    fc.assert(
      fc.property(withRange, ([html, a, b]) => {
        const root = parse(html);
        const plain = TextIndex.of(root);
        const undoSpacing = insertCjkSpacing(root);
        const undoConvert = convertTextNodes(root, convert);
        // Select in the shown DOM: the same stretch, by the shown nodes.
        const shown = TextIndex.of(root, originalData);
        const start = Math.min(a, b);
        const end = Math.max(a, b) + 1;
        const segs = shown.segments(start, end);
        if (!segs.length) return;
        const range = document.createRange();
        const first = segs[0]!;
        const last = segs.at(-1)!;
        // Points in the shown (converted) data: opencc's cn→tw keeps lengths, so raw offsets are the same.
        range.setStart(first.node, first.from);
        range.setEnd(last.node, last.to);
        const anchor = anchorOfRange(shown, range);
        expect(anchor).toEqual(anchorAt(plain, start, end));
        undoConvert();
        undoSpacing();
      }),
      { numRuns: 100 },
    );
  });

  it('a highlight on Simplified text shows on the Traditional text, and the quote stays Simplified', async () => {
    const convert = await toTraditional();
    const root = parse('<p>苹果发布iPhone 16系列，开发者可以下载软件更新。</p>');
    const index = TextIndex.of(root);
    const at = index.text.indexOf('开发者可以下载');
    const anchor = anchorAt(index, at, at + 7)!;
    expect(anchor.quote).toBe('开发者可以下载');
    const marks = applyMarks(root, [hl(anchor)]);
    const undoSpacing = insertCjkSpacing(root);
    const undoConvert = convertTextNodes(root, convert);
    expect(root.querySelector('mark')!.textContent).toBe('開發者可以下載');
    // Selected again on the Traditional text, the same anchor comes out.
    const m = root.querySelector('mark')!.firstChild as Text;
    const range = document.createRange();
    range.setStart(m, 0);
    range.setEnd(m, m.data.length);
    expect(anchorOfRange(TextIndex.of(root, originalData), range)).toEqual(anchor);
    undoConvert();
    undoSpacing();
    marks.undo();
    expect(root.innerHTML).toBe('<p>苹果发布iPhone 16系列，开发者可以下载软件更新。</p>');
  });
});
