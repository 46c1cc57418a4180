// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyToClipboard, execCommandCopy } from '../../src/ui/clipboard';
import { htmlToText } from '../../src/ui/copy-formats';
import { articleLang, bylineHasLabel, formatDate, hostOf, safeHref } from '../../src/ui/format';
import { prepareArticleHtml } from '../../src/ui/article-html';
import { getMessageFrom, loadMessages, LOCALES } from '../helpers/ui-browser-stub';

/** Captures what a `copy` event handler puts on the clipboard, standing in for the browser. */
function fakeExecCommand(result = true) {
  const data = new Map<string, string>();
  const exec = vi.fn((command: string) => {
    if (command !== 'copy') return false;
    const event = new Event('copy', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(event, 'clipboardData', { value: { setData: (t: string, v: string) => data.set(t, v) } });
    document.activeElement?.dispatchEvent(event);
    return result;
  });
  Object.defineProperty(document, 'execCommand', { value: exec, configurable: true });
  return { data, exec };
}

function setClipboard(value: unknown): void {
  Object.defineProperty(navigator, 'clipboard', { value, configurable: true });
}

afterEach(() => {
  setClipboard(undefined);
  delete (window as { ClipboardItem?: unknown }).ClipboardItem;
});

describe('copyToClipboard', () => {
  it('writes HTML as a ClipboardItem holding text/html and text/plain', async () => {
    const items: Array<Record<string, Blob>> = [];
    class Item {
      constructor(readonly types: Record<string, Blob>) {
        items.push(types);
      }
    }
    (window as { ClipboardItem?: unknown }).ClipboardItem = Item;
    const write = vi.fn(async () => undefined);
    setClipboard({ write, writeText: vi.fn() });
    expect(await copyToClipboard({ text: 'plain', html: '<p>rich</p>' })).toBe('clipboard-api');
    expect(write).toHaveBeenCalledTimes(1);
    expect(Object.keys(items[0]!).sort()).toEqual(['text/html', 'text/plain']);
    expect(await items[0]!['text/html']!.text()).toBe('<p>rich</p>');
    expect(await items[0]!['text/plain']!.text()).toBe('plain');
  });

  it('writes text and Markdown with writeText', async () => {
    const writeText = vi.fn(async () => undefined);
    setClipboard({ writeText });
    expect(await copyToClipboard({ text: '# md' })).toBe('clipboard-api');
    expect(writeText).toHaveBeenCalledWith('# md');
  });

  it('falls back to execCommand when the Clipboard API refuses, keeping both flavours', async () => {
    (window as { ClipboardItem?: unknown }).ClipboardItem = class {};
    setClipboard({ write: vi.fn(async () => Promise.reject(new DOMException('Document is not focused.', 'NotAllowedError'))) });
    const { data, exec } = fakeExecCommand();
    expect(await copyToClipboard({ text: 'plain', html: '<p>rich</p>' })).toBe('exec-command');
    expect(exec).toHaveBeenCalledWith('copy');
    expect(Object.fromEntries(data)).toEqual({ 'text/plain': 'plain', 'text/html': '<p>rich</p>' });
    // The helper textarea is gone again.
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('falls back when there is no Clipboard API at all, and rethrows when both paths fail', async () => {
    setClipboard(undefined);
    fakeExecCommand(true);
    expect(await copyToClipboard({ text: 'x' })).toBe('exec-command');
    fakeExecCommand(false);
    await expect(copyToClipboard({ text: 'x' })).rejects.toThrow(/unavailable/);
  });

  it('restores focus after the textarea fallback', () => {
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    fakeExecCommand(true);
    expect(execCommandCopy({ text: 'x' })).toBe(true);
    expect(document.activeElement).toBe(button);
    button.remove();
  });
});

describe('htmlToText', () => {
  it('keeps paragraphs, list items, table rows and line breaks apart', () => {
    expect(htmlToText('<p>一 <b>二</b></p><ul><li>a</li><li>b</li></ul><p>x<br>y</p>')).toBe('一 二\n\na\nb\n\nx\ny');
    expect(htmlToText('<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>')).toBe('a\tb\nc\td');
  });
  it('keeps preformatted text as written', () => {
    expect(htmlToText('<pre><code>if (a) {\n  b();\n}</code></pre>')).toBe('if (a) {\n  b();\n}');
  });
});

describe('prepareArticleHtml', () => {
  it('adds no-referrer to media and opens links outside, changing nothing else', () => {
    const out = prepareArticleHtml('<p><img src="http://a/b.jpg" alt="x"> <a href="https://c/">c</a></p>');
    const doc = new DOMParser().parseFromString(out, 'text/html');
    const img = doc.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('http://a/b.jpg');
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
    const a = doc.querySelector('a')!;
    expect([a.getAttribute('target'), a.getAttribute('rel')]).toEqual(['_blank', 'noopener noreferrer']);
    expect(doc.body.textContent).toBe(' c');
  });
});

describe('bylineHasLabel', () => {
  it.each([
    'By Jane Doe',
    'by jane',
    'BY: Jane',
    'By:Jane',
    'Written by Jane Doe',
    'Posted by admin',
    '作者：张三',
    '作者 張三',
    '文/李四',
    '文｜李四',
    '记者 王五',
    '記者王五',
    '编辑：赵六',
  ])('%s says it is a byline', (byline) => expect(bylineHasLabel(byline)).toBe(true));
  it.each(['Jane Doe', 'Byron Smith', 'Bygrave, Anna', 'Ada Keeper', '张三', '文学院', 'By'])('%s does not', (byline) =>
    expect(bylineHasLabel(byline)).toBe(false),
  );
});

describe('format', () => {
  it('formats a calendar day in the UI language without shifting it by time zone', () => {
    expect(formatDate({ date: '2021-08-31', raw: '' }, 'en-US')).toBe('Aug 31, 2021');
    expect(formatDate({ date: '2021-08-31', raw: '' }, 'zh-CN')).toBe('2021年8月31日');
    // A Traditional Chinese browser (zh_TW strings) writes the day the same way; Hong Kong's zh-HK too.
    expect(formatDate({ date: '2021-08-31', raw: '' }, 'zh-TW')).toBe('2021年8月31日');
    expect(formatDate({ date: '2021-08-31', raw: '' }, 'zh-HK')).toBe('2021年8月31日');
    expect(formatDate({ date: null, raw: 'Invalid Date' }, 'en')).toBeNull();
  });
  it('only lets http(s) addresses become links', () => {
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('https://x.org/a')).toBe('https://x.org/a');
    expect(hostOf('https://www.ofweek.com/x')).toBe('ofweek.com');
  });
  it('tells Japanese, Chinese and English text apart', () => {
    const counts = (cjk: number, words: number) => ({ chars: 0, cjk, words, readingMinutes: 1 });
    expect(articleLang({ text: 'これはテストです日本', counts: counts(10, 0) })).toBe('ja');
    expect(articleLang({ text: '小米の新品发布会今天举行', counts: counts(200, 3) })).toBe('zh-CN');
    expect(articleLang({ text: 'Hello world', counts: counts(0, 2) })).toBe('en');
  });
});

describe('UI strings', () => {
  const sources = ['src/ui', 'src/popup', 'src/popup/components', 'src/reader'].flatMap((dir) =>
    readdirSync(resolve(dir))
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => readFileSync(join(resolve(dir), f), 'utf8')),
  );
  const used = new Set<string>();
  for (const src of sources) {
    for (const m of src.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) used.add(m[1]!);
    // `t(\`popup_copied_${format}\`)`: one key per copy format.
    if (src.includes('t(`popup_copied_${format}`)')) for (const f of ['text', 'markdown', 'html']) used.add(`popup_copied_${f}`);
  }

  it.each(LOCALES)('every key the UI uses exists in %s, placeholders filled', (lang) => {
    expect(used.size).toBeGreaterThan(30);
    const messages = loadMessages(lang);
    const get = getMessageFrom(messages);
    const missing = [...used].filter((k) => !messages[k]);
    expect(missing).toEqual([]);
    for (const key of used) expect(get(key, ['1', '2'])).not.toMatch(/\$[A-Z_]+\$/);
  });
});
