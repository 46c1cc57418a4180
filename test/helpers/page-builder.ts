// Synthetic proxied-news pages for security, fuzz and size tests: a real Volantis 4.3.1 article page
// (fixture rendered/ithome-tag-links.html, IT 之家) with its title, categories, cover and body swapped for the caller's,
// and raw Markdown posts in the generator's shape. The skeleton is spliced as text, never re-serialized, so a
// payload reaches the page's HTML parser exactly as written (mutation-XSS shapes depend on that).
import { JSDOM } from 'jsdom';
import { fixtureText } from './fixtures';

export const SKELETON = 'rendered/ithome-tag-links.html';
export const DEFAULT_CATEGORIES = ['新媒体', 'IT 之家', '分类资讯'];

/** Markup of the tag-link kinds of `src/core/data/tag-links.ts` (corpus README, "Inline keyword links"). */
export type TagLinkStyle = 'ofweek' | 'ithome' | '36kr' | 'mydrivers' | 'stcn' | 'taoguba' | 'cnbeta' | 'plain';

export interface TagLinkSpec {
  style: TagLinkStyle;
  text: string;
  /** Attribute source text: written between double quotes as given (entities stay entities); `"` is escaped. */
  href: string;
}

export interface PageSpec {
  /** Text: HTML-escaped into the page as Hexo does, so the extracted title should equal it. */
  title: string;
  /** Texts of the three category levels (escaped likewise). */
  categories?: string[];
  /** Raw HTML of the post body, inserted verbatim into the theme's body `<div>`. */
  body: string;
  /** Attribute source text of `img.headimg` and `img.thumbnail` `src`; null: no cover image. */
  cover?: string | null;
  /** Appended to the body as one paragraph of running text. */
  tagLinks?: TagLinkSpec[];
  /** Raw HTML put inside `<h1 class=title>` instead of the escaped title (a hostile theme or feed). */
  rawTitleHtml?: string;
  /** Raw HTML of each category link's content instead of the escaped text. */
  rawCategoryHtml?: string[];
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

/** Only `"` is escaped: the value is attribute source text, so `&#106;avascript:` stays a character reference. */
function rawAttr(s: string): string {
  return s.replace(/"/g, '&quot;');
}

export function tagLinkHtml(t: TagLinkSpec): string {
  const href = rawAttr(t.href);
  const text = escapeText(t.text);
  switch (t.style) {
    case 'ofweek':
      return `<span class="hrefStyle"><a href="${href}" target="_blank" title="${escapeAttr(t.text)}">${text}</a></span>`;
    case 'ithome':
      return `<a class="s_tag" href="${href}" target="_blank">${text}</a>`;
    case '36kr':
      return `<a class="project-link" data-id="1" data-name="${escapeAttr(t.text)}" href="${href}">${text}</a>`;
    case 'mydrivers':
      return `<p class="bqian"><a href="${href}"><i>#</i>${text}</a></p>`;
    case 'stcn':
      return `<a class="trsHotWords" href="${href}" code="601995">${text}</a>`;
    case 'taoguba':
      return `<a class="ycCss" href="${href}">${text}</a>`;
    case 'cnbeta':
      return `<a data-link="1" href="${href}">${text}</a>`;
    case 'plain':
      return `<a href="${href}">${text}</a>`;
  }
}

let skeleton: string | null = null;

function once(html: string, marker: string): number {
  const at = html.indexOf(marker);
  if (at < 0 || html.indexOf(marker, at + 1) >= 0) throw new Error(`page-builder: skeleton marker not found once: ${marker}`);
  return at;
}

function replaceBetween(html: string, open: string, close: string, inner: string): string {
  const a = once(html, open) + open.length;
  const b = html.indexOf(close, a);
  if (b < 0) throw new Error(`page-builder: no ${close} after ${open}`);
  return html.slice(0, a) + inner + html.slice(b);
}

/** A full Volantis article page around the given parts. Detected as an article (RSSHub author box). */
export function buildPage(spec: PageSpec): string {
  skeleton ??= fixtureText(SKELETON);
  let html = skeleton;
  const categories = spec.categories ?? DEFAULT_CATEGORIES;
  const titleText = escapeText(spec.title);
  const titleAttr = escapeAttr(spec.title);

  html = replaceBetween(html, '<title>', ' - 小冰 RSSHub</title>', titleText);
  html = replaceBetween(html, '<div class=article-meta id=top><a title="', '" href=/p/44d7.html>', titleAttr);
  html = replaceBetween(html, '<h1 class=title>', '</h1>', spec.rawTitleHtml ?? titleText);
  html = replaceBetween(html, '<div id=lc-pv data-title="', '" data-path=', titleAttr);

  const catLinks = categories
    .map((c, i) => `<a class=category-link href="/categories/${encodeURIComponent(c)}/">${spec.rawCategoryHtml?.[i] ?? escapeText(c)}</a>`)
    .join('<span class=sep></span>');
  html = replaceBetween(
    html,
    '<i class="fas fa-folder-open fa-fw" aria-hidden=true></i> ',
    '</a></div><div class="new-meta-item date">',
    catLinks,
  );

  const cover =
    spec.cover === undefined ? 'https://img.ithome.com/newsuploadfiles/2022/9/796be47a-a25c-4055-9d04-81103010a31e.png' : spec.cover;
  const headimg = cover === null ? '' : `<img class=headimg src="${rawAttr(cover)}">`;
  const thumb = cover === null ? '' : `<img class=thumbnail src="${rawAttr(cover)}">`;
  html = replaceBetween(html, '<div class=headimg-div><a class=headimg-a>', '</a></div>', headimg);
  html = replaceBetween(html, '" href=/p/44d7.html>', '</a><h1 class=title>', thumb);

  const tags = spec.tagLinks?.length ? `<p>相关：${spec.tagLinks.map(tagLinkHtml).join('、')}。</p>` : '';
  html = replaceBetween(html, '次浏览</div></a></div></div></div><div>', '</div><div class=footer>', spec.body + tags);
  return html;
}

export interface PostSpec {
  title: string;
  categories?: string[];
  /** Raw HTML of the body; wrapped in the generator's `<div>`. */
  body: string;
  headimg?: string | null;
  thumbnail?: string | null;
  author?: string;
  date?: string;
  tagLinks?: TagLinkSpec[];
}

/** A raw post as the generator writes it (front matter + `<div>` body). Values are YAML double-quoted strings. */
export function buildPost(spec: PostSpec): string {
  const categories = spec.categories ?? DEFAULT_CATEGORIES;
  const q = (s: string) => JSON.stringify(s);
  const lines = ['', '---', `title: ${q(spec.title)}`, 'categories: ', ...categories.map((c) => ` - ${q(c)}`)];
  if (spec.headimg !== null) lines.push(`headimg: ${q(spec.headimg ?? 'https://picsum.photos/400/300?random=1')}`);
  lines.push(`author: ${q(spec.author ?? categories[1] ?? 'feed')}`, 'comments: false', `date: ${spec.date ?? '2022-09-26 12:00:00'}`);
  if (spec.thumbnail !== null) lines.push(`thumbnail: ${q(spec.thumbnail ?? spec.headimg ?? 'https://picsum.photos/400/300?random=1')}`);
  lines.push('---', '');
  const tags = spec.tagLinks?.length ? `<p>相关：${spec.tagLinks.map(tagLinkHtml).join('、')}。</p>` : '';
  return `${lines.join('\n')}\n<div>\n${spec.body}${tags}\n</div>\n`;
}

/**
 * A document as a browser shows a `text/plain` (or `text/markdown`) response: the text in one `<pre>`. jsdom has
 * no plain-text documents, so an HTML one is built that way and its `contentType` is set to the given type.
 */
export function plainTextDocument(text: string, url: string, type = 'text/plain'): { doc: Document; win: Window } {
  const dom = new JSDOM('<!doctype html><html><head></head><body><pre></pre></body></html>', { url });
  const doc = dom.window.document;
  doc.querySelector('pre')!.textContent = text;
  Object.defineProperty(doc, 'contentType', { value: type });
  return { doc, win: dom.window as unknown as Window };
}
