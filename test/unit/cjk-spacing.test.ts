// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { SPACER_CLASS, insertCjkSpacing, supportsTextAutospace } from '../../src/reader/cjk-spacing';

function body(html: string): HTMLElement {
  const el = document.createElement('div');
  el.innerHTML = html; // test fixture markup
  document.body.append(el);
  return el;
}

/** The text with a `|` where each spacer sits: what the reader sees as a gap. */
function gaps(root: Element): string {
  let out = '';
  const walk = (n: Node) => {
    if (n.nodeType === 3) out += n.nodeValue;
    else if ((n as Element).classList?.contains(SPACER_CLASS)) out += '|';
    else n.childNodes.forEach(walk);
  };
  walk(root);
  return out;
}

describe('insertCjkSpacing', () => {
  it('puts a spacer wherever Han text meets Latin letters or digits, both ways', () => {
    const el = body('<p>苹果发布iPhone 16系列，售价5999元起。</p>');
    insertCjkSpacing(el);
    expect(gaps(el)).toBe('苹果发布|iPhone 16|系列，售价|5999|元起。');
  });

  it('does not change the text: copy, search and speech see the original', () => {
    const html = '<p>用iPhone拍摄<b>Pro</b>模式，<a href="#">Apple</a>官方数据2024年。</p><p>第二段English</p>';
    const el = body(html);
    const before = el.textContent;
    insertCjkSpacing(el);
    expect(el.textContent).toBe(before);
    expect(el.querySelectorAll(`.${SPACER_CLASS}`).length).toBeGreaterThan(0);
    for (const s of Array.from(el.querySelectorAll(`.${SPACER_CLASS}`))) {
      expect(s.textContent).toBe('');
      expect(s.getAttribute('aria-hidden')).toBe('true');
    }
  });

  it('spaces across element boundaries inside one paragraph, not across paragraphs', () => {
    const el = body('<p>用<b>iPhone</b>拍</p><p>中文</p><p>English</p>');
    insertCjkSpacing(el);
    expect(gaps(el)).toBe('用|iPhone|拍中文English');
  });

  it('leaves code, existing spaces and punctuation alone', () => {
    const el = body('<p>运行<code>npm i</code>命令</p><pre>中文abc</pre><p>中文 abc，（ABC）。</p>');
    insertCjkSpacing(el);
    expect(gaps(el)).toBe('运行npm i命令中文abc中文 abc，（ABC）。');
  });

  it('treats kana like Han', () => {
    const el = body('<p>これはiPhoneです</p>');
    insertCjkSpacing(el);
    expect(gaps(el)).toBe('これは|iPhone|です');
  });

  it('is undone exactly, keeping the original text nodes', () => {
    const html = '<p>苹果<b>iPhone</b>发布A18芯片</p><ul><li>第1项</li></ul>';
    const el = body(html);
    const first = el.querySelector('p')!.firstChild!;
    const undo = insertCjkSpacing(el);
    expect(el.innerHTML).not.toBe(html);
    undo();
    expect(el.innerHTML).toBe(html);
    // The same node, joined back: other decorations that hold it (the Chinese converter) still work.
    expect(el.querySelector('p')!.firstChild).toBe(first);
    expect(el.querySelector('p')!.childNodes).toHaveLength(3);
  });
});

describe('supportsTextAutospace', () => {
  it('asks CSS.supports, and says no without it', () => {
    expect(supportsTextAutospace(null)).toBe(false);
    expect(
      supportsTextAutospace({ CSS: { supports: (p: string, v: string) => p === 'text-autospace' && v === 'normal' } } as unknown as Window),
    ).toBe(true);
    expect(supportsTextAutospace({ CSS: { supports: () => false } } as unknown as Window)).toBe(false);
  });
});
