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

/** A long article's HTML in the groups the extraction made (`htmlBreaks`): each is whole elements. */
export function htmlGroups(article: { html: string; htmlBreaks?: number[] }): string[] {
  const breaks = article.htmlBreaks ?? [];
  const bounds = [0, ...breaks.filter((b) => b > 0 && b < article.html.length), article.html.length];
  return bounds.slice(1).map((end, i) => article.html.slice(bounds[i], end));
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
