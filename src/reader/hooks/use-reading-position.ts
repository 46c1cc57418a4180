// Reading position: restored once the whole article is in, saved as the user scrolls (throttled), flushed on close.
import { useEffect, type MutableRef } from 'preact/hooks';
import { t } from '../../ui/i18n';
import type { Status } from '../../ui/use-status';
import { firstVisibleParagraph, restorePosition, scrollFraction, throttle, type PositionStore } from '../reading-position';

export function useReadingPosition(
  scroller: MutableRef<HTMLElement | null>,
  positions: { store: PositionStore; key: string } | null,
  paragraphs: () => HTMLElement[],
  complete: boolean,
  flash: (status: Status) => void,
): void {
  useEffect(() => {
    const el = scroller.current;
    // The saved place is found in the whole article, once it is all there.
    if (!el || !positions || !complete) return;
    let live = true;
    void positions.store.get(positions.key).then((pos) => {
      if (!live || !pos) return;
      restorePosition(el, paragraphs(), pos);
      flash({ text: t('reader_resumed'), tone: 'ok' });
    });
    const save = throttle(() => {
      positions.store
        .save(positions.key, { fraction: scrollFraction(el), paragraph: firstVisibleParagraph(el, paragraphs()) })
        // Not kept (storage full, or the extension updated under the reader): the page must not hear of it.
        .catch(() => undefined);
    }, 1000);
    el.addEventListener('scroll', save, { passive: true });
    return () => {
      live = false;
      el.removeEventListener('scroll', save);
      save.flush();
    };
  }, [scroller, positions, paragraphs, flash, complete]);
}
