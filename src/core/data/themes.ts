// Site profiles: everything the code knows about one Hexo theme, as data. Selectors are relative to the
// article root unless marked `doc:` (searched in the whole document). The detector tries the entries in order;
// the last, `hexo`, reads any other theme structurally (src/core/structural.ts) and so has no article selector.
// Adding a theme is one entry here plus its named fixtures in test/fixtures/themes/ (see README).

export interface FieldRule {
  selector: string;
  /** Read this attribute instead of the text. */
  attr?: string;
}

export interface PjaxSpec {
  /** The element the theme's pjax swaps (replaced, or its children replaced). */
  container: string;
  /** Events the theme's pjax library dispatches on document after a swap. */
  events: string[];
}

export interface ThemeSpec {
  id: string;
  label: string;
  /** Selectors matched against `<head>` alone by the always-injected gate (detect-lite.ts): any one says "maybe". */
  head: string[];
  /** Cheap checks (querySelector on the document) that this document uses the theme; any one suffices. */
  signature: string[];
  /**
   * The article root: its presence is what makes a page an article rather than a listing. Absent: the root,
   * body and any field the rules below leave empty are read structurally (structural.ts).
   */
  article?: string;
  title: FieldRule[];
  /** All matches, in order, are the category levels. Empty: read from links into /categories/. */
  categories: string;
  date: FieldRule[];
  cover: FieldRule[];
  /** The post body, relative to the article root; first match. Empty: found structurally. */
  body: string[];
  /** Theme chrome that can sit inside the body container, removed before reading it. */
  chrome: string[];
  /** How the theme navigates without a page load, if it does. */
  pjax?: PjaxSpec;
  /** Which category level (0-based) names the feed: the generator writes group / feed / channel. */
  feedLevel: number;
}

/** Hexo stamps every page's head with a generator meta unless a theme turns it off. */
const HEXO_GENERATOR = 'meta[name="generator"][content^="Hexo" i]';

/** The chrome any Hexo theme may put inside or beside a post body (structural reading and named themes alike).
 *  Left out of the weighing that finds the body (at any depth), and removed only from among the children of a
 *  body the theme names (see extract.ts): never from the feed's own markup. */
export const COMMON_CHROME: readonly string[] = [
  'nav',
  'aside',
  'footer',
  'header',
  'form',
  'button',
  'noscript',
  '[class*="copyright" i]',
  '[class*="license" i]',
  '[class*="licence" i]',
  '[id*="copyright" i]',
  '[class*="share" i]',
  '[class*="reward" i]',
  '[class*="donate" i]',
  '[class*="sponsor" i]',
  '[class*="post-nav" i]',
  '[class*="pagination" i]',
  '[class*="prev-next" i]',
  '[class*="pager" i]',
  '[class*="related" i]',
  '[class*="recommend" i]',
  // A table of contents by its own name, never a heading whose id merely starts with "toc-" (a feed's anchors).
  '.toc',
  '#toc',
  '[class*="-toc" i]',
  '[class*="toc-" i]',
  '[id*="-toc" i]',
  '[class*="comment" i]',
  '[id*="comment" i]',
  '[class*="tag-list" i]',
  '[class*="post-tags" i]',
  '[class*="article-tags" i]',
  '[class*="tag-plugin" i]',
  '[class*="post-meta" i]',
  '[class*="article-meta" i]',
  '[class*="busuanzi" i]',
  '[id*="busuanzi" i]',
  '[class*="typed" i]',
  '[class*="subtitle" i]',
  '[class*="updated" i]',
  '[class*="last-modified" i]',
  '[class*="read-more" i]',
  '[class*="post-end" i]',
  '[class*="post-header" i]',
  '[class*="article-header" i]',
  '[class*="post-title" i]',
  '[class*="article-title" i]',
  '[class*="post-info" i]',
  '[class*="author-info" i]',
  '[class*="sidebar" i]',
  '[class*="widget" i]',
];

/** A class or id word by which themes (and most blog engines) name the element holding a post's text; a whole
 *  word: `article-content-container` is the wrapper that also holds the title and meta, not the text. */
export const BODY_HINT =
  /^(?:markdown-body|(?:post|article|entry|page)[-_]?(?:body|content|entry|text|inner)|article-container|md-content|typo|prose)$/i;

export const THEMES: readonly ThemeSpec[] = [
  {
    // news.zfe.space itself: proven on the 266 pages of the live site (test:corpus). Volantis 5 keeps this root,
    // title and meta (its body, `#post-body`, is found by weight); Volantis 6 hides the title and is read
    // structurally.
    id: 'volantis',
    label: 'Volantis 4.x / 5.x',
    head: ['head[hexo-theme*="volantis" i]'],
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
    pjax: { container: '#pjax-container', events: ['pjax:complete', 'pjax:success', 'pjax:end'] },
    feedLevel: 1,
  },
  {
    // Checked on all 130 corpus posts rendered with Hexo 8 + NexT 8.29 (scripts/render-next.mjs). The home page
    // holds ten `article.post-content` with h2 titles: the single-root + h1 rule keeps it a listing.
    id: 'next',
    label: 'NexT 8.x',
    head: ['script.next-config', 'script#next-config'],
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
    // NexT's optional pjax (pjax: true) swaps these and fires pjax:success.
    pjax: { container: '.main-inner', events: ['pjax:success', 'pjax:complete'] },
    feedLevel: 1,
  },
  {
    // Any other Hexo theme: root, body, title, categories, date and cover from structure and metadata.
    id: 'hexo',
    label: 'Hexo (structural)',
    head: [HEXO_GENERATOR],
    signature: [`doc:${HEXO_GENERATOR}`, '[hexo-theme]'],
    title: [],
    categories: '',
    date: [],
    cover: [],
    body: [],
    chrome: [],
    // What other themes swap: Volantis 6 `#l_main` and Butterfly `#body-wrap` (MoOx Pjax: pjax:complete),
    // Redefine `#swup` (swup), and the common names.
    pjax: {
      container: '#l_main, #body-wrap, #swup, #pjax-container, #pjax, .pjax-container',
      events: ['pjax:complete', 'pjax:success', 'pjax:end', 'swup:contentReplaced', 'swup:page:view'],
    },
    feedLevel: 1,
  },
];

/** Every profile's head selectors in one list, for the gate. */
export const HEAD_SIGNATURES: string = THEMES.flatMap((t) => t.head).join(', ');

export function themeById(id: string | null | undefined): ThemeSpec | null {
  return THEMES.find((t) => t.id === id) ?? null;
}
