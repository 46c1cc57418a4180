// @vitest-environment jsdom
// The 简/繁 converter remembers its answers (chinese-convert.ts memoized): drawing the article's display again after a
// highlight converts only the text it has not met, the answers are the converter's own, and the memory is bounded.
import { describe, expect, it, vi } from 'vitest';
import { convertTextNodes, loadConverter, memoized } from '../../src/reader/chinese-convert';

describe('memoized converter', () => {
  it('answers as the converter does, asking it once per text', () => {
    const raw = vi.fn((s: string) => s.replace(/这/g, '這'));
    const convert = memoized(raw);
    expect([convert('这是'), convert('这是'), convert('那是'), convert('这是')]).toEqual(['這是', '這是', '那是', '這是']);
    expect(raw.mock.calls.map((c) => c[0])).toEqual(['这是', '那是']);
  });

  it('forgets everything past its limit, and still answers right', () => {
    const raw = vi.fn((s: string) => s.toUpperCase());
    const convert = memoized(raw, 6);
    convert('abc');
    convert('def'); // 6 characters remembered
    convert('ghi'); // past the limit: forgotten, then remembered alone
    expect(convert('abc')).toBe('ABC');
    expect(convert('ghi')).toBe('GHI');
    expect(raw.mock.calls.map((c) => c[0])).toEqual(['abc', 'def', 'ghi', 'abc']);
  });

  it('a second drawing of an article converts only the text nodes a highlight split', () => {
    const body = document.createElement('div');
    body.innerHTML = '<p>这是第一段。</p><p>这是第二段，很长的一段。</p><p>这是第三段。</p>';
    const raw = vi.fn((s: string) => s.replace(/这/g, '這').replace(/长/g, '長'));
    const convert = memoized(raw);
    const undo = convertTextNodes(body, convert);
    expect(body.textContent).toBe('這是第一段。這是第二段，很長的一段。這是第三段。');
    undo();
    expect(raw).toHaveBeenCalledTimes(3);
    // A highlight splits the second paragraph's text in three (as applyMarks does); the other two are met again as they were.
    body.querySelectorAll('p')[1]!.innerHTML = '这是第<mark>二段，</mark>很长的一段。';
    const again = convertTextNodes(body, convert);
    expect(body.textContent).toBe('這是第一段。這是第二段，很長的一段。這是第三段。');
    again();
    expect(raw.mock.calls.slice(3).map((c) => c[0])).toEqual(['这是第', '二段，', '很长的一段。']);
  });

  it('the loaded OpenCC converter is remembered and converts as before', async () => {
    const toTraditional = await loadConverter('traditional');
    expect(toTraditional('这是简体中文的信息')).toBe('這是簡體中文的信息');
    expect(toTraditional('这是简体中文的信息')).toBe('這是簡體中文的信息');
    const toSimplified = await loadConverter('simplified');
    expect(toSimplified('這是繁體中文')).toBe('这是繁体中文');
  });
});
