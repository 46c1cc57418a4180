// @vitest-environment jsdom
// Highlights in what leaves the reader: Markdown `==text==` with the note as a blockquote after its paragraph,
// HTML <mark> with the note as title and footnote, the "highlights only" list, and the copy and save paths.
import { describe, expect, it } from 'vitest';
import { anchorAt, TextIndex } from '../../src/core/highlight-anchor';
import { highlightsOnly, htmlWithHighlights, markdownWithHighlights } from '../../src/core/highlight-export';
import type { Highlight, HighlightColor } from '../../src/core/highlights';
import type { Article } from '../../src/core/types';
import { copyPayload } from '../../src/ui/copy-formats';
import { buildHtmlFile, buildMarkdownFile } from '../../src/ui/save';

const HTML =
  '<p>苹果发布iPhone 16系列，售价5999元起。</p>\n<p>The <b>new model</b> has a faster chip.</p>\n<ul><li>第一项内容</li><li>second item</li></ul>';

/** A highlight of the `nth` occurrence of `quote` in the article's text. */
function highlight(html: string, quote: string, note = '', color: HighlightColor = 'yellow', id = quote.length.toString(36)): Highlight {
  const index = TextIndex.of(new DOMParser().parseFromString(`<body>${html}`, 'text/html').body);
  const at = index.text.indexOf(quote);
  if (at < 0) throw new Error(`no ${quote}`);
  return { ...anchorAt(index, at, at + quote.length)!, id: `h${id}`, color, note, created: 1, edited: 1 };
}

const article = (html = HTML): Article =>
  ({
    title: '标题 Title',
    url: 'https://news.zfe.space/p/1.html',
    html,
    text: '',
    categories: [],
    topics: [],
    images: [],
    counts: { cjk: 20, words: 10 },
  }) as unknown as Article;

describe('Markdown', () => {
  it('writes ==text== and the note as a blockquote after the paragraph', () => {
    const hs = [highlight(HTML, 'iPhone 16系列', '一条笔记\n第二行'), highlight(HTML, 'new model has a', 'about *the* chip')];
    const md = markdownWithHighlights(HTML, hs, document);
    expect(md).toBe(
      [
        '苹果发布==iPhone 16系列==，售价5999元起。',
        '',
        '> 一条笔记  ',
        '> 第二行',
        '',
        // One highlight over bold and plain text: a run of marks per text node, each its own ==…==.
        'The **==new model==** ==has a== faster chip.',
        '',
        '> about \\*the\\* chip',
        '',
        '-   第一项内容',
        '-   second item',
      ].join('\n'),
    );
  });

  it('puts a note on a list item inside the item', () => {
    const md = markdownWithHighlights(HTML, [highlight(HTML, '第一项', 'n')], document);
    expect(md).toContain('-   ==第一项==内容\n\n    > n\n\n-   second item');
  });

  it('leaves a highlight whose text is gone out, and the rest as it was', () => {
    const gone = { ...highlight(HTML, 'faster chip'), quote: 'not in the article' };
    expect(markdownWithHighlights(HTML, [gone], document)).not.toContain('==');
  });
});

describe('HTML', () => {
  it('marks the text, gives the note as title and a numbered footnote that links both ways', () => {
    const hs = [highlight(HTML, 'faster chip', 'second note', 'green'), highlight(HTML, '售价', 'first note')];
    const out = new DOMParser().parseFromString(`<body>${htmlWithHighlights(HTML, hs, document)}`, 'text/html').body;
    const marks = Array.from(out.querySelectorAll('mark'));
    expect(marks.map((m) => [m.textContent, m.className, m.title])).toEqual([
      ['售价', 'pnr-hl pnr-hl-yellow', 'first note'],
      ['faster chip', 'pnr-hl pnr-hl-green', 'second note'],
    ]);
    // Numbered in reading order.
    expect(Array.from(out.querySelectorAll('sup.pnr-fnref a'), (a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['1', '#pnr-fn-1'],
      ['2', '#pnr-fn-2'],
    ]);
    const notes = Array.from(out.querySelectorAll('section.pnr-footnotes li'));
    expect(notes.map((li) => [li.id, li.textContent])).toEqual([
      ['pnr-fn-1', 'first note ↩'],
      ['pnr-fn-2', 'second note ↩'],
    ]);
    expect(notes[0]!.querySelector('a')!.getAttribute('href')).toBe('#pnr-fnref-1');
    expect(out.querySelector('[data-pnr-hl]')).toBeNull();
  });

  it('has no footnotes without notes', () => {
    const out = htmlWithHighlights(HTML, [highlight(HTML, 'faster')], document);
    expect(out).toContain('<mark class="pnr-hl pnr-hl-yellow">faster</mark>');
    expect(out).not.toContain('pnr-footnotes');
  });
});

describe('copy and save carry highlights when there are any', () => {
  const hs = [highlight(HTML, 'faster chip', 'note <b>x</b>')];

  it('copy as Markdown and HTML', () => {
    expect(copyPayload(article(), 'markdown', hs).text).toContain('==faster chip==');
    expect(copyPayload(article(), 'markdown').text).not.toContain('==');
    const html = copyPayload(article(), 'html', hs).html!;
    const doc = new DOMParser().parseFromString(`<body>${html}`, 'text/html');
    expect(doc.querySelector('mark')!.title).toBe('note <b>x</b>');
    expect(doc.querySelector('mark b, .pnr-footnotes b')).toBeNull();
    expect(doc.querySelector('.pnr-footnotes li')!.textContent).toBe('note <b>x</b> ↩');
    // Plain text stays the article.
    expect(copyPayload(article(), 'text', hs).text).toBe(copyPayload(article(), 'text').text);
  });

  it('save as Markdown and HTML; the file keeps its footnote links in the page', () => {
    expect(buildMarkdownFile(article(), hs).content).toContain('==faster chip==');
    expect(buildMarkdownFile(article(), hs).content).toContain('> note \\<b>x\\</b>');
    const file = buildHtmlFile(article(), new Date(0), { highlights: hs }).content;
    expect(file).toContain('>faster chip</mark><sup class="pnr-fnref"><a href="#pnr-fn-1" id="pnr-fnref-1">1</a></sup>');
    expect(file).not.toMatch(/href="#pnr-fn[^"]*"[^>]*target=/);
    expect(buildHtmlFile(article(), new Date(0)).content).not.toContain('<mark');
  });

  it('a Markdown post is saved from its HTML when it has highlights (the marks need the text the reader showed)', () => {
    const post = { ...article(), markdown: '# own markdown' } as Article;
    expect(buildMarkdownFile(post).content).toContain('# own markdown');
    expect(buildMarkdownFile(post, hs).content).toContain('==faster chip==');
  });
});

describe('highlights only', () => {
  it('lists the quotes with notes under the title and address', () => {
    const hs = [highlight(HTML, 'faster chip', 'my *note*'), highlight(HTML, '苹果发布')];
    const { text, html } = highlightsOnly(article(), hs, document);
    expect(text).toBe(
      '# 标题 Title\n\n[https://news.zfe.space/p/1.html](https://news.zfe.space/p/1.html)\n\n> 苹果发布\n\n> faster chip\n\nmy \\*note\\*\n',
    );
    expect(html).toContain('<blockquote><p>苹果发布</p></blockquote>');
  });

  it('leaves out an address that is not http(s)', () => {
    const { text } = highlightsOnly({ title: 't', url: 'javascript:alert(1)' }, [highlight(HTML, 'faster')], document);
    expect(text).not.toContain('javascript');
  });
});
