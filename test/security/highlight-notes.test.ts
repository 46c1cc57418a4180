// @vitest-environment jsdom
// Notes are the user's text (or an imported file's): every XSS vector of xss-vectors.ts as a note, and as the quote
// of an imported highlight, through every export. The exports must show it as text: no markup problem in the HTML
// or the Markdown, and the canary (a jsdom that runs scripts, fires events, follows javascript: links) stays at 0.
import { describe, expect, it } from 'vitest';
import { anchorAt, TextIndex } from '../../src/core/highlight-anchor';
import { highlightsOnly, htmlWithHighlights, markdownWithHighlights } from '../../src/core/highlight-export';
import type { Highlight } from '../../src/core/highlights';
import type { Article } from '../../src/core/types';
import { buildHtmlFile } from '../../src/ui/save';
import { canary, htmlProblems, markdownProblems } from './safety';
import { XSS_VECTORS } from './xss-vectors';

const HTML = '<p>正文开始，三星印度宣布与 Axis Bank 合作推出一款信用卡。</p>\n<p>正文结束。</p>';
const index = TextIndex.of(new DOMParser().parseFromString(`<body>${HTML}`, 'text/html').body);
const base = anchorAt(index, index.text.indexOf('三星'), index.text.indexOf('三星') + 6)!;
const note = (payload: string, id = 'n1'): Highlight => ({ ...base, id, color: 'pink', note: payload, created: 1, edited: 1 });
const article = {
  title: 'XSS',
  url: 'https://news.zfe.space/p/xss.html',
  html: HTML,
  text: HTML,
  categories: [],
  topics: [],
  images: [],
  counts: { cjk: 30, words: 3 },
} as unknown as Article;

describe('notes holding markup are exported as text', () => {
  // Every vector at once, each as a note on the same words and as an imported quote: one document per export.
  const hs = XSS_VECTORS.flatMap((v, i) => [note(v.payload, `n${i}`), { ...note(v.payload, `q${i}`), quote: v.payload, start: 0 }]);

  it('has vectors to run', () => expect(XSS_VECTORS.length).toBeGreaterThan(30));

  it('HTML export: each note is the whole text of its mark title and footnote; no markup problem, canary 0', async () => {
    const html = htmlWithHighlights(HTML, hs, document);
    expect(htmlProblems(html)).toEqual([]);
    const parsed = new DOMParser().parseFromString(`<body>${html}`, 'text/html').body;
    const titles = new Set(Array.from(parsed.querySelectorAll('mark'), (m) => m.title));
    const notes = Array.from(parsed.querySelectorAll('.pnr-footnotes li p'), (p) => p.textContent);
    for (const v of XSS_VECTORS) {
      expect(titles.has(v.payload), v.id).toBe(true);
      expect(notes, v.id).toContain(`${v.payload.split(/\r\n?|\n/).join('')} ↩`);
    }
    // The footnote list holds text and our own back links only.
    expect(
      Array.from(parsed.querySelectorAll('.pnr-footnotes *'), (e) => e.localName).filter(
        (n) => !['hr', 'ol', 'li', 'p', 'a', 'br'].includes(n),
      ),
    ).toEqual([]);
    expect(await canary(html)).toBe(0);
  });

  it('saved HTML file: canary 0', async () => {
    expect(await canary(buildHtmlFile(article, new Date(0), { highlights: hs }).content)).toBe(0);
  });

  it('Markdown export and highlights only: no link, autolink or raw HTML a renderer would run; canary 0', async () => {
    expect(markdownProblems(markdownWithHighlights(HTML, hs, document))).toEqual([]);
    const only = highlightsOnly(article, hs, document);
    expect(markdownProblems(only.text)).toEqual([]);
    expect(await canary(only.html)).toBe(0);
  });
});
