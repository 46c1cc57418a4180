// A long article crosses from the page to the popup in parts: the popup shows the first at once, and a copy or a
// save asks for the others a message each. In one message, a 5 MB article was serialized in one task of ~230 ms
// in the page and read back in one as long in the popup.
import type { Article } from '../core/types';

/** The most HTML one part holds (whole groups of the extraction, see `Article.htmlBreaks`; one group at least). */
export const PART_CHARS = 256 * 1024;

export interface ArticlePart {
  html: string;
  text: string;
}

/** The article's HTML in parts of whole groups of about `size` characters, its text in as many even slices; one
 *  part when it all fits. */
export function splitArticle(article: Pick<Article, 'html' | 'text' | 'htmlBreaks'>, size = PART_CHARS): ArticlePart[] {
  const { html, text } = article;
  if (html.length <= size) return [{ html, text }];
  const cuts: number[] = [];
  let start = 0;
  let last = 0; // the last group boundary at or before start + size
  for (const at of [...(article.htmlBreaks ?? []).filter((b) => b > 0 && b < html.length), html.length]) {
    if (at - start > size && last > start) {
      cuts.push(last);
      start = last;
    }
    last = at;
  }
  const bounds = [0, ...cuts, html.length];
  const n = bounds.length - 1;
  const slice = Math.ceil(text.length / n);
  return bounds.slice(1).map((end, i) => ({ html: html.slice(bounds[i], end), text: text.slice(i * slice, (i + 1) * slice) }));
}

/** The first part as an article (its other fields whole), to show while the rest is on its way. */
export function headOf(article: Article, first: ArticlePart): Article {
  return { ...article, html: first.html, text: first.text };
}

/** The whole article again from its head and all its parts, in order. */
export function joinArticle(head: Article, parts: ArticlePart[]): Article {
  return { ...head, html: parts.map((p) => p.html).join(''), text: parts.map((p) => p.text).join('') };
}
