// Huge and strange documents, shared by the core-level test (test/unit/huge-pages.test.ts, jsdom) and the
// real-browser one (test/browser/stress.test.ts). Every page is a Volantis article (page-builder.ts) unless
// it is meant to be strange.
import { buildPage, buildPost } from './page-builder';

/** One paragraph of the article body: CJK and Latin text. */
export const PARA =
  '<p>三星印度宣布与 Axis Bank 合作推出一款信用卡。该公司提供 10% 的购物返现，以及其他福利，如奖励积分和机场休息室使用权。</p>\n';

export const FIVE_MB = 5 * 1024 * 1024;

/** `para` (PARA by default) repeated to at least `size` UTF-16 code units (5 MiB by default). */
export function hugeBody(size = FIVE_MB, para = PARA): string {
  return para.repeat(Math.ceil(size / para.length));
}

/** `paragraphs` × `perParagraph` images, each through the CORS proxy: `http://img.example.com/<p>/<i>.jpg`.
 * `attrs`: more attribute source text for every image (e.g. `loading="lazy"`). */
export function proxiedImagesBody(paragraphs = 2000, perParagraph = 10, attrs = ''): string {
  const more = attrs ? ` ${attrs}` : '';
  return Array.from(
    { length: paragraphs },
    (_, p) =>
      `<p>${Array.from({ length: perParagraph }, (_, i) => `<img src="https://cors.zfour.workers.dev/?http://img.example.com/${p}/${i}.jpg" alt="${p}-${i}"${more}>`).join('')}</p>`,
  ).join('\n');
}

export const DEEPEST_TEXT = '最深处的文字。';

/** `depth` nested elements (half div, half span) around one paragraph, then an ordinary paragraph. */
export function deepBody(depth = 500): string {
  const divs = Math.floor(depth / 2);
  const spans = depth - divs;
  return '<div>'.repeat(divs) + '<span>'.repeat(spans) + `<p>${DEEPEST_TEXT}</p>` + '</span>'.repeat(spans) + '</div>'.repeat(divs) + PARA;
}

/** The keywords of `tagLinksBody`, each used `links / words` times. */
export const TAG_WORDS = Array.from({ length: 500 }, (_, i) => `关键词${i}`);

/** `paragraphs` × 10 IT 之家 tag links (`a.s_tag`) cycling through `TAG_WORDS`. */
export function tagLinksBody(paragraphs = 1000): string {
  return Array.from(
    { length: paragraphs },
    (_, p) =>
      `<p>${Array.from({ length: 10 }, (_, i) => {
        const w = TAG_WORDS[(p * 10 + i) % TAG_WORDS.length]!;
        return `前文<a class="s_tag" href="https://www.ithome.com/tag/${encodeURIComponent(w)}/">${w}</a>后文`;
      }).join('，')}。</p>`,
  ).join('\n');
}

/** A whole article page with no `<body>` or `</body>` tag in its markup (the parser makes one). */
export function noBodyTagPage(body = PARA): string {
  return buildPage({ title: '无 body', body })
    .replace(/<body>/, '')
    .replace(/<\/body>/, '');
}

/** A frameset page with the Hexo head; its second frame is a `javascript:` address that touches the top page. */
export const FRAMESET_PAGE =
  '<!doctype html><html><head hexo-theme="volantis"><meta name="generator" content="Hexo 6.3.0"><title>f</title></head><frameset cols="50%,50%"><frame src="/a.html"><frame src="javascript:top.__pwned++"></frameset></html>';

/** An RSS feed, served as XML. */
export const RSS_XML =
  '<?xml version="1.0"?><rss><channel><item><title>t</title><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>';

export const XHTML_TITLE = 'XML 标题';
export const XHTML_IMAGE = 'http://img.example.com/a.jpg';

/** The Volantis page's article as XHTML (served as XML): elements in the XHTML namespace, no HTML document.
 * `extra` is inserted at the end of the body (markup in the XHTML namespace). */
export function xhtmlArticle(extra = ''): string {
  return (
    '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head hexo-theme="volantis"><title>x</title></head><body>' +
    `<article id="post"><div class="article-meta" id="top"><h1 class="title">${XHTML_TITLE}</h1><div class="new-meta-box"><div class="new-meta-item author">` +
    `<a href="https://docs.rsshub.app/">RSSHub</a></div></div></div><div><p>XML 正文。<img src="https://cors.zfour.workers.dev/?${XHTML_IMAGE}"/></p></div></article>${extra}</body></html>`
  );
}

/** A raw post (front matter + body of `para` repeated) of at least `size` characters, as the generator writes it. */
export function hugePost(title = '纯文本', size = FIVE_MB, para = PARA): string {
  return buildPost({ title, body: hugeBody(size, para) });
}

/** Text that is no post: no front matter. 200,000 lines (5.4 MB) by default. */
export function otherText(lines = 200_000): string {
  return 'just text, no front matter\n'.repeat(lines);
}
