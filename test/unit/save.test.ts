// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Article } from '../../src/core/types';
import { buildHtmlFile, buildMarkdownFile, downloadFile, fileBaseName, frontMatter, yamlString } from '../../src/ui/save';

function article(overrides: Partial<Article> = {}): Article {
  return {
    kind: 'article',
    url: 'https://news.zfe.space/p/86d3.html',
    theme: 'volantis',
    title: '美的集团与中国移动签署战略合作框架协议',
    categories: ['新媒体', '高科技行业门户', '新闻'],
    feed: '高科技行业门户',
    published: { date: '2021-08-31', raw: 'Tue, 31 Aug 2021 08:31:00 GMT' },
    cover: { url: 'http://images.ofweek.com/cover.jpg', placeholder: false, proxied: true, original: null },
    images: [],
    videos: [],
    topics: [
      { text: '移动通信', href: 'https://tele.ofweek.com/tag-1.HTM', kind: 'ofweek-hrefStyle' },
      { text: '5G', href: 'javascript:alert(1)', kind: 'x' },
    ],
    links: [],
    html: '<p>第一段 <b>粗体</b>。</p><p><a href="https://example.com/x">link</a></p><p><img src="http://images.ofweek.com/a.jpg" alt="a"></p>',
    markdown: '第一段 **粗体**。\n\n[link](https://example.com/x)',
    text: '第一段 粗体。 link',
    counts: { chars: 10, cjk: 6, words: 1, readingMinutes: 1 },
    origin: 'https://www.ofweek.com',
    unescaped: false,
    notes: [],
    ...overrides,
  };
}

const NASTY = 'He said: "hi" # not a comment\n---\nkey: value \\ back\u2028slash \'quoted\' & <b>';

function splitFrontMatter(md: string): { yaml: string; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(md);
  if (!m) throw new Error('no front matter');
  return { yaml: m[1]!, body: m[2]! };
}

describe('buildMarkdownFile', () => {
  it('writes YAML front matter a YAML parser reads back exactly, then the body', () => {
    const a = article();
    const file = buildMarkdownFile(a);
    expect(file.name).toBe('美的集团与中国移动签署战略合作框架协议.md');
    expect(file.mime).toMatch(/^text\/markdown/);
    const { yaml, body } = splitFrontMatter(file.content);
    expect(parseYaml(yaml)).toEqual({
      title: a.title,
      categories: a.categories,
      date: '2021-08-31',
      source: a.url,
      origin: a.origin,
      feed: a.feed,
      cover: a.cover!.url,
      topics: ['移动通信', '5G'],
    });
    expect(body.trim()).toBe(a.markdown);
  });

  it('keeps hostile strings inside their values (quotes, #, newlines, ---, backslashes, U+2028)', () => {
    const a = article({
      title: NASTY,
      categories: [NASTY, '- item', 'null', 'true', '1e3'],
      topics: [{ text: ': x', href: '', kind: 'k' }],
    });
    const { yaml } = splitFrontMatter(buildMarkdownFile(a).content);
    // The front matter cannot be closed early: no line of it is a bare ---.
    expect(yaml.split('\n')).not.toContain('---');
    const data = parseYaml(yaml) as Record<string, unknown>;
    expect(data.title).toBe(NASTY);
    // Strings that look like other YAML types stay strings.
    expect(data.categories).toEqual([NASTY, '- item', 'null', 'true', '1e3']);
    expect(data.topics).toEqual([': x']);
  });

  it('leaves out a placeholder cover and a missing date; empty lists stay lists', () => {
    const a = article({
      cover: { url: 'https://picsum.photos/400/300?random=7', placeholder: true, proxied: false, original: null },
      published: null,
      topics: [],
      categories: [],
      origin: null,
      feed: null,
    });
    const data = parseYaml(splitFrontMatter(buildMarkdownFile(a).content).yaml) as Record<string, unknown>;
    expect(data).toEqual({ title: a.title, categories: [], source: a.url, topics: [] });
  });

  it('quotes every string value', () => {
    expect(frontMatter(article())).toMatch(/^date: "2021-08-31"$/m);
    expect(yamlString('a\u2029b')).toBe('"a\\u2029b"');
  });
});

describe('fileBaseName', () => {
  it('strips characters no file system accepts, and leading dots', () => {
    expect(fileBaseName('a/b\\c:d*e?f"g<h>i|j')).toBe('a b c d e f g h i j');
    expect(fileBaseName('..hidden.')).toBe('hidden');
    expect(fileBaseName('line\nbreak\ttab')).toBe('line break tab');
    expect(fileBaseName('   ')).toBe('article');
    expect(fileBaseName('///')).toBe('article');
  });

  it('caps the length by characters, not code units', () => {
    const name = fileBaseName('长'.repeat(200));
    expect(Array.from(name)).toHaveLength(80);
    expect(fileBaseName('😀'.repeat(100))).toBe('😀'.repeat(80));
  });
});

describe('buildHtmlFile', () => {
  const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

  it('is a standalone document with the metadata header and the body', () => {
    const a = article();
    const file = buildHtmlFile(a, new Date('2024-01-02T03:04:05Z'));
    expect(file.name).toBe(`${a.title}.html`);
    expect(file.content.startsWith('<!doctype html>')).toBe(true);
    const doc = parse(file.content);
    expect(doc.documentElement.lang).toBe('zh-CN');
    expect(doc.title).toBe(a.title);
    expect(doc.querySelector('h1')?.textContent).toBe(a.title);
    expect(doc.querySelector('.cats')?.textContent).toBe('新媒体 / 高科技行业门户 / 新闻');
    expect(doc.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(a.url);
    expect(doc.querySelector('article b')?.textContent).toBe('粗体');
    expect(doc.querySelector('article img[src="http://images.ofweek.com/a.jpg"]')?.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(doc.querySelector('meta[name=date]')?.getAttribute('content')).toBe('2024-01-02T03:04:05.000Z');
    // A print style is part of the file.
    expect(doc.querySelector('style')?.textContent).toContain('@media print');
  });

  it('forbids scripts in the file itself', () => {
    const doc = parse(buildHtmlFile(article()).content);
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/script-src/);
  });

  it('escapes every article field: nothing breaks out of its element or attribute', () => {
    const evil = '</title><script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    const a = article({
      title: evil,
      categories: [evil],
      feed: evil,
      url: `https://news.zfe.space/p/1.html?q="><script>alert(3)</script>`,
      published: { date: '"><script>alert(4)</script>', raw: '' },
      topics: [{ text: evil, href: 'https://x.test/"><script>alert(5)</script>', kind: 'k' }],
    });
    const html = buildHtmlFile(a).content;
    const doc = parse(html);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelectorAll('[onerror]')).toHaveLength(0);
    expect(doc.title).toBe(evil);
    expect(doc.querySelector('h1')?.textContent).toBe(evil);
    expect(doc.querySelector('.cats')?.textContent).toBe(evil);
    expect(doc.querySelector('.topics a')?.textContent).toBe(evil);
    expect(doc.querySelector('time')?.getAttribute('datetime')).toBe('"><script>alert(4)</script>');
  });

  it('links only http(s) addresses', () => {
    const doc = parse(buildHtmlFile(article()).content);
    const hrefs = Array.from(doc.querySelectorAll('a[href]'), (x) => x.getAttribute('href'));
    expect(hrefs.every((h) => /^https?:/.test(h!))).toBe(true);
    // The javascript: topic keeps its text, without a link.
    const topic = Array.from(doc.querySelectorAll('.topics li')).find((li) => li.textContent === '5G')!;
    expect(topic.querySelector('a')).toBeNull();
  });

  it('shows the cover only when the body does not already show it', () => {
    const withCover = parse(buildHtmlFile(article()).content);
    expect(withCover.querySelector('figure img')?.getAttribute('src')).toBe('http://images.ofweek.com/cover.jpg');
    const url = 'http://images.ofweek.com/a.jpg';
    const dup = parse(
      buildHtmlFile(
        article({
          cover: { url, placeholder: false, proxied: false, original: null },
          images: [{ kind: 'image', url, proxied: false, original: null, alt: '', poster: null }],
        }),
      ).content,
    );
    expect(dup.querySelectorAll(`img[src="${url}"]`)).toHaveLength(1);
  });
});

describe('downloadFile', () => {
  it('clicks a temporary <a download> on a Blob URL, then cleans up', () => {
    const urls: Blob[] = [];
    const create = vi.fn((blob: Blob) => {
      urls.push(blob);
      return 'blob:test/1';
    });
    const revoke = vi.fn();
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    vi.useFakeTimers();
    const clicked: HTMLAnchorElement[] = [];
    const onClick = (e: Event) => {
      clicked.push(e.target as HTMLAnchorElement);
      e.preventDefault(); // jsdom would try to navigate
    };
    document.addEventListener('click', onClick);
    const parent = document.createElement('div');
    document.body.append(parent);
    downloadFile({ name: 'a.md', mime: 'text/markdown', content: '# hi' }, document, parent);
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe('a.md');
    expect(clicked[0]!.getAttribute('href')).toBe('blob:test/1');
    expect(urls[0]!.type).toBe('text/markdown');
    expect(parent.childNodes).toHaveLength(0);
    expect(revoke).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(revoke).toHaveBeenCalledWith('blob:test/1');
    vi.useRealTimers();
    document.removeEventListener('click', onClick);
  });
});
