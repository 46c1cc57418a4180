// A long article crosses from the page to the popup in parts: the popup shows the first at once, and a copy or a
// save asks for the others a message each. In one message, a 5 MB article was serialized in one task of ~230 ms
// in the page and read back in one as long in the popup.
import type { Article } from '../core/types';

/** The most HTML one part holds (whole groups of the extraction, see `Article.htmlBreaks`; one group at least). */
export const PART_CHARS = 256 * 1024;

export interface ArticlePart {
  html: string;
  text: string;
  /** Of an article in several parts, an even slice of each list: the popup shows none of them, copies and saves
   *  join them back. (A 5 MB article's first message held its 3,000 pictures and its links; opening the popup was
   *  then a task of 90 ms of thread time in the page, 12 ms of it our script's.) */
  images?: Article['images'];
  links?: Article['links'];
  videos?: Article['videos'];
}

/** The `i`-th of `n` even slices of a list. */
function sliceOf<T>(list: T[], i: number, n: number): T[] {
  const size = Math.ceil(list.length / n);
  return list.slice(i * size, (i + 1) * size);
}

/** The article's HTML in parts of whole groups of about `size` characters, its text in as many even slices; one
 *  part when it all fits. */
export function splitArticle(
  article: Pick<Article, 'html' | 'text' | 'htmlBreaks' | 'images' | 'links' | 'videos'>,
  size = PART_CHARS,
): ArticlePart[] {
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
  return bounds.slice(1).map((end, i) => ({
    html: html.slice(bounds[i], end),
    text: text.slice(i * slice, (i + 1) * slice),
    images: sliceOf(article.images, i, n),
    links: sliceOf(article.links, i, n),
    videos: sliceOf(article.videos, i, n),
  }));
}

/** The first part as an article (its other fields whole), to show while the rest is on its way. */
export function headOf(article: Article, first: ArticlePart): Article {
  return { ...article, ...first };
}

/** The head's own part again (see headOf). */
export function partOfHead(head: Article): ArticlePart {
  return { html: head.html, text: head.text, images: head.images, links: head.links, videos: head.videos };
}

/** The whole article again from its head and all its parts, in order. */
export function joinArticle(head: Article, parts: ArticlePart[]): Article {
  // Parts from before the lists were split carry none: the head's are then whole.
  const split = parts.every((p) => p.images && p.links && p.videos);
  return {
    ...head,
    html: parts.map((p) => p.html).join(''),
    text: parts.map((p) => p.text).join(''),
    images: split ? parts.flatMap((p) => p.images!) : head.images,
    links: split ? parts.flatMap((p) => p.links!) : head.links,
    videos: split ? parts.flatMap((p) => p.videos!) : head.videos,
  };
}
