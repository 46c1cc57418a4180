// Pictures of the reader open in the lightbox: a click (or Enter/Space on a focused picture) opens it on that
// picture; closing gives focus back to the picture shown last. Hidden pictures ("Show images" off) open nothing.
import { useCallback, useEffect, useRef, useState, type MutableRef } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { focusQuietly } from '../quiet-focus';
import { focusTarget, lightboxPictures, MARK, opensLightbox, pictureCaption, PICTURE_SELECTOR } from '../lightbox/pictures';

export interface LightboxOpen {
  /** The pictures it steps through, as they were when it opened. */
  pictures: HTMLImageElement[];
  index: number;
}

export interface LightboxView {
  open: LightboxOpen | null;
  show: (index: number) => void;
  close: () => void;
}

/** Makes a picture a control for assistive tech and the keyboard; one in a link keeps the link as its control. */
function mark(img: HTMLImageElement): void {
  const caption = pictureCaption(img);
  const label = caption ? t('lightbox_openNamed', caption) : t('lightbox_open');
  if (img.closest('a[href]')) {
    if (img.getAttribute(MARK) !== 'link') img.setAttribute(MARK, 'link');
    return;
  }
  if (img.getAttribute(MARK) === 'button' && img.getAttribute('aria-label') === label) return;
  img.setAttribute(MARK, 'button');
  img.setAttribute('role', 'button');
  img.setAttribute('tabindex', '0');
  img.setAttribute('aria-label', label);
}

function unmark(img: HTMLImageElement): void {
  if (!img.hasAttribute(MARK)) return;
  if (img.getAttribute(MARK) === 'button') for (const name of ['role', 'tabindex', 'aria-label']) img.removeAttribute(name);
  img.removeAttribute(MARK);
}

/** The picture a click or key on `target` is for: the picture itself, or the one picture of a link. */
function pictureAt(target: EventTarget | null): HTMLImageElement | null {
  if (!(target instanceof Element)) return null;
  const img = target.closest('img') ?? (target.closest('a[href]')?.querySelector('img') || null);
  return img?.hasAttribute(MARK) ? img : null;
}

export function useLightbox(
  articleEl: MutableRef<HTMLElement | null>,
  scroller: MutableRef<HTMLElement | null>,
  showImages: boolean,
): LightboxView {
  const [open, setOpen] = useState<LightboxOpen | null>(null);

  const openOn = useCallback(
    (img: HTMLImageElement): boolean => {
      const root = articleEl.current;
      const pictures = root ? lightboxPictures(root) : [];
      const index = pictures.indexOf(img);
      if (index < 0) return false;
      setOpen({ pictures, index });
      return true;
    },
    [articleEl],
  );

  useEffect(() => {
    const root = articleEl.current;
    if (!root) return;
    const all = () => Array.from(root.querySelectorAll<HTMLImageElement>(PICTURE_SELECTOR));
    if (!showImages) {
      // Hidden pictures are not controls (a focusable picture nobody sees would trap the Tab order too).
      for (const img of all()) unmark(img);
      setOpen(null);
      return;
    }
    const update = (img: HTMLImageElement): void => (opensLightbox(img) ? mark(img) : unmark(img));
    // Later groups of a long article, pictures whose every address failed, and tiny ones once loaded: followed.
    const sync = (): void => all().forEach(update);
    sync();
    const onLoad = (event: Event): void => {
      if (event.target instanceof HTMLImageElement && event.target.matches(PICTURE_SELECTOR)) update(event.target);
    };
    root.addEventListener('load', onLoad, true);
    const observer = new MutationObserver(sync);
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-pnr-failed'] });

    const onClick = (event: MouseEvent): void => {
      const img = pictureAt(event.target);
      if (!img || event.button !== 0) return;
      // Ctrl/⌘/Shift-click on a linked picture: the browser's own "open in a new tab" stays.
      if (img.closest('a[href]') && (event.ctrlKey || event.metaKey || event.shiftKey)) return;
      if (openOn(img)) event.preventDefault();
    };
    // Enter and Space on a focused picture (a link's Enter arrives as a click).
    const onKey = (event: KeyboardEvent): void => {
      if ((event.key !== 'Enter' && event.key !== ' ') || event.altKey || event.ctrlKey || event.metaKey) return;
      const img = event.target instanceof HTMLImageElement ? pictureAt(event.target) : null;
      if (img && openOn(img)) event.preventDefault();
    };
    root.addEventListener('click', onClick);
    root.addEventListener('keydown', onKey);
    return () => {
      observer.disconnect();
      root.removeEventListener('load', onLoad, true);
      root.removeEventListener('click', onClick);
      root.removeEventListener('keydown', onKey);
    };
  }, [articleEl, showImages, openOn]);

  const current = useRef(open);
  current.current = open;
  const close = useCallback(() => {
    const now = current.current;
    if (!now) return;
    setOpen(null);
    // Back to the picture shown last (the reader scrolls to it if the arrows went elsewhere).
    const target = focusTarget(now.pictures[now.index]!);
    if (target) target.focus();
    else if (scroller.current) focusQuietly(scroller.current);
  }, [scroller]);

  const show = useCallback((index: number) => setOpen((current) => current && { ...current, index }), []);

  return { open, show, close };
}
