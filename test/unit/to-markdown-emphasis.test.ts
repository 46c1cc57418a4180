// Bold or italic runs side by side, or nested, as WeChat-made feeds write them (PMCAFF, 游研社 in the fixtures):
// turndown writes `**a****b**`, which CommonMark renderers show with its asterisks.
import { describe, expect, it } from 'vitest';
import { toMarkdown } from '../../src/core/to-markdown';
import { parseHtml } from '../../src/node/dom';

const doc = parseHtml('<!doctype html><body>');
const md = (html: string): string => toMarkdown(html, doc);

describe('emphasis runs', () => {
  it('joins bold runs side by side (strong and b alike) into one', () => {
    expect(md('<h1><strong>01</strong><strong>促销业务概述</strong></h1>')).toBe('# **01促销业务概述**');
    expect(md('<p><b>①命中保持</b><strong>：</strong>指sku</p>')).toBe('**①命中保持：**指sku');
    expect(md('<p><em>a</em><i>b</i> c</p>')).toBe('*ab* c');
  });

  it('drops bold inside bold, keeps the text and links in it', () => {
    expect(md('<p><strong><strong>1. 分类</strong></strong></p>')).toBe('**1\\. 分类**');
    expect(md('<p><strong>问？<strong>答<a href="https://a.example/">链</a></strong></strong></p>')).toBe(
      '**问？答[链](https://a.example/)**',
    );
  });

  it('joins runs each wrapped in a span or font of its own (WeChat: PMCAFF headings, 游研社)', () => {
    expect(md('<h1><span style="color:red"><b>01</b></span><span><b>促销业务概述</b></span></h1>')).toBe('# **01促销业务概述**');
    expect(md('<p><b>而是</b><span><b>射击</b></span><font color="red"><b>游戏</b></font>，</p>')).toBe('**而是射击游戏**，');
    // Nested: a span inside a bold run inside a span.
    expect(md('<p><span><strong>那句<span><strong>“不懂”</strong></span></strong></span>——</p>')).toBe('**那句“不懂”**——');
    // Text between the spans keeps the runs apart.
    expect(md('<p><span><b>a</b></span> <span><b>b</b></span></p>')).toBe('**a** **b**');
    // Spans in code are code: kept as they are (their text).
    expect(md('<pre><code><span class="k">let</span> <span>x</span></code></pre>')).toBe('```\nlet x\n```');
  });

  it('leaves runs apart when something stands between them, and code alone', () => {
    expect(md('<p><strong>a</strong> <strong>b</strong></p>')).toBe('**a** **b**');
    expect(md('<p><strong>a</strong><em>b</em></p>')).toBe('**a***b*');
    // A run that is only a line break stays apart: joined, the break would open the bold run.
    expect(md('<p><strong><br></strong><strong>2.7 系统</strong></p>')).toBe('**2.7 系统**');
    expect(md('<pre><code><b>x</b><b>y</b></code></pre>')).toBe('```\nxy\n```');
  });
});
