import { describe, expect, it } from 'vitest';
import { detect } from '../../src/core/detect';
import { quickCheck } from '../../src/core/detect-lite';
import { fixtureNames, loadPage, pageFromHtml } from '../helpers/fixtures';

describe('detect on the fixture pages', () => {
  for (const name of fixtureNames('rendered')) {
    it(`article: ${name}`, () => {
      const { doc } = loadPage(`rendered/${name}`);
      expect(quickCheck(doc)).toBe(true);
      const d = detect(doc);
      expect(d).toMatchObject({ kind: 'article', detected: true, theme: 'volantis' });
      expect(d.signals).toContain('article-root');
    });
  }
  for (const name of fixtureNames('listing')) {
    it(`listing: ${name}`, () => {
      const { doc } = loadPage(`listing/${name}`);
      const d = detect(doc);
      expect(d.detected).toBe(false);
      expect(d.kind).toBe('listing');
    });
  }
});

describe('detect on other pages', () => {
  it('leaves a plain page alone, and the quick check already says no', () => {
    const { doc } = pageFromHtml('<html><head><title>x</title></head><body><article><h1>Hi</h1><p>text</p></article></body></html>');
    expect(quickCheck(doc)).toBe(false);
    expect(detect(doc)).toMatchObject({ kind: 'none', detected: false });
  });

  it('does not take an ordinary Volantis blog post for a proxied-news article', () => {
    const html = `<html><head hexo-theme="https://github.com/volantis-x/hexo-theme-volantis/tree/4.3.1"></head><body>
      <article id="post" class="article post"><div class="article-meta" id="top"><h1 class="title">My trip</h1>
      <div class="new-meta-box"><div class="new-meta-item category"><a class="category-link" href="/categories/travel/">travel</a></div></div></div>
      <div><p>We went to the sea.</p><img src="/img/sea.jpg"></div></article></body></html>`;
    const { doc } = pageFromHtml(html);
    expect(quickCheck(doc)).toBe(true);
    expect(detect(doc)).toMatchObject({ kind: 'none', detected: false, theme: 'volantis' });
  });

  it('never throws on odd documents', () => {
    const { doc } = pageFromHtml('<frameset><frame src="a.html"></frameset>');
    expect(detect(doc).detected).toBe(false);
    const xml = new (loadPage('rendered/picsum-placeholder-cover.html').win as Window & typeof globalThis).DOMParser().parseFromString(
      '<root><a/></root>',
      'application/xml',
    );
    expect(() => detect(xml)).not.toThrow();
    expect(detect(xml).detected).toBe(false);
  });
});

describe('detect on pages rendered with Hexo + NexT (scripts/render-next.mjs)', () => {
  for (const name of fixtureNames('next').filter((n) => !n.startsWith('listing'))) {
    it(`article: next/${name}`, () => {
      const { doc } = loadPage(`next/${name}`);
      expect(quickCheck(doc)).toBe(true);
      expect(detect(doc)).toMatchObject({ kind: 'article', detected: true, theme: 'next' });
    });
  }
  it('the NexT home page, ten articles with h2 titles, is a listing', () => {
    const { doc } = loadPage('next/listing-home.html', 'https://news.zfe.space/');
    expect(detect(doc)).toMatchObject({ kind: 'listing', detected: false, theme: 'next' });
  });
});
