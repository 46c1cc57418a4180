// The structural reader (src/core/structural.ts) on small pages made for one behaviour each: what a theme we
// have never seen may do. Real themes are in themes.test.ts.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/core/detect';
import { extract } from '../../src/core/extract';
import { categoriesFromLinks, findBody, findPostRoot, headFacts, titleFrom } from '../../src/core/structural';
import { pageFromHtml } from '../helpers/fixtures';

const PROXIED = 'https://cors.zfour.workers.dev/?http://img.example.cn/a.jpg';
const TEXT = '这是一篇由订阅源生成的文章。'.repeat(12);

function page(head: string, body: string) {
  return pageFromHtml(
    `<!doctype html><html><head><meta name="generator" content="Hexo 7.3.0">${head}</head><body>${body}</body></html>`,
    'https://blog.example.org/p/1.html',
  );
}

const CATS =
  '<a href="/categories/%E6%96%B0%E9%97%BB/">新闻</a> &gt; <a href="/categories/%E6%96%B0%E9%97%BB/Feed/">Feed</a> &gt; <a href="/categories/%E6%96%B0%E9%97%BB/Feed/Channel/">Channel</a>';

describe('post or listing', () => {
  it('og:type=website is a listing, even with one article holding an h1', () => {
    const { doc } = page(
      '<meta property="og:type" content="website">',
      `<article><h1>T</h1><p>${TEXT}</p><img src="${PROXIED}"></article>`,
    );
    expect(findPostRoot(doc)).toBeNull();
    expect(detect(doc)).toMatchObject({ kind: 'listing', detected: false, family: true });
  });

  it('two entries whose headings link away are a listing whatever the head says', () => {
    const entry = (n: number) => `<article><h2><a href="/p/${n}.html">Post ${n}</a></h2><p>${TEXT}</p><img src="${PROXIED}"></article>`;
    const { doc } = page('<meta property="og:type" content="article">', entry(1) + entry(2));
    expect(findPostRoot(doc)).toBeNull();
    expect(detect(doc).detected).toBe(false);
  });

  it('without metadata a post needs a title, a date and more text than links', () => {
    const links = Array.from({ length: 30 }, (_, i) => `<li><a href="/categories/c${i}/">分类名称很长很长${i}</a></li>`).join('');
    const index = page('', `<main><h1>所有分类</h1><time datetime="2022-01-01">x</time><ul>${links}</ul><img src="${PROXIED}"></main>`);
    expect(findPostRoot(index.doc)).toBeNull();
    const post = page('', `<main><h1>标题</h1><time datetime="2022-01-01">2022-01-01</time><p>${TEXT}</p><img src="${PROXIED}"></main>`);
    expect(findPostRoot(post.doc)?.localName).toBe('main');
  });

  it('of several <article>s the one holding the text is the post (prev/next cards are not)', () => {
    const card = (n: number) => `<article class="post-prev"><a href="/p/${n}.html">Neighbour ${n}</a></article>`;
    const { doc } = page(
      '<meta property="og:type" content="article">',
      `<article id="the-post"><h1>T</h1><p>${TEXT}</p></article>${card(1)}${card(2)}`,
    );
    expect(findPostRoot(doc)?.id).toBe('the-post');
  });

  it('never throws on hostile metadata: broken, huge and deeply nested JSON-LD', () => {
    let deep = '1';
    for (let i = 0; i < 200; i++) deep = `{"@graph":[${deep}]}`;
    const { doc } = page(
      `<script type="application/ld+json">{not json</script><script type="application/ld+json">${deep}</script>` +
        `<script type="application/ld+json">{"@type":"BlogPosting","headline":"${'x'.repeat(300_000)}"}</script>`,
      `<article><p>${TEXT}</p></article>`,
    );
    expect(() => headFacts(doc)).not.toThrow();
    expect(headFacts(doc).ldArticle).toBe(false);
  });
});

describe('fields', () => {
  it('JSON-LD gives the title when the page shows none, and says "post"', () => {
    const { doc } = page(
      '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"BlogPosting","headline":"来自 JSON-LD 的标题","datePublished":"2022-03-04T05:06:07Z"}]}</script>',
      `<article><p>${TEXT}</p></article>`,
    );
    const facts = headFacts(doc);
    expect(facts).toMatchObject({ ldArticle: true, title: '来自 JSON-LD 的标题', published: '2022-03-04T05:06:07Z' });
    expect(titleFrom(doc, findPostRoot(doc, facts)!, facts)).toBe('来自 JSON-LD 的标题');
  });

  it('categories are the deepest /categories/ path with each level named by its link; a sidebar tree is not the post', () => {
    const side =
      '<aside class="sidebar"><a href="/categories/%E6%B8%B8%E6%88%8F/">游戏</a><a href="/categories/%E6%B8%B8%E6%88%8F/A/B/C/">C</a></aside>';
    const { doc } = page('', `<div>${side}<article><div class="meta">${CATS}</div><p>${TEXT}</p></article></div>`);
    expect(categoriesFromLinks(doc, doc.URL)).toEqual(['新闻', 'Feed', 'Channel']);
  });

  it('the date is the published one, not an "updated" line before it', () => {
    const { doc, win } = page(
      '<meta property="og:type" content="article">',
      `<article><h1>T</h1><span>更新于 <time datetime="2023-05-05T00:00:00Z">2023-05-05</time></span>` +
        `<span>发表于 <time datetime="2021-02-03T08:00:00Z">2021-02-03</time></span><div>${CATS}</div><p>${TEXT}</p><img src="${PROXIED}"></article>`,
    );
    expect(extract(doc, { win }).published?.date).toBe('2021-02-03');
  });

  it("the blog's own og:image (logo, default banner) is never the cover; a foreign picture is", () => {
    const own = page(
      '<meta property="og:type" content="article"><meta property="og:image" content="https://blog.example.org/img/logo.png">',
      `<article><h1>T</h1><p>${TEXT}</p><img src="${PROXIED}"></article>`,
    );
    expect(extract(own.doc, { win: own.win }).cover).toBeNull();
    const foreign = page(
      '<meta property="og:type" content="article"><meta property="og:image" content="http://img.example.cn/a.jpg">',
      `<article><h1>T</h1><p>${TEXT}</p><img src="${PROXIED}"></article>`,
    );
    expect(extract(foreign.doc, { win: foreign.win }).cover?.url).toBe('http://img.example.cn/a.jpg');
  });
});

describe('the body', () => {
  it('the container the theme names as the text wins over its wrapper that also holds title and meta', () => {
    const { doc } = page(
      '',
      `<main><div class="article-content-container"><h1>T</h1><div class="article-meta">2022-01-01 · 阅读 123</div>` +
        `<div class="article-content markdown-body" id="b"><div><p>短文。</p></div></div></div></main>`,
    );
    expect(findBody(doc.querySelector('main')!).id).toBe('b');
  });

  it('unnamed: descends past title and metadata, but keeps a lead paragraph beside the rest', () => {
    const meta = page('', `<article><h1>T</h1><div>2022-01-01 · 新闻</div><div id="b"><p>${TEXT}</p><p>${TEXT}</p></div></article>`);
    expect(findBody(meta.doc.querySelector('article')!).id).toBe('b');
    const lead = page('', `<article id="a"><h1>T</h1><p>导语一句。</p><div><p>${TEXT}</p><p>${TEXT}</p></div></article>`);
    expect(findBody(lead.doc.querySelector('article')!).id).toBe('a');
  });

  it('theme chrome beside the text stays out of the article: licence, share, reward, post navigation', () => {
    const { doc, win } = page(
      '<meta property="og:type" content="article">',
      `<article><h1>标题</h1><div>${CATS}</div><div class="post-body"><div><p>${TEXT}</p><img src="${PROXIED}"></div></div>` +
        `<div class="post-copyright">本文作者 许可协议 CC BY</div><div class="social-share">分享到微博</div>` +
        `<div class="reward-container">打赏</div><nav class="post-nav"><a href="/p/0.html">上一篇</a></nav></article>`,
    );
    const a = extract(doc, { win });
    expect(a.text).toContain('订阅源');
    for (const chrome of ['本文作者', '分享到', '打赏', '上一篇']) expect(a.text).not.toContain(chrome);
    expect(a.images.map((i) => i.url)).toEqual(['http://img.example.cn/a.jpg']);
  });

  it("a feed's heading whose id starts with toc- is the post's, not a table of contents", () => {
    const { doc, win } = page(
      '<meta property="og:type" content="article">',
      `<article><h1>T</h1><div>${CATS}</div><div class="post-content"><div><h2 id="toc-1">一、使用场景</h2><p>${TEXT}</p></div></div></article>`,
    );
    expect(extract(doc, { win }).text).toContain('一、使用场景');
  });
});
