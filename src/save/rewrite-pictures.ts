// The body of a saved file, pictures resolved: the article's HTML through the same sanitizer as the reader
// (DOMPurify, src/core/sanitize.ts), then, in an inert document, each picture pointed at what the file holds for it
// (a data: URI, or a path inside the zip) or, when the file holds nothing for it, replaced by a link to its
// address with its alt text. Runs after sanitizing: the sanitizer drops data: URIs, and these are ours, built from
// bytes checked to be a picture.
import { sanitizeHtml } from '../core/sanitize';

/** The text of a picture kept as a link: its alt text, else its file name, else its host. */
export function pictureLinkText(url: string, alt: string): string {
  const text = alt.replace(/\s+/g, ' ').trim();
  if (text) return `🖼 ${text}`;
  try {
    const u = new URL(url);
    const name = decodeURIComponent(u.pathname.split('/').filter(Boolean).pop() ?? '');
    return `🖼 ${name || u.hostname}`;
  } catch {
    return '🖼';
  }
}

export interface Rewritten {
  html: string;
  /** The addresses of the pictures replaced by links, in document order (each once). */
  linked: string[];
}

/**
 * `srcFor(url)`: what the file holds for the picture at `url` (a `data:` URI or a relative path), or null to keep
 * it as a link. `win`: the window whose DOMPurify sanitizes (the popup's, an extension page's, jsdom's).
 */
export function rewritePictures(html: string, srcFor: (url: string) => string | null, win: Window = window): Rewritten {
  const clean = sanitizeHtml(html, win);
  const doc = new (win as Window & typeof globalThis).DOMParser().parseFromString(`<!doctype html><body>${clean}`, 'text/html');
  const linked: string[] = [];
  // A <picture>'s sources would be chosen over the <img>: the file holds one picture, the img's.
  for (const source of Array.from(doc.querySelectorAll('picture > source'))) source.remove();
  for (const img of Array.from(doc.body.querySelectorAll('img'))) {
    const url = img.getAttribute('src') ?? '';
    img.removeAttribute('srcset');
    img.removeAttribute('sizes');
    const src = url ? srcFor(url) : null;
    if (src !== null) {
      img.setAttribute('src', src);
      // In the file already: nothing to wait for (and a lazy picture of a printed page may never be decoded).
      img.setAttribute('loading', 'eager');
      continue;
    }
    const a = doc.createElement('a');
    if (/^https?:\/\//i.test(url)) a.setAttribute('href', url);
    a.textContent = pictureLinkText(url, img.getAttribute('alt') ?? '');
    img.replaceWith(a);
    if (url && !linked.includes(url)) linked.push(url);
  }
  // Posters are pictures too, never fetched here: left out rather than loaded from the network later.
  for (const video of Array.from(doc.body.querySelectorAll('video[poster]'))) video.removeAttribute('poster');
  return { html: doc.body.innerHTML, linked };
}
