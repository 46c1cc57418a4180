// Which pictures an article's saved file holds, and where each can be fetched from: the addresses of the reader's
// fallback chain (original over https → as written → the proxy the page used), from the core's `imageCandidates`.
import { imageCandidates } from '../core/media';
import type { Article } from '../core/types';

export interface PictureRef {
  /** The address the sanitized body (or the cover) names: the key the builders look pictures up by. */
  url: string;
  /** Where to fetch it, in order. */
  candidates: string[];
}

const HTTP = /^https?:\/\//i;

/** The cover the saved HTML shows: not a placeholder, and not already one of the body's pictures. */
export function shownCover(article: Pick<Article, 'cover' | 'images'>): string | null {
  const cover = article.cover;
  if (!cover || cover.placeholder || !HTTP.test(cover.url)) return null;
  return article.images.some((img) => img.url === cover.url) ? null : cover.url;
}

function candidatesFor(article: Pick<Article, 'images' | 'cover'>, url: string): string[] {
  // The page's own form (proxied, lazy) when the extraction kept it: its proxy is the last resort.
  const item = article.images.find((img) => img.url === url);
  const written = item?.original ?? (article.cover?.url === url ? article.cover.original : null) ?? url;
  const chain = imageCandidates(written);
  return chain.length > 0 ? chain : HTTP.test(url) ? [url] : [];
}

/** The body's `<img src>` addresses in document order, each once, then the shown cover (when `withCover`). */
export function pictureRefs(article: Pick<Article, 'html' | 'images' | 'cover'>, withCover: boolean): PictureRef[] {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${article.html}`, 'text/html');
  const urls: string[] = [];
  for (const img of Array.from(parsed.querySelectorAll('img'))) {
    const src = img.getAttribute('src') ?? '';
    if (HTTP.test(src) && !urls.includes(src)) urls.push(src);
  }
  const cover = withCover ? shownCover(article) : null;
  if (cover && !urls.includes(cover)) urls.push(cover);
  return urls.map((url) => ({ url, candidates: candidatesFor(article, url) })).filter((r) => r.candidates.length > 0);
}

/**
 * The host permissions a save of `article` asks for: one match pattern per scheme and host of every address of
 * every picture (the extraction's list is complete even when the body came in parts). Worked out without a DOM
 * and synchronously: `permissions.request` must be called in the click's own handler.
 */
export function pictureOrigins(article: Pick<Article, 'images' | 'cover'>): string[] {
  const out = new Set<string>();
  const urls = article.images.map((img) => img.url);
  const cover = shownCover(article);
  if (cover) urls.push(cover);
  for (const url of urls) {
    for (const candidate of candidatesFor(article, url)) {
      try {
        const u = new URL(candidate);
        // Match patterns name a host, not a port: the pattern covers every port of it.
        out.add(`${u.protocol}//${u.hostname}/*`);
      } catch {
        // not a URL: nothing to ask for
      }
    }
  }
  return [...out].sort();
}
