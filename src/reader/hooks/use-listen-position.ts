// Where read aloud stopped in this article, remembered as it reads (at most every 2 s, and on close), forgotten
// when the article was read to its end or the user declines the offer to continue.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ListenPosition, ListenPositionStore } from '../listen-position';
import { throttle } from '../reading-position';

type Place = { paragraph: number; sentence: number };

export interface ListenMemory {
  /** A place saved by an earlier reading, while it is offered (null once reading starts or it is declined). */
  offer: ListenPosition | null;
  remember: (place: Place) => void;
  /** Drops the offer, keeping the saved place (reading has started, and will save its own). */
  hideOffer: () => void;
  /** Forgets the saved place (read to the end, or declined). */
  forget: () => void;
}

const SAVE_EVERY_MS = 2000;

export function useListenPosition(positions: { key: string; listen?: ListenPositionStore } | null): ListenMemory {
  const store = positions?.listen;
  const key = positions?.key;
  const [offer, setOffer] = useState<ListenPosition | null>(null);

  useEffect(() => {
    if (!store || !key) return;
    let live = true;
    void store.get(key).then((pos) => {
      if (live) setOffer(pos);
    });
    return () => {
      live = false;
    };
  }, [store, key]);

  const save = useMemo(
    () =>
      throttle((place: Place | null) => {
        // Not kept (storage full, or the extension updated under the reader): the page must not hear of it.
        if (store && key) store.save(key, place).catch(() => undefined);
      }, SAVE_EVERY_MS),
    [store, key],
  );
  // Closing the reader writes the last place at once.
  useEffect(() => () => save.flush(), [save]);

  return useMemo(
    () => ({
      offer,
      remember: (place: Place) => save(place),
      hideOffer: () => setOffer(null),
      forget: () => {
        save(null);
        save.flush();
        setOffer(null);
      },
    }),
    [offer, save],
  );
}
