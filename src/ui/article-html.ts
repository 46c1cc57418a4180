// Preparing the core's sanitized article HTML for display, and keeping its images visible.
// From the module itself, not the index: the popup need not pull in the extractor.
import { imageCandidates } from '../core/media';

/**
 * Adds display attributes to the sanitized HTML before it reaches a live document: images must
 * carry `referrerpolicy` before their first request (the source sites refuse foreign referrers),
 * and links must open outside the UI. Parsed in an inert DOMParser document: nothing loads here.
 */
export function prepareArticleHtml(html: string, options: { inPageLinks?: boolean } = {}): string {
  return preparedBody(html, options.inPageLinks).innerHTML;
}

/** The same, as the nodes of an inert document, ready to be moved into a live one (nothing loads before). */
export function prepareArticleNodes(html: string): Node[] {
  return Array.from(preparedBody(html).childNodes);
}

/** `inPageLinks`: links to a place in the same document (a saved file's footnotes) stay in it. */
function preparedBody(html: string, inPageLinks = false): HTMLElement {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  for (const img of Array.from(parsed.body.querySelectorAll('img'))) {
    // Feeds rarely describe their pictures. Without alt, screen readers read out the file name
    // (a proxy URL here); an empty alt is the honest "no description" and keeps them quiet.
    if (!img.hasAttribute('alt')) img.setAttribute('alt', '');
    img.setAttribute('referrerpolicy', 'no-referrer');
    img.setAttribute('decoding', 'async');
    if (!img.hasAttribute('loading')) img.setAttribute('loading', 'lazy');
  }
  for (const el of Array.from(parsed.body.querySelectorAll('video, audio, iframe, source'))) {
    el.setAttribute('referrerpolicy', 'no-referrer');
  }
  for (const a of Array.from(parsed.body.querySelectorAll('a[href]'))) {
    if (inPageLinks && a.getAttribute('href')!.startsWith('#')) continue;
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
  }
  return parsed.body;
}

/** One group of a long article's HTML (see `Article.htmlBreaks`), and how deep its nodes go. */
export interface HtmlGroup {
  html: string;
  depth: number;
}

/** A long article's HTML in the groups the extraction made (`htmlBreaks`, `htmlDepths`); an article cut short (the
 *  first part of a long one, see shared/article-parts.ts) in those that begin within it. */
export function htmlGroups(article: { html: string; htmlBreaks?: number[]; htmlDepths?: number[] }): HtmlGroup[] {
  const { html } = article;
  const groups: HtmlGroup[] = [];
  let start = 0;
  let depth = 0;
  for (const [i, at] of (article.htmlBreaks ?? []).entries()) {
    if (at >= html.length) break;
    // An empty group: the one after it begins at the same place.
    if (at > start) groups.push({ html: html.slice(start, at), depth });
    start = at;
    depth = article.htmlDepths?.[i] ?? 0;
  }
  groups.push({ html: html.slice(start), depth });
  return groups;
}

/** Where a group's nodes go in the element that shows the article: the element itself at depth 0, else the last
 *  element at that depth (a wrapper an earlier group opened). */
export function groupContainer(root: Element, depth: number): Element {
  let container = root;
  for (let d = 0; d < depth; d++) container = container.lastElementChild ?? container;
  return container;
}

const tried = new WeakMap<HTMLImageElement, { candidates: string[]; used: Set<string> }>();

/**
 * On an image `error`, moves the image to the next untried address of `imageCandidates` (original
 * over https → as written → the proxy). Listens in the capture phase because `error` does not
 * bubble. Returns the function that removes the listener.
 */
export function installImageFallback(root: Node): () => void {
  const onError = (event: Event): void => {
    const img = event.target;
    if (!(img instanceof Element) || img.localName !== 'img') return;
    advanceImage(img as HTMLImageElement);
  };
  root.addEventListener('error', onError, true);
  return () => root.removeEventListener('error', onError, true);
}

/** Points `img` at its next candidate; false (and `data-pnr-failed`) when none is left. */
export function advanceImage(img: HTMLImageElement): boolean {
  let state = tried.get(img);
  const current = img.getAttribute('src') ?? '';
  if (!state) {
    state = { candidates: current ? imageCandidates(current) : [], used: new Set() };
    tried.set(img, state);
  }
  state.used.add(current);
  if (img.currentSrc) state.used.add(img.currentSrc);
  const next = state.candidates.find((c) => !state.used.has(c));
  if (next === undefined) {
    img.setAttribute('data-pnr-failed', '');
    return false;
  }
  state.used.add(next);
  // A srcset would win over src again; the fallback chain is about one address.
  img.removeAttribute('srcset');
  img.setAttribute('src', next);
  return true;
}
