// The messages between extension contexts. One discriminated union, so every sender and
// handler is type-checked against the same contract.
import type { Listing } from '../core/listing';
import type { Article, Detection } from '../core/types';
import type { ArticlePart } from './article-parts';

export interface PageState {
  url: string;
  /** The article's key for what is kept per article (its canonical address): the popup reads its highlights by it. */
  key?: string;
  detection: Detection;
  /** null when the page is not an article (or extraction failed: see `error`). */
  article: Article | null;
  /** The page's `data-proxied-news-reader` attribute: 'cleaned' (an article), 'images' (a listing of the family
   * whose pictures were restored), 'reader', or absent ('none'). */
  mode: 'cleaned' | 'images' | 'reader' | 'none';
  /** On a listing page of the family: the posts it shows. */
  listing?: Listing;
  autoClean: { global: boolean; site: boolean };
  error: string | null;
  /** True when `article` is a page's main text found by Readability (any page, not a proxied-news article). */
  generic?: boolean;
  /** A long article comes in parts (src/shared/article-parts.ts): `article` holds the first one's HTML and text,
   *  `pnr:get-article-part` gives the others, 1 to `parts - 1`. */
  parts?: number;
}

export type Request =
  | { type: 'pnr:get-state' }
  | { type: 'pnr:toggle-reader' }
  | { type: 'pnr:set-reader'; on: boolean }
  | { type: 'pnr:clean-now' }
  /** The state, with Readability's article when the page is not a proxied-news article (`generic: true`);
   * runs Readability, so only on a user's request (the popup opening), never on every page. */
  | { type: 'pnr:get-generic' }
  /** Part `part` of the article the last state gave in parts; null when the page has another article since. */
  | { type: 'pnr:get-article-part'; part: number };

export type Response<R extends Request> = R extends { type: 'pnr:get-state' | 'pnr:get-generic' }
  ? PageState
  : R extends { type: 'pnr:toggle-reader' | 'pnr:set-reader' }
    ? { reader: boolean }
    : R extends { type: 'pnr:clean-now' }
      ? { cleaned: boolean }
      : R extends { type: 'pnr:get-article-part' }
        ? ArticlePart | null
        : never;

/** From the reader (a content script, which has no `permissions` API) to the background: open the extension page
 *  that saves the article with its pictures (src/background/handlers.ts `openPictureSave`). */
export interface SavePicturesRequest {
  type: 'pnr:save-pictures';
  kind: 'html' | 'zip';
}

export function isSavePicturesRequest(value: unknown): value is SavePicturesRequest {
  const v = value as Partial<SavePicturesRequest> | null;
  return typeof v === 'object' && v !== null && v.type === 'pnr:save-pictures' && (v.kind === 'html' || v.kind === 'zip');
}

export function isRequest(value: unknown): value is Request {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    (value as { type: string }).type.startsWith('pnr:')
  );
}
