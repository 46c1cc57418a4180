// A picture of the article at full size, above the reader: zoom to fit or 100 %, ←/→ through the article's
// pictures (wrapping round at either end: the counter says where you are), Esc / Close / a click on the backdrop
// closes. A modal dialog of its own: the top-most layer (../layers.ts) while open, so it gets the keys first and
// keeps the focus inside.
import { useContext, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { useShownPicture } from '../hooks/use-shown-picture';
import { LayersContext } from '../layers';
import { pictureCaption, pictureLink } from './pictures';
import { useSwipe } from './swipe';

const CAPTION_ID = 'pnr-lightbox-caption';
const FOCUSABLE = 'button:not([disabled]), a[href]';

export interface LightboxProps {
  pictures: HTMLImageElement[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}

const Chevron = ({ left }: { left?: boolean }) => (
  <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2">
    <path d={left ? 'M15 5l-7 7 7 7' : 'M9 5l7 7-7 7'} stroke-linecap="round" stroke-linejoin="round" />
  </svg>
);

export function Lightbox({ pictures, index, onIndex, onClose }: LightboxProps) {
  const img = pictures[index]!;
  const count = pictures.length;
  const shown = useShownPicture(img);
  // Each picture starts fitted, and a broken address is that address's: both kept with what they are about.
  const [zoomed, setZoomed] = useState<HTMLImageElement | null>(null);
  const full = zoomed === img;
  const setFull = (on: boolean) => setZoomed(on ? img : null);
  const [brokenSrc, setBrokenSrc] = useState<string | null>(null);
  const broken = shown.state === 'loaded' && shown.src === brokenSrc;
  const dialog = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const layers = useContext(LayersContext);
  const caption = pictureCaption(img);
  const file = pictureLink(img).file;
  const step = (by: number) => onIndex((index + by + count) % count);
  const swipe = useSwipe(!full, (s) => (s === 'close' ? onClose() : count > 1 && step(s === 'next' ? 1 : -1)));

  // 100 %: start from the middle of the picture, as the fitted view showed it.
  useLayoutEffect(() => {
    const s = stage.current;
    if (!s) return;
    s.scrollLeft = full ? (s.scrollWidth - s.clientWidth) / 2 : 0;
    s.scrollTop = full ? (s.scrollHeight - s.clientHeight) / 2 : 0;
  }, [full, shown]);

  // The keys, while on top. Layout effect: registered before a key typed right after the opening click.
  const keys = useRef((_: KeyboardEvent) => undefined as void);
  keys.current = (event: KeyboardEvent) => {
    const plain = !event.altKey && !event.ctrlKey && !event.metaKey;
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && plain && count > 1) {
      event.preventDefault();
      step(event.key === 'ArrowLeft' ? -1 : 1);
    } else if (event.key === 'Tab') {
      keepFocusInside(event, dialog.current);
    }
  };
  useLayoutEffect(() => layers.push({ onKeyDown: (event) => keys.current(event) }), [layers]);
  useLayoutEffect(() => dialog.current?.querySelector<HTMLElement>('[data-action=lightbox-close]')?.focus(), []);

  const note = shown.state === 'failed' || broken ? t('lightbox_failed') : shown.state === 'loading' ? t('lightbox_loading') : null;
  return (
    <div
      class="pnr-lightbox"
      role="dialog"
      aria-modal="true"
      aria-label={t('lightbox_title')}
      aria-describedby={caption ? CAPTION_ID : undefined}
      data-testid="lightbox"
      ref={dialog}
    >
      <div class="pnr-lightbox-bar">
        <span class="pnr-lightbox-count" data-testid="lightbox-count" aria-hidden="true">
          {index + 1} / {count}
        </span>
        <span class="pnr-lightbox-sr" aria-live="polite">
          {t('lightbox_position', [index + 1, count])}
        </span>
        <button
          type="button"
          class="pnr-lightbox-button"
          data-action="lightbox-zoom"
          title={t('lightbox_zoomHint')}
          aria-pressed={full}
          onClick={() => setFull(!full)}
        >
          {t('lightbox_actualSize')}
        </button>
        {file && (
          <a class="pnr-lightbox-button" href={file} target="_blank" rel="noopener noreferrer" data-testid="lightbox-file">
            {t('lightbox_openFile')}
          </a>
        )}
        <button type="button" class="pnr-lightbox-button" data-action="lightbox-close" title={t('lightbox_closeHint')} onClick={onClose}>
          {t('lightbox_close')}
        </button>
      </div>
      <div
        class="pnr-lightbox-stage"
        data-zoom={full ? 'full' : 'fit'}
        data-testid="lightbox-stage"
        ref={stage}
        {...swipe}
        // The backdrop (around the picture) closes; the picture itself toggles the zoom.
        onClick={(event) => event.target === event.currentTarget && onClose()}
      >
        {note !== null ? (
          <p class="pnr-lightbox-note" data-testid="lightbox-note">
            {note}
          </p>
        ) : (
          shown.state === 'loaded' && (
            <img
              key={shown.src}
              class="pnr-lightbox-img"
              referrerpolicy="no-referrer"
              src={shown.src}
              alt={img.getAttribute('alt') ?? ''}
              data-testid="lightbox-img"
              onClick={() => setFull(!full)}
              onError={() => setBrokenSrc(shown.src)}
            />
          )
        )}
      </div>
      {count > 1 && (
        <>
          <button type="button" class="pnr-lightbox-step pnr-lightbox-prev" data-action="lightbox-previous" onClick={() => step(-1)}>
            <Chevron left />
            <span class="pnr-lightbox-sr">{t('lightbox_previous')}</span>
          </button>
          <button type="button" class="pnr-lightbox-step pnr-lightbox-next" data-action="lightbox-next" onClick={() => step(1)}>
            <Chevron />
            <span class="pnr-lightbox-sr">{t('lightbox_next')}</span>
          </button>
        </>
      )}
      {caption && (
        <p class="pnr-lightbox-caption" id={CAPTION_ID} data-testid="lightbox-caption">
          {caption}
        </p>
      )}
    </div>
  );
}

/** Tab and Shift+Tab go round the lightbox's own controls. */
function keepFocusInside(event: KeyboardEvent, root: HTMLElement | null): void {
  const items = root ? Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)) : [];
  if (items.length === 0) return;
  const active = (root!.getRootNode() as Document | ShadowRoot).activeElement as HTMLElement | null;
  const at = active ? items.indexOf(active) : -1;
  event.preventDefault();
  const next = at < 0 ? (event.shiftKey ? items.length - 1 : 0) : (at + (event.shiftKey ? -1 : 1) + items.length) % items.length;
  items[next]!.focus();
}
