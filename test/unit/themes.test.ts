// Every site profile (src/core/data/themes.ts) against named fixture pages, as darkreader tests its config
// files: each row says what the page is and what must come out of it. The pages are real Hexo renders of corpus
// posts (scripts/render-themes.mjs; origins in test/fixtures/SOURCES.md). Adding a theme = one profile + rows here.
import { describe, expect, it } from 'vitest';
import { quickCheck } from '../../src/core/detect-lite';
import { detect, detectArticle } from '../../src/core/detect';
import { extract } from '../../src/core/extract';
import { HEAD_SIGNATURES, THEMES } from '../../src/core/data/themes';
import { readListing } from '../../src/core/listing';
import { cleanDocument } from '../../src/core/clean-document';
import { fixtureText, loadPage, pageFromHtml } from '../helpers/fixtures';

interface ArticleRow {
  page: string;
  profile: string;
  title: string;
  categories: string[];
  published: string | null;
  images: number;
  topics: number;
  /** A phrase of the body; and one of the theme's chrome that must not be in the text. */
  says: string;
  notSays: string[];
}

const SEED_TITLE = '美的集团与中国移动签署战略合作框架协议，共建5G+新生态';
const ZAKER_TITLE = '微软、英特尔警告：Win11_10_8.1 存在 MMIO 陈旧数据漏洞';
const ITHOME_TITLE = '苹果 Safari 浏览器 Bug 曝光：网站可实时跟踪用户最近浏览活动，涉及 iOS 15 和 iPadOS 15 所有版本';
const ITHOME_CATS = ['新媒体', 'IT 之家', '分类资讯'];

const ARTICLES: ArticleRow[] = [
  // Volantis 6.8.3 stamps its head like Volantis 4 but has no `#top h1.title`: read structurally.
  {
    page: 'themes/volantis6/article-ofweek-seed.html',
    profile: 'hexo',
    title: SEED_TITLE,
    categories: ['新媒体', '高科技行业门户', '新闻'],
    published: '2021-08-31',
    images: 2,
    topics: 4,
    says: '美的集团',
    notSays: ['发布于', '本文由', '上一篇', '许可协议'],
  },
  {
    page: 'themes/volantis6/article-zaker-lazy-original.html',
    profile: 'hexo',
    title: ZAKER_TITLE,
    categories: ['新媒体', 'ZAKER', 'channel'],
    published: '2022-06-16',
    images: 1,
    topics: 0,
    says: 'MMIO',
    notSays: ['发布于'],
  },
  {
    page: 'themes/volantis6/article-ithome-tag-links.html',
    profile: 'hexo',
    title: ITHOME_TITLE,
    categories: ITHOME_CATS,
    published: '2022-01-17',
    images: 1,
    topics: 4,
    says: 'MacRumors',
    notSays: [],
  },
  // Volantis 5.8.0 keeps Volantis 4's root, title and meta; its body, `#post-body`, is found by weight.
  {
    page: 'themes/volantis5/article-ofweek-seed.html',
    profile: 'volantis',
    title: SEED_TITLE,
    categories: ['新媒体', '高科技行业门户', '新闻'],
    published: '2021-08-31',
    images: 2,
    topics: 4,
    says: '美的集团',
    notSays: ['发布于', 'RSSHub', '许可协议', '更新于'],
  },
  // Landscape: BlogPosting microdata, a second h1 (the site logo), share link and article nav.
  {
    page: 'themes/landscape/article-ofweek-seed.html',
    profile: 'hexo',
    title: SEED_TITLE,
    categories: ['新媒体', '高科技行业门户', '新闻'],
    published: '2021-08-31',
    images: 2,
    topics: 4,
    says: '美的集团',
    notSays: ['Share', 'Newer', 'Older'],
  },
  {
    page: 'themes/landscape/article-image-only-body.html',
    profile: 'hexo',
    title: '一朵牛肝菌 (© vnosokin_Getty Images)',
    categories: ['图片', 'Bing 壁纸', '每日壁纸'],
    published: '2021-09-06',
    images: 1,
    topics: 0,
    says: '',
    notSays: ['Share'],
  },
  // Fluid: the date in a banner outside <main>, three <article>s (prev/next), a licence box, `hljs` on bare code.
  {
    page: 'themes/fluid/article-escaped-markup-hljs.html',
    profile: 'hexo',
    title: 'Game of War _Decisions_Reputation_',
    categories: ['设计', 'Method Studios', '菜单'],
    published: '2022-09-10',
    images: 0,
    topics: 0,
    says: 'Kate Upton',
    notSays: ['<h2>', '本文作者', '上一篇'],
  },
  {
    page: 'themes/fluid/article-title-only-body.html',
    profile: 'hexo',
    title: '2022MSI决赛 T1 2_2 RNG',
    categories: ['新媒体', '今日热榜', '榜单'],
    published: '2022-05-29',
    images: 0,
    topics: 0,
    says: '',
    notSays: ['本文作者'],
  },
  // Butterfly: title, categories and date in a header beside the <article>; images behind data-lazy-src.
  {
    page: 'themes/butterfly/article-header-beside-article.html',
    profile: 'hexo',
    title: ZAKER_TITLE,
    categories: ['新媒体', 'ZAKER', 'channel'],
    published: '2022-06-16',
    images: 1,
    topics: 0,
    says: 'MMIO',
    notSays: ['文章作者', '打赏'],
  },
  {
    page: 'themes/butterfly/article-ithome-tag-links.html',
    profile: 'hexo',
    title: ITHOME_TITLE,
    categories: ITHOME_CATS,
    published: '2022-01-17',
    images: 1,
    topics: 4,
    says: 'MacRumors',
    notSays: [],
  },
  // Redefine: no <article> at all; the whole page is one <main>, the text in `.article-content`.
  {
    page: 'themes/redefine/article-no-article-element.html',
    profile: 'hexo',
    title: ZAKER_TITLE,
    categories: ['新媒体', 'ZAKER', 'channel'],
    published: '2022-06-16',
    images: 1,
    topics: 0,
    says: 'MMIO',
    notSays: ['Lv6', '创建', '2022-09-26'],
  },
  // NexT (its own profile) and Volantis 4 (the live site) are proven on their fixtures in fixtures.test.ts.
  {
    page: 'next/ofweek-seed.html',
    profile: 'next',
    title: SEED_TITLE,
    categories: ['新媒体', '高科技行业门户', '新闻'],
    published: '2021-08-31',
    images: 2,
    topics: 4,
    says: '美的集团',
    notSays: ['本文作者', '打赏'],
  },
  {
    page: 'rendered/picsum-placeholder-cover.html',
    profile: 'volantis',
    title: '',
    categories: [],
    published: null,
    images: -1,
    topics: -1,
    says: '',
    notSays: ['更新于'],
  },
];

describe('site profiles on their article pages', () => {
  for (const row of ARTICLES) {
    it(`${row.page}: ${row.profile}`, () => {
      const { doc, win } = loadPage(row.page);
      expect(quickCheck(doc), 'the gate says maybe').toBe(true);
      const d = detect(doc);
      expect(d).toMatchObject({ kind: 'article', detected: true, family: true, theme: row.profile });
      if (row.page.startsWith('rendered/')) return; // exact fields of the live theme: fixtures.test.ts
      const a = extract(doc, { win });
      expect(a.title).toBe(row.title);
      expect(a.categories).toEqual(row.categories);
      expect(a.feed).toBe(row.categories[1]);
      expect(a.published?.date ?? null).toBe(row.published);
      expect(a.images).toHaveLength(row.images);
      expect(a.topics).toHaveLength(row.topics);
      expect(a.text).toContain(row.says);
      for (const chrome of row.notSays) expect(a.text).not.toContain(chrome);
      expect(a.html + a.markdown + a.text).not.toContain('cors.zfour.workers.dev');
    });
  }
});

const LISTINGS: { page: string; family: boolean; entries: number }[] = [
  { page: 'themes/volantis6/listing-home.html', family: true, entries: 10 },
  { page: 'themes/volantis6/listing-category.html', family: true, entries: 10 },
  { page: 'themes/volantis5/listing-home.html', family: true, entries: 10 },
  // Ten full bodies, each with its h1 in an <article> with BlogPosting microdata: og:type says website.
  { page: 'themes/landscape/listing-home-full-bodies.html', family: true, entries: 10 },
  { page: 'themes/butterfly/listing-home.html', family: true, entries: 10 },
  { page: 'themes/redefine/listing-home.html', family: true, entries: 10 },
  // Titles only: no picture, no category, nothing of the family to restore, so not even a listing of it.
  { page: 'themes/fluid/listing-archives.html', family: false, entries: 10 },
  { page: 'themes/next/listing-tag.html', family: false, entries: 2 },
  { page: 'next/listing-home.html', family: true, entries: 10 },
  { page: 'listing/home.html', family: true, entries: 10 },
  { page: 'listing/category-page.html', family: true, entries: 10 },
];

describe('listing pages stay listings on every theme, and list their posts', () => {
  for (const row of LISTINGS) {
    it(row.page, () => {
      const { doc } = loadPage(row.page, 'https://news.zfe.space/');
      const d = detect(doc);
      expect(d.detected).toBe(false);
      expect(row.family ? ['listing'] : ['listing', 'none']).toContain(d.kind);
      expect(d.family).toBe(row.family);
      expect(detectArticle(doc)).toBeNull();
      const listing = readListing(doc);
      expect(listing.entries.length).toBeGreaterThanOrEqual(row.entries);
      for (const e of listing.entries) {
        expect(e.title.length).toBeGreaterThan(1);
        expect(new URL(e.url).host).toBe('news.zfe.space');
        expect(new URL(e.url).pathname).not.toMatch(/^\/(categories|tags|archives|page)\//);
      }
    });
  }

  it('a family listing names each post with its feed and date', () => {
    const { doc } = loadPage('themes/volantis6/listing-home.html', 'https://news.zfe.space/');
    const entries = readListing(doc).entries;
    expect(entries.filter((e) => e.feed && e.date).length).toBeGreaterThanOrEqual(10);
  });
});

describe('pages that are not posts of the family', () => {
  it.each(['themes/volantis6/about-page.html', 'themes/landscape/about-page-blogposting.html', 'themes/next/about-page.html'])(
    '%s: an about page is no article',
    (page) => {
      const { doc } = loadPage(page, 'https://news.zfe.space/about/');
      expect(detect(doc).detected).toBe(false);
    },
  );

  it.each([
    'themes/ordinary/landscape-post-with-images.html',
    'themes/ordinary/volantis6-post-with-images.html',
    'themes/ordinary/butterfly-post-with-images.html',
    'themes/ordinary/landscape-listing-home.html',
    'themes/ordinary/volantis6-listing-home.html',
    'themes/ordinary/butterfly-listing-home.html',
  ])('%s: an ordinary Hexo blog is left alone', (page) => {
    const { doc } = loadPage(page, 'https://blog.example.org/p/trip.html');
    const before = doc.documentElement.outerHTML;
    const d = detect(doc);
    expect(d.detected).toBe(false);
    expect(d.family).toBe(false);
    const result = cleanDocument(doc);
    expect(result.changed).toBe(0);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('the profile table', () => {
  it('every profile has a head signature, and the gate finds each in a <head> that holds only it', () => {
    const stamps: Record<string, string> = {
      volantis: '<head hexo-theme="https://github.com/volantis-x/hexo-theme-volantis/tree/4.3.1">',
      next: '<head><script class="next-config" data-name="main" type="application/json">{}</script>',
      hexo: '<head><meta name="generator" content="Hexo 8.1.2">',
    };
    for (const t of THEMES) {
      expect(t.head.length, t.id).toBeGreaterThan(0);
      const { doc } = pageFromHtml(`<!doctype html><html>${stamps[t.id]}</head><body><p>x</p></body></html>`);
      expect(quickCheck(doc), t.id).toBe(true);
    }
    expect(quickCheck(pageFromHtml('<!doctype html><html><head><meta name="generator" content="WordPress"></head></html>').doc)).toBe(
      false,
    );
    expect(HEAD_SIGNATURES).toContain('Hexo');
  });

  it('the structural profile is last and has no selectors of its own', () => {
    const last = THEMES[THEMES.length - 1]!;
    expect(last.id).toBe('hexo');
    expect(last.article).toBeUndefined();
    expect(last.body).toEqual([]);
  });

  it('every profile that names a pjax container finds it on one of its fixtures', () => {
    const pages: Record<string, string> = {
      volantis: 'rendered/picsum-placeholder-cover.html',
      hexo: 'themes/volantis6/article-ofweek-seed.html',
    };
    for (const [id, page] of Object.entries(pages)) {
      const spec = THEMES.find((t) => t.id === id)!.pjax!;
      expect(loadPage(page).doc.querySelector(spec.container), id).not.toBeNull();
    }
  });
});

describe('posts at the edges', () => {
  it('a post with an empty title is still an article (Volantis 4 profile and structural)', () => {
    const v4 = loadPage('rendered/picsum-placeholder-cover.html');
    v4.doc.querySelectorAll('h1.title').forEach((h) => (h.textContent = ''));
    expect(detect(v4.doc)).toMatchObject({ kind: 'article', theme: 'volantis' });
    expect(extract(v4.doc, { win: v4.win }).title).toBe('');

    const land = loadPage('themes/landscape/article-ofweek-seed.html');
    land.doc.querySelectorAll('h1.article-title').forEach((h) => (h.textContent = ''));
    land.doc.querySelector('meta[property="og:title"]')?.remove();
    const d = detect(land.doc);
    expect(d).toMatchObject({ kind: 'article', theme: 'hexo' });
    const a = extract(land.doc, { win: land.win });
    expect(a.title).toBe('');
    expect(a.text).toContain('美的集团');
  });

  it("a fork's own CORS worker (another host, the same /?http:// form) marks and unwraps the post", () => {
    const html = fixtureText('themes/landscape/article-ofweek-seed.html')
      .replaceAll('https://cors.zfour.workers.dev/?', 'https://img-proxy.fork.example/?')
      // No other mark of the family left: no feed categories.
      .replaceAll('/categories/', '/sections/');
    const { doc, win } = pageFromHtml(html, 'https://news.fork.example/p/seed.html');
    const d = detect(doc);
    expect(d).toMatchObject({ kind: 'article', detected: true });
    expect(d.signals).toContain('proxied-media');
    const a = extract(doc, { win });
    expect(a.images.length).toBe(2);
    for (const image of a.images) {
      expect(image.proxied).toBe(true);
      expect(image.url).toMatch(/^http:\/\/[a-z]+\.ofweek\.com\//);
      expect(image.original).toMatch(/^https:\/\/img-proxy\.fork\.example\/\?http:\/\//);
    }
    expect(a.html + a.markdown).not.toContain('img-proxy.fork.example');
  });

  it('the theme logo is never the cover: og:image on the blog host that the body does not show', () => {
    const { doc, win } = loadPage('themes/redefine/article-no-article-element.html');
    const og = doc.querySelector('meta[property="og:image"]')?.getAttribute('content') ?? '';
    expect(new URL(og, doc.URL).host).toBe('news.zfe.space');
    const cover = extract(doc, { win }).cover;
    expect(cover?.url ?? '').not.toContain('news.zfe.space');
  });
});

describe('an ordinary Chinese Hexo blog whose categories share the generator group names', () => {
  // 学习 and 编程 are among the generator's groups, and head many an ordinary blog's category tree.
  const chinese = (html: string) =>
    html
      .replaceAll('/categories/Travel/', `/categories/${encodeURIComponent('学习')}/`)
      .replaceAll('/categories/Tech/', `/categories/${encodeURIComponent('编程')}/`)
      .replaceAll('>Travel<', '>学习<')
      .replaceAll('>Tech<', '>编程<');

  it.each([
    'themes/ordinary/landscape-post-with-images.html',
    'themes/ordinary/butterfly-post-with-images.html',
    'themes/ordinary/volantis6-post-with-images.html',
    'themes/ordinary/landscape-listing-home.html',
    'themes/ordinary/butterfly-listing-home.html',
    'themes/ordinary/volantis6-listing-home.html',
  ])('%s with 学习 / 编程 categories: left alone', (page) => {
    const html = chinese(fixtureText(page));
    expect(html).toContain('>学习<');
    const { doc } = pageFromHtml(html, 'https://blog.example.org/p/trip.html');
    const d = detect(doc);
    expect(d.detected).toBe(false);
    expect(d.family).toBe(false);
  });
});

describe('after a pjax navigation the head describes the page first loaded', () => {
  // Volantis swaps og:title/url but not og:type; Butterfly swaps the title; Redefine's swup swaps nothing.
  const parts = (page: string) => {
    const { doc } = loadPage(page);
    return { head: doc.head.innerHTML, body: doc.body.innerHTML };
  };
  const mixed = (headOf: string, bodyOf: string, url: string) =>
    pageFromHtml(`<!doctype html><html><head>${parts(headOf).head}</head><body>${parts(bodyOf).body}</body></html>`, url);

  it.each([
    ['volantis6', 'themes/volantis6/listing-home.html', 'themes/volantis6/article-ofweek-seed.html'],
    ['butterfly', 'themes/butterfly/listing-home.html', 'themes/butterfly/article-header-beside-article.html'],
    ['redefine', 'themes/redefine/listing-home.html', 'themes/redefine/article-no-article-element.html'],
  ])('%s: listing -> post is read as the post, post -> listing as a listing', (_theme, listing, post) => {
    const toPost = mixed(listing, post, 'https://news.zfe.space/p/seed.html');
    expect(detect(toPost.doc, { trustHead: false })).toMatchObject({ kind: 'article', detected: true });
    const a = extract(toPost.doc, { win: toPost.win, trustHead: false });
    expect(a.text.length).toBeGreaterThan(100);
    expect(a.categories).toHaveLength(3);

    const toListing = mixed(post, listing, 'https://news.zfe.space/page/2/');
    const d = detect(toListing.doc, { trustHead: false });
    expect(d.detected).toBe(false);
    expect(d.kind).toBe('listing');
  });
});
