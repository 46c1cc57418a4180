// The article's highlights: loaded from storage when the reader opens, changed from the selection toolbar and the
// Highlights panel, each change saved at once. Saving may drop the oldest article's highlights (the store's bound);
// the status line says whose.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { byPosition, newHighlightId, type Highlight, type HighlightColor, type TextAnchor } from '../../core/highlights';
import { t } from '../../ui/i18n';
import { errorText, type Status } from '../../ui/use-status';
import type { HighlightStore } from '../highlight-store';

export interface HighlightsSource {
  store: HighlightStore;
  /** The article's canonical address. */
  key: string;
}

export interface HighlightsView {
  /** In reading order. */
  items: readonly Highlight[];
  /** The one whose note is being edited (the panel opens it). */
  editing: string | null;
  setEditing: (id: string | null) => void;
  add: (anchor: TextAnchor, color: HighlightColor) => Highlight;
  update: (id: string, patch: Partial<Pick<Highlight, 'note' | 'color'>>) => void;
  remove: (id: string) => void;
  /** The current list, for copy and save (stable: read at the click). */
  current: () => readonly Highlight[];
}

export function useHighlights(source: HighlightsSource | null, title: string, flash: (status: Status) => void): HighlightsView {
  const [items, setItems] = useState<readonly Highlight[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const latest = useRef<readonly Highlight[]>([]);
  latest.current = items;

  useEffect(() => {
    if (!source) return;
    let live = true;
    source.store.get(source.key).then(
      (stored) => {
        // A highlight made before the stored ones arrived is kept with them.
        if (live) setItems((now) => [...stored.filter((s) => !now.some((n) => n.id === s.id)), ...now].sort(byPosition));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [source]);

  const persist = useCallback(
    (next: readonly Highlight[]) => {
      latest.current = next;
      setItems(next);
      if (!source) return;
      source.store.put(source.key, title, [...next]).then(
        ({ dropped }) => {
          if (dropped.length) flash({ text: t('hl_dropped', dropped.map((d) => d.title || d.url).join('”, “')), tone: 'info' });
        },
        (err: unknown) => flash({ text: t('hl_notSaved', errorText(err)), tone: 'error' }),
      );
    },
    [source, title, flash],
  );

  const add = useCallback(
    (anchor: TextAnchor, color: HighlightColor): Highlight => {
      const now = Date.now();
      const h: Highlight = { ...anchor, id: newHighlightId(now), color, note: '', created: now, edited: now };
      persist([...latest.current, h].sort(byPosition));
      return h;
    },
    [persist],
  );

  const update = useCallback(
    (id: string, patch: Partial<Pick<Highlight, 'note' | 'color'>>) =>
      persist(latest.current.map((h) => (h.id === id ? { ...h, ...patch, edited: Date.now() } : h))),
    [persist],
  );

  const remove = useCallback((id: string) => persist(latest.current.filter((h) => h.id !== id)), [persist]);
  const current = useCallback(() => latest.current, []);

  return { items, editing, setEditing, add, update, remove, current };
}

/** Scrolls the highlight's first mark into view and moves focus to it (so reading on by keyboard starts there). */
export function jumpToHighlight(body: HTMLElement | null, id: string, reducedMotion = false): boolean {
  const mark = Array.from(body?.querySelectorAll<HTMLElement>('mark[data-pnr-hl-start]') ?? []).find(
    (m) => m.getAttribute('data-pnr-hl') === id,
  );
  if (!mark) return false;
  mark.scrollIntoView?.({ block: 'center', behavior: reducedMotion ? 'auto' : 'smooth' });
  mark.tabIndex = -1;
  mark.focus({ preventScroll: true });
  return true;
}
