// Where each Hexo theme puts an article's parts. Selectors are relative to the article root unless marked
// `doc:` (searched in the whole document). The extractor tries the entries in order; `fallback` is the
// structural reading used for any other theme.

export interface FieldRule {
  selector: string;
  /** Read this attribute instead of the text. */
  attr?: string;
}

export interface ThemeSpec {
  id: string;
  label: string;
  /** Cheap checks (querySelector) that this document uses the theme; any one suffices. */
  signature: string[];
  /** The article root: its presence is what makes a page an article rather than a listing. */
  article: string;
  title: FieldRule[];
  /** All matches, in order, are the category levels. */
  categories: string;
  date: FieldRule[];
  cover: FieldRule[];
  /** The post body, relative to the article root; first match. */
  body: string[];
  /** Theme chrome that can sit inside the body container, removed before reading it. */
  chrome: string[];
}

export const THEMES: readonly ThemeSpec[] = [
  {
    id: 'volantis',
    label: 'Volantis 4.x',
    signature: ['head[hexo-theme*="volantis" i]', '#l_header.l_header', '.new-meta-box'],
    article: 'article#post',
    title: [{ selector: '#top h1.title' }, { selector: 'h1.title' }],
    categories: '.new-meta-item.category a.category-link',
    date: [{ selector: '.new-meta-item.date p' }, { selector: '.new-meta-item.date' }],
    cover: [
      { selector: '.headimg-div img.headimg', attr: 'src' },
      { selector: '#top img.thumbnail', attr: 'src' },
    ],
    body: [':scope > div:not([class]):not([id])'],
    // A feed's unbalanced <div>s can swallow the theme's footer, share links and prev/next into the body
    // (86d3, 42b2): they are never article text.
    chrome: ['div.footer', 'div.article-meta#bottom', 'div.prev-next'],
  },
  {
    // Checked on all 130 corpus posts rendered with Hexo 8 + NexT 8.29 (scripts/render-next.mjs). The home page
    // holds ten `article.post-content` with h2 titles: the single-root + h1 rule keeps it a listing.
    id: 'next',
    label: 'NexT 8.x',
    signature: ['script.next-config', '.main-inner.posts-expand'],
    article: 'article.post-content[itemtype*="Article"]',
    title: [{ selector: 'h1.post-title' }],
    categories: '.post-meta span[itemprop="about"] span[itemprop="name"]',
    date: [
      { selector: 'time[itemprop~="datePublished"]', attr: 'datetime' },
      { selector: 'doc:meta[property="article:published_time"]', attr: 'content' },
    ],
    // NexT ignores the generator's headimg; og:image lists the body's images, the first standing in for it.
    cover: [{ selector: 'doc:meta[property="og:image"]', attr: 'content' }],
    body: ['.post-body[itemprop="articleBody"]', '.post-body'],
    chrome: ['.post-footer', '.reward-container', '.post-copyright', '.post-nav', '.post-tags'],
  },
  {
    id: 'fallback',
    label: 'Hexo (structural)',
    signature: ['doc:meta[name="generator"][content^="Hexo" i]'],
    article: 'article, [itemtype*="BlogPosting"], [itemtype*="Article"], main',
    title: [
      { selector: 'h1' },
      { selector: 'doc:meta[property="og:title"]', attr: 'content' },
    ],
    categories: 'a[rel~="category"], a[href*="/categories/"]',
    date: [
      { selector: 'time[datetime]', attr: 'datetime' },
      { selector: 'doc:meta[property="article:published_time"]', attr: 'content' },
    ],
    cover: [{ selector: 'doc:meta[property="og:image"]', attr: 'content' }],
    body: [
      '[itemprop="articleBody"]',
      '.post-body',
      '.post-content',
      '.entry-content',
      '.article-entry',
      '.markdown-body',
    ],
    chrome: ['footer', 'nav', '.post-footer', '.post-tags', '.post-nav', '.post-copyright', 'header'],
  },
];
