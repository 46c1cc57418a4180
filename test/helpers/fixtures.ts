// Loading the curated fixture pages (see test/fixtures/SOURCES.md) as jsdom documents. Each fixture is named by
// what it tests; ORIGINS says which corpus file it is (or was rendered from), which keys its reviewed expectation.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/**
 * Fixture → the corpus file it is a copy of (rendered/, posts/, listing/) or that NexT rendered (next/), relative to
 * shared/corpus. test/corpus-expected keeps the corpus's names: `rendered/p/44d7.html` → `rendered/44d7.json`.
 */
export const ORIGINS: Readonly<Record<string, string>> = {
  'rendered/3dm-youku-iframe.html': 'rendered/p/ac88.html',
  'rendered/dribbble-escaped-widget.html': 'rendered/p/42b2.html',
  'rendered/guokr-escaped-body.html': 'rendered/p/86d3.html',
  'rendered/iplaysoft-keyword-links.html': 'rendered/p/2533.html',
  'rendered/ithome-article-links-kept.html': 'rendered/p/dcff.html',
  'rendered/ithome-tag-links.html': 'rendered/p/44d7.html',
  'rendered/picsum-placeholder-cover.html': 'rendered/p/101.html',
  'rendered/pmcaff-largest-page.html': 'rendered/p/f342.html',
  'rendered/sanjie-proxied-images.html': 'rendered/p/1959.html',
  'rendered/stcn-stock-links.html': 'rendered/p/be94.html',
  'rendered/wef-english-stray-div.html': 'rendered/p/7a51.html',
  'rendered/xueqiu-pdf-link-kept.html': 'rendered/p/16d8.html',
  'rendered/xueqiu-topic-link.html': 'rendered/p/3613.html',
  'rendered/yystv-lazy-original.html': 'rendered/p/72b5.html',
  'posts/3dm-game-name-link.md': 'posts/024.md',
  'posts/axis-stray-plus.md': 'posts/082.md',
  'posts/bing-image-only.md': 'posts/054.md',
  'posts/blur-vimeo-iframe.md': 'posts/074.md',
  'posts/cnbeta-affiliate-keywords.md': 'posts/012.md',
  'posts/eventernote-japanese-lines.md': 'posts/103.md',
  'posts/facebook-video-traditional.md': 'posts/076.md',
  'posts/ithome-tag-links.md': 'posts/005.md',
  'posts/jinse-invalid-date.md': 'posts/016.md',
  'posts/juejin-code-brace-escapes.md': 'posts/038.md',
  'posts/latex-broken-style-quotes.md': 'posts/083.md',
  'posts/mydrivers-hash-tags.md': 'posts/032.md',
  'posts/ofweek-seed.md': 'seed/midea-china-mobile-5g.md',
  'posts/socialbeta-vqq-iframe.md': 'posts/093.md',
  'posts/tophub-title-only.md': 'posts/052.md',
  'next/ithome-tag-links.html': 'posts/004.md',
  'next/juejin-code-blocks.html': 'posts/038.md',
  'next/layout-table-iframe.html': 'posts/128.md',
  'next/listing-home.html': 'index.html (the NexT home page: 10 newest posts)',
  'next/ofweek-seed-lazyload-exturl.html': 'seed/midea-china-mobile-5g.md',
  'next/ofweek-seed.html': 'seed/midea-china-mobile-5g.md',
  'next/oschina-redirects-escaped-pre.html': 'posts/045.md',
  'next/zaker-lazy-original.html': 'posts/003.md',
  'listing/about-page.html': 'rendered/listing/about__index.html',
  'listing/category-page.html': 'rendered/listing/category-1.html',
  'listing/home.html': 'rendered/listing/index.html',
};

/** The key of a fixture's reviewed expectation in test/corpus-expected (e.g. `rendered/44d7.json`), or null. */
export function expectationKey(rel: string): string | null {
  const origin = ORIGINS[rel];
  const m = origin?.match(/^(?:rendered\/p\/([\w-]+)\.html|posts\/([\w-]+)\.md|seed\/([\w-]+)\.md)$/);
  if (!m) return null;
  return m[1] ? `rendered/${m[1]}.json` : `posts/${m[2] ?? m[3]}.json`;
}

export function fixtureText(rel: string): string {
  return readFileSync(join(FIXTURES, rel), 'utf8');
}

export function fixtureNames(dir: string, ext = '.html'): string[] {
  return readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith(ext))
    .sort();
}

/** A document as the browser would build it (no scripts run), at a news.zfe.space address. */
export function loadPage(rel: string, url = `https://news.zfe.space/p/${rel.split('/').pop()}`): { doc: Document; win: Window } {
  const dom = new JSDOM(fixtureText(rel), { url, contentType: 'text/html' });
  return { doc: dom.window.document, win: dom.window as unknown as Window };
}

export function pageFromHtml(html: string, url = 'https://news.zfe.space/p/test.html'): { doc: Document; win: Window } {
  const dom = new JSDOM(html, { url, contentType: 'text/html' });
  return { doc: dom.window.document, win: dom.window as unknown as Window };
}
