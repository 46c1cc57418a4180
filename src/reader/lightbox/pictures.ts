// Which pictures of the reader open in the lightbox, what each is called, and what it shows. DOM reading only:
// no Preact, no extension API. The lightbox never runs a fallback chain of its own: the reader's picture already
// ran it (installImageFallback: original over https → as written → the proxy), so the lightbox shows the address
// that loaded there and never asks a dead one again.
import { imageCandidates } from '../../core/media';

/** The pictures of the article: the cover, then the body's, in reading order. */
export const PICTURE_SELECTOR = '.pnr-cover img, .pnr-body img';

/** Set on every picture that opens the lightbox (its value: "button" when we made it focusable ourselves). */
export const MARK = 'data-pnr-lightbox';

const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif|bmp|svg)$/i;

export interface PictureLink {
  /** The picture opens the lightbox (not in a link, or in a link to a picture file). */
  opens: boolean;
  /** The link's address when it is another picture file (a full-size version): offered in the lightbox. */
  file: string | null;
}

/**
 * A picture inside a link: a link to the picture itself or to a picture file (a thumbnail's full-size version)
 * opens the lightbox; a link anywhere else (an article, a shop) stays a link.
 */
export function pictureLink(img: HTMLImageElement): PictureLink {
  const a = img.closest('a[href]');
  if (!a) return { opens: true, file: null };
  const href = a.getAttribute('href') ?? '';
  const own = imageCandidates(img.getAttribute('src') ?? '');
  if (imageCandidates(href).some((address) => own.includes(address))) return { opens: true, file: null };
  let path = '';
  try {
    path = new URL(href, img.ownerDocument.baseURI).pathname;
  } catch {
    return { opens: false, file: null };
  }
  return IMAGE_FILE.test(path) ? { opens: true, file: href } : { opens: false, file: null };
}

/** Every address of the reader's chain failed for it (installImageFallback marks it). */
export const failed = (img: HTMLImageElement): boolean => img.hasAttribute('data-pnr-failed');

/** Under 24 × 24 px (WCAG 2.5.8's smallest target): a tracking pixel, an icon, an emoji, with nothing more to show.
 *  Known once loaded; a picture still loading counts as a picture. */
const MIN_SIDE = 24;
export const tiny = (img: HTMLImageElement): boolean =>
  img.complete && img.naturalWidth > 0 && img.naturalWidth < MIN_SIDE && img.naturalHeight < MIN_SIDE;

/** The picture opens the lightbox: not in a link elsewhere, not tiny, not failed for good. */
export const opensLightbox = (img: HTMLImageElement): boolean => !failed(img) && !tiny(img) && pictureLink(img).opens;

/** The pictures the lightbox steps through, in reading order. */
export function lightboxPictures(root: ParentNode): HTMLImageElement[] {
  return Array.from(root.querySelectorAll<HTMLImageElement>(PICTURE_SELECTOR)).filter(opensLightbox);
}

const squash = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** The picture's caption as text: its figure's figcaption, else its alt text ('' when it has neither). */
export function pictureCaption(img: HTMLImageElement): string {
  const figure = img.closest('figure');
  const caption = figure ? squash(figure.querySelector('figcaption')?.textContent) : '';
  return caption || squash(img.getAttribute('alt'));
}

export type Shown = { state: 'loaded'; src: string } | { state: 'loading' } | { state: 'failed' };

/**
 * What the reader's picture has come to: the address it loaded (`currentSrc` follows srcset and the fallback),
 * still on its way (lazy, or the fallback trying the next address), or failed for good.
 * `loadedNow`: a load event was just seen (an SVG without a size loads with naturalWidth 0).
 */
export function shownPicture(img: HTMLImageElement, loadedNow = false): Shown {
  if (failed(img)) return { state: 'failed' };
  const src = img.currentSrc || img.getAttribute('src') || '';
  if (src && (loadedNow || (img.complete && img.naturalWidth > 0))) return { state: 'loaded', src };
  return { state: 'loading' };
}

/** Where focus goes back to when the lightbox closes on `img`: the picture, or the link around it. */
export function focusTarget(img: HTMLImageElement): HTMLElement | null {
  if (!img.isConnected) return null;
  if (img.getAttribute(MARK) === 'button') return img;
  return img.closest<HTMLElement>('a[href]');
}
