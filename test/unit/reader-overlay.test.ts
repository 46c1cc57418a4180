// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../src/core/types';

vi.mock('webextension-polyfill', async () => {
  const { uiBrowserStub } = await import('../helpers/ui-browser-stub');
  return { default: uiBrowserStub('en') };
});

const { openReader, READER_TAG } = await import('../../src/reader/overlay');
const { imageCandidates } = await import('../../src/core/media');

function article(overrides: Partial<Article> = {}): Article {
  return {
    kind: 'article',
    url: 'https://news.zfe.space/p/86d3.html',
    theme: 'volantis',
    title: '辞职去买个小岛！',
    categories: ['新媒体', 'IT之家', '新闻'],
    feed: 'IT之家',
    published: { date: '2022-09-15', raw: '2022年9月15日' },
    cover: { url: 'http://img.ithome.com/cover.jpg', placeholder: false, proxied: true, original: null },
    images: [],
    videos: [],
    topics: [
      { text: 'iPad', href: 'https://ipad.ithome.com/', kind: 'ithome-s_tag' },
      { text: '苹果', href: 'https://www.ithome.com/tag/apple', kind: 'ithome-s_tag' },
    ],
    links: [],
    html: '<p>第一段。</p><p><img src="http://img.ithome.com/a.jpg" alt="a"></p><pre><code>x = 1</code></pre>',
    markdown: '第一段。',
    text: '第一段。 x = 1',
    counts: { chars: 9, cjk: 4, words: 2, readingMinutes: 1 },
    origin: 'https://www.ithome.com',
    unescaped: false,
    notes: [],
    ...overrides,
  };
}

const PAGE =
  '<main><article id="post"><h1>Page title</h1><p>Page body <a href="/x">link</a></p></article><button id="opener">Reader</button></main>';

function shadowOf(host: HTMLElement): ShadowRoot {
  if (!host.shadowRoot) throw new Error('reader host has no open shadow root');
  return host.shadowRoot;
}

describe('openReader', () => {
  beforeEach(() => {
    document.documentElement.removeAttribute('style');
    document.body.innerHTML = PAGE; // test page setup, not extension code
  });
  afterEach(() => {
    for (const el of Array.from(document.querySelectorAll(READER_TAG))) el.remove();
  });

  it('attaches its host to <html>, outside the article, and leaves the article markup as it was', () => {
    const before = document.getElementById('post')!.outerHTML;
    const handle = openReader(article(), document);
    expect(handle.host.parentElement).toBe(document.documentElement);
    expect(handle.host.localName).toBe(READER_TAG);
    expect(document.getElementById('post')!.outerHTML).toBe(before);
    handle.close();
    expect(document.querySelector(READER_TAG)).toBeNull();
    expect(document.getElementById('post')!.outerHTML).toBe(before);
  });

  it('renders metadata, topics as links, the sanitized body, and the cover', () => {
    const handle = openReader(article(), document);
    const root = shadowOf(handle.host);
    expect(root.querySelector('[data-testid=title]')?.textContent).toBe('辞职去买个小岛！');
    expect(Array.from(root.querySelectorAll('[data-testid=categories] li')).map((li) => li.textContent)).toEqual([
      '新媒体',
      'IT之家',
      '新闻',
    ]);
    const chips = Array.from(root.querySelectorAll<HTMLAnchorElement>('[data-testid=topics] a'));
    expect(chips.map((a) => [a.textContent, a.getAttribute('href'), a.target])).toEqual([
      ['iPad', 'https://ipad.ithome.com/', '_blank'],
      ['苹果', 'https://www.ithome.com/tag/apple', '_blank'],
    ]);
    expect(root.querySelector('[data-testid=origin] a')?.textContent).toBe('ithome.com');
    expect(root.querySelector('[data-testid=reading-time]')?.textContent).toBe('1 min read');
    const body = root.querySelector('[data-testid=reader-body]')!;
    expect(body.querySelector('pre code')?.textContent).toBe('x = 1');
    const img = body.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('http://img.ithome.com/a.jpg');
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(root.querySelector('[data-testid=reader-cover] img')?.getAttribute('src')).toBe('http://img.ithome.com/cover.jpg');
    expect(root.querySelector('[role=dialog]')?.getAttribute('aria-labelledby')).toBe(root.querySelector('[data-testid=title]')?.id);
    handle.close();
  });

  it('leaves the cover out when the body already shows that image', () => {
    const url = 'http://img.ithome.com/cover.jpg';
    const handle = openReader(
      article({
        images: [{ kind: 'image', url, proxied: false, original: null, alt: '', poster: null }],
        html: `<p><img src="${url}"></p>`,
      }),
      document,
    );
    expect(shadowOf(handle.host).querySelector('[data-testid=reader-cover]')).toBeNull();
    expect(shadowOf(handle.host).querySelectorAll('img')).toHaveLength(1);
    handle.close();
  });

  it('hides a placeholder cover', () => {
    const handle = openReader(
      article({ cover: { url: 'https://picsum.photos/400/300?random=3', placeholder: true, proxied: false, original: null } }),
      document,
    );
    expect(shadowOf(handle.host).querySelector('[data-testid=reader-cover]')).toBeNull();
    handle.close();
  });

  it('gets its styles in through the shadow root, not the page', () => {
    const handle = openReader(article(), document);
    const root = shadowOf(handle.host);
    const route = handle.host.dataset.styles;
    if (route === 'adopted') expect(root.adoptedStyleSheets).toHaveLength(1);
    else expect(root.querySelector('style')).not.toBeNull();
    expect(document.head.querySelector('style')).toBeNull();
    expect(handle.host.style.getPropertyValue('position')).toBe('fixed');
    handle.close();
  });

  it.each([
    ['absent', null],
    ['present', 'color: red;margin:0'],
    ['with overflow', 'overflow:scroll'],
  ])('locks page scrolling and restores the <html> style attribute exactly (%s)', (_name, value) => {
    const html = document.documentElement;
    if (value === null) html.removeAttribute('style');
    else html.setAttribute('style', value);
    const handle = openReader(article(), document);
    expect(html.style.getPropertyValue('overflow')).toBe('hidden');
    handle.close();
    expect(html.getAttribute('style')).toBe(value);
  });

  it('moves focus into the dialog once it is painted, and back to the opener on close', async () => {
    const opener = document.getElementById('opener') as HTMLButtonElement;
    opener.focus();
    expect(document.activeElement).toBe(opener);
    const handle = openReader(article(), document);
    const root = shadowOf(handle.host);
    // Not inside the opening's task: focusing there laid out the whole reader (and the page) at once.
    expect(root.activeElement).toBeNull();
    // The scroller inside the dialog, so Space and PageDown scroll the article.
    await vi.waitFor(() => expect(root.activeElement).toBe(root.querySelector('[data-testid=reader-scroller]')));
    expect(root.activeElement?.closest('[role=dialog]')).not.toBeNull();
    expect(document.activeElement).toBe(handle.host);
    handle.close();
    expect(document.activeElement).toBe(opener);
  });

  it('closes on Esc and on its close button, calling onClose once each time', () => {
    const onClose = vi.fn();
    const first = openReader(article(), document, { onClose });
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(first.host.isConnected).toBe(false);
    expect(onClose).toHaveBeenCalledTimes(1);
    first.close();
    expect(onClose).toHaveBeenCalledTimes(1);

    const second = openReader(article(), document, { onClose });
    shadowOf(second.host).querySelector<HTMLButtonElement>('[data-action=close-reader]')!.click();
    expect(second.host.isConnected).toBe(false);
    expect(onClose).toHaveBeenCalledTimes(2);
    // Esc after closing no longer reaches a listener.
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it("keeps the reader's keys from the page's own shortcuts", () => {
    const pageKeys = vi.fn();
    document.addEventListener('keydown', pageKeys);
    const handle = openReader(article(), document);
    const scroller = shadowOf(handle.host).querySelector('[data-testid=reader-scroller]')!;
    scroller.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, composed: true }));
    expect(pageKeys).not.toHaveBeenCalled();
    handle.close();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    expect(pageKeys).toHaveBeenCalledTimes(1);
    document.removeEventListener('keydown', pageKeys);
  });

  it('keeps Tab inside the dialog', () => {
    const handle = openReader(article(), document);
    const root = shadowOf(handle.host);
    // The toolbar's first button starts the dialog's tab order; the body's last link ends it.
    const first = root.querySelector<HTMLButtonElement>('.pnr-toolbar button')!;
    expect(first.dataset.action).toBe('appearance');
    const links = root.querySelectorAll<HTMLElement>('a[href]');
    const last = links[links.length - 1]!;
    last.focus();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }));
    expect(root.activeElement).toBe(first);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, cancelable: true }));
    expect(root.activeElement).toBe(last);
    handle.close();
  });

  it('walks an image through imageCandidates on each load error, then marks it failed', () => {
    const handle = openReader(article(), document);
    const img = shadowOf(handle.host).querySelector<HTMLImageElement>('[data-testid=reader-body] img')!;
    const written = img.getAttribute('src')!;
    const chain = imageCandidates(written);
    expect(chain.length).toBeGreaterThan(1);
    const seen = [written];
    for (let i = 0; i < chain.length + 1; i++) {
      img.dispatchEvent(new Event('error'));
      seen.push(img.getAttribute('src')!);
    }
    // Every candidate other than the one already shown is tried once, in order.
    expect(seen.slice(1, chain.length)).toEqual(chain.filter((c) => c !== written));
    expect(img.hasAttribute('data-pnr-failed')).toBe(true);
    handle.close();
  });
});
