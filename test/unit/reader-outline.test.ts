// @vitest-environment jsdom
// The outline (src/reader/outline.ts) on real articles, read as the reader shows them: the fixture extracted by the
// core, its body prepared for the reader. Headings: iplaysoft (h3/h4), yystv (h3 "01、…"), the axis post (English,
// h2 empty, h3). Bold lead lines: stcn and guokr (only leads), pmcaff (h1 sections with numbered leads under them).
// No outline: ithome (no heading), the 3dm post (one heading; its other bold line is a link).
import { describe, expect, it } from 'vitest';
import { extract, extractPost } from '../../src/core';
import type { Article } from '../../src/core/types';
import { along, scrollDelta } from '../../src/reader/block-focus';
import { currentSection, findOutline, MAX_LEAD_CHARS, numberingDepth, outlineTree, type OutlineNode } from '../../src/reader/outline';
import { prepareArticleHtml } from '../../src/ui/article-html';
import { articleLang } from '../../src/ui/format';
import { fixtureText, loadPage } from '../helpers/fixtures';

function read(rel: string): Article {
  const url = `https://news.zfe.space/p/${rel.split('/').pop()}`;
  if (rel.startsWith('posts/')) return extractPost(fixtureText(rel), document, { url, markdown: false });
  const { doc, win } = loadPage(rel, url);
  return extract(doc, { url, win, markdown: false });
}

/** The reader's body for a fixture, and its outline as the reader finds it (bold leads for CJK articles). */
function outlineOf(rel: string, boldLeads?: boolean) {
  const article = read(rel);
  const body = document.createElement('div');
  body.innerHTML = prepareArticleHtml(article.html); // the core's sanitized output, as the reader renders it
  const entries = findOutline(body, { title: article.title, boldLeads: boldLeads ?? /^(zh|ja)/.test(articleLang(article)) });
  return { article, body, entries, lines: entries.map((e) => `${'  '.repeat(e.depth - 1)}${e.text}`) };
}

describe('headings', () => {
  it('iplaysoft-keyword-links: h3 sections with h4 under them, in order', () => {
    const { body, entries, lines } = outlineOf('rendered/iplaysoft-keyword-links.html');
    // Every non-empty h3/h4 of the body, nothing else (it has no bold lead lines).
    expect(entries.map((e) => e.el)).toEqual(Array.from(body.querySelectorAll('h3, h4')));
    expect(entries.every((e) => e.kind === 'heading')).toBe(true);
    expect(lines.slice(0, 5)).toEqual([
      '全平台免费好用的 OCR 扫描识别 / 图片转文字工具',
      '白描 Windows 版： 桌面截图识别提取文字：',
      '  支持表格识别、公式识别、PDF 提取文字',
      '  批量图片转换文字：',
      '白描手机版 APP：拍照文字识别 / 纸质文档扫描',
    ]);
    expect(lines[lines.length - 1]).toBe('相关文件下载地址');
    const tree = outlineTree(entries);
    expect(tree.map((n) => n.entry.el.localName)).toEqual(Array(tree.length).fill('h3'));
    expect(tree[1]!.children.map((n) => n.entry.text)).toEqual(['支持表格识别、公式识别、PDF 提取文字', '批量图片转换文字：']);
  });

  it('yystv-lazy-original: its three numbered h3, at the top level', () => {
    expect(outlineOf('rendered/yystv-lazy-original.html').lines).toEqual(['01、字体与色彩', '02、潮牌与设计', '03、音乐与人物']);
  });

  it('posts/axis-stray-plus (English): the two h3; the h2 holding only an empty link is no entry', () => {
    const { body, lines } = outlineOf('posts/axis-stray-plus.md');
    expect(body.querySelector('h2')).not.toBeNull();
    expect(lines).toEqual(['Skills', 'Senior team']);
  });
});

describe('bold lead lines (CJK)', () => {
  it('stcn-stock-links: the five bold paragraphs are the outline; none without the CJK switch', () => {
    const { lines, entries } = outlineOf('rendered/stcn-stock-links.html');
    expect(lines).toEqual([
      '定增市场有所回暖',
      '增发后上市公司业绩增速大幅提升',
      '近十年财通基金定增投入资金最多',
      '定增红利日渐收窄',
      '高估值项目需谨慎',
    ]);
    expect(entries.every((e) => e.kind === 'lead' && e.el.localName === 'p')).toBe(true);
    expect(outlineOf('rendered/stcn-stock-links.html', false).entries).toEqual([]);
  });

  it('guokr-escaped-body: the four leads; the body h1 repeating the title is not a section', () => {
    const { body, article, lines } = outlineOf('rendered/guokr-escaped-body.html');
    expect(body.querySelector('h1')?.textContent?.trim()).toBe(article.title);
    expect(lines).toEqual(['8000镑买下荒岛', '鲁滨逊和“星期五”的小岛探图', '他带来了森林，海鸟和陆龟', '世界上最小的国家公园']);
  });

  it('pmcaff-largest-page: numbered leads nest under the h1 sections, 2.1 under 2.; sentences, notes and empty h1 are left out', () => {
    const { body, entries, lines } = outlineOf('rendered/pmcaff-largest-page.html');
    // The h1 with text are the top level.
    const h1 = Array.from(body.querySelectorAll('h1')).filter((h) => h.textContent.trim() !== '');
    expect(entries.filter((e) => e.depth === 1).map((e) => e.el)).toEqual(h1);
    expect(body.querySelectorAll('h1').length).toBeGreaterThan(h1.length);
    const at = lines.indexOf('02 营销中心概述');
    expect(lines.slice(at, at + 5)).toEqual([
      '02 营销中心概述',
      '  1. 营销中心的职责是什么？',
      '  2. 营销中心有什么？',
      '    2.1 营销工具',
      '    2.2 规则中心',
    ]);
    // An unnumbered lead stays at the depth of the numbered one before it.
    expect(lines).toContain('    ① 步骤一：设置基本信息');
    // A label ending with a colon is a heading.
    expect(entries.map((e) => e.text)).toEqual(expect.arrayContaining(['小结：', '单品类活动：']));
    const texts = entries.map((e) => e.text);
    const bold = Array.from(body.querySelectorAll('p'))
      .filter((p) => p.querySelector('strong, b'))
      .map((p) => p.textContent.trim());
    // In the body, in bold paragraphs, and left out: a 40-character sentence, a parenthesized note, lead-ins ending
    // 如下： or opening 下面….
    for (const left of [
      '最后我们将这些系统或功能按照依赖关系进行组织一下，就能得到营销中心的系统架构图：',
      '各类活动之间的叠加互斥规则总结如下：',
      '下面介绍一种方案：',
    ]) {
      expect(bold).toContain(left);
      expect(texts).not.toContain(left);
    }
    expect(texts).not.toContain('（图片过大无法正常显示，请用电脑放大查看）');
    expect(texts.every((t) => [...t].length <= MAX_LEAD_CHARS || entries.find((e) => e.text === t)!.kind === 'heading')).toBe(true);
  });
});

describe('no outline', () => {
  it.each(['rendered/ithome-tag-links.html', 'rendered/wef-english-stray-div.html', 'rendered/3dm-youku-iframe.html'])(
    '%s: none',
    (rel) => {
      expect(outlineOf(rel).entries).toEqual([]);
    },
  );

  it('posts/3dm-game-name-link: one heading is no outline, and its bold link line is no heading', () => {
    const { body, entries } = outlineOf('posts/3dm-game-name-link.md');
    expect(body.querySelectorAll('h3').length).toBe(1);
    expect(Array.from(body.querySelectorAll('p strong a[href], p b a[href]')).length).toBeGreaterThan(0);
    expect(entries).toEqual([]);
  });
});

describe('the parts', () => {
  it.each([
    ['1. 什么是促销？', 1],
    ['2.1 营销工具', 2],
    ['2.1. 促销命中规则', 2],
    ['1.3、抵扣类活动', 2],
    ['01、字体与色彩', 1],
    ['3.实时价计算', 1],
    ['小结：', null],
    ['2022年的回顾', null],
    ['① 步骤一', null],
  ] as const)('numberingDepth(%s) = %s', (text, depth) => {
    expect(numberingDepth(text)).toBe(depth);
  });

  it('outlineTree puts each entry under the nearest shallower one before it', () => {
    const e = (text: string, depth: number) => ({ el: document.createElement('h2'), text, depth, kind: 'heading' as const });
    const shape = (nodes: OutlineNode[]): unknown =>
      nodes.map((n) => (n.children.length ? [n.entry.text, shape(n.children)] : n.entry.text));
    expect(shape(outlineTree([e('a', 1), e('a1', 2), e('a1x', 3), e('a2', 2), e('b', 1), e('b1', 3), e('c', 1)]))).toEqual([
      ['a', [['a1', ['a1x']], 'a2']],
      ['b', ['b1']],
      'c',
    ]);
    // An outline that starts deeper still has all its entries at the top.
    expect(shape(outlineTree([e('x', 2), e('y', 1)]))).toEqual(['x', 'y']);
  });

  it.each([
    { tops: [300, 900], line: 150, atEnd: false, want: null, why: 'above the first heading' },
    { tops: [100, 900], line: 150, atEnd: false, want: 0, why: 'the first heading passed the line' },
    { tops: [-800, 140], line: 150, atEnd: false, want: 1, why: 'the second heading passed it' },
    { tops: [-800, 400, 550], line: 150, atEnd: true, want: 2, why: 'at the end, the last heading in view' },
    { tops: [-800, 400, 650], line: 150, atEnd: true, want: 1, why: 'at the end, not one below the view' },
  ])('currentSection: $why', ({ tops, line, atEnd, want }) => {
    expect(currentSection(tops, line, { height: 600, atEnd })).toBe(want);
  });

  it.each([
    { block: [300, 340], aim: 'start', want: 284, why: 'start: its start at the margin' },
    { block: [300, 340], aim: 'nearest', want: 0, why: 'nearest: already in view' },
    { block: [-40, 0], aim: 'nearest', want: -56, why: 'nearest: above, its top at the margin' },
    { block: [590, 640], aim: 'nearest', want: 56, why: 'nearest: below, its bottom at the margin' },
    { block: [500, 1500], aim: 'nearest', want: 484, why: 'nearest: taller than the view, its top first' },
  ] as const)('scrollDelta: $why', ({ block, aim, want }) => {
    expect(scrollDelta({ start: block[0], end: block[1] }, { start: 0, end: 600 }, aim)).toBe(want);
  });

  it('along: down the page, or leftwards in vertical writing (the start is the right edge)', () => {
    const r = { top: 10, bottom: 50, left: 300, right: 340 };
    expect(along(r, 'y')).toEqual({ start: 10, end: 50 });
    expect(along(r, 'x-rtl')).toEqual({ start: -340, end: -300 });
    // A column further left is further on.
    expect(along({ ...r, left: 100, right: 140 }, 'x-rtl').start).toBeGreaterThan(along(r, 'x-rtl').start);
  });
});
