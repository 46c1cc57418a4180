// The reader's wiring of highlights: the article's list (use-highlights), which of them the text no longer holds,
// what the selection toolbar does (highlight; with a note, open the panel on its note), and the panel's props.
import { useCallback, useState, type MutableRef } from 'preact/hooks';
import type { HighlightColor, TextAnchor } from '../../core/highlights';
import { t } from '../../ui/i18n';
import type { Status } from '../../ui/use-status';
import type { HighlightsPanelProps } from '../panels/HighlightsPanel';
import type { ReaderEnv } from '../reader-env';
import type { ArticleActions } from './article-actions';
import { jumpToHighlight, useHighlights, type HighlightsView } from './use-highlights';

export interface ReaderHighlights {
  view: HighlightsView;
  /** For useDisplayText: told which highlights were not found. */
  onMissing: (ids: string[]) => void;
  /** For the selection toolbar. */
  onHighlight: (anchor: TextAnchor, color: HighlightColor, withNote: boolean) => void;
  panel: (actions: ArticleActions) => HighlightsPanelProps;
}

export function useReaderHighlights(
  env: ReaderEnv,
  title: string,
  flash: (status: Status) => void,
  body: MutableRef<HTMLElement | null>,
  complete: boolean,
  openPanel: () => void,
): ReaderHighlights {
  const view = useHighlights(env.highlightStore ?? null, title, flash);
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const onMissing = useCallback(
    (ids: string[]) => setMissing((prev) => (ids.length === prev.size && ids.every((id) => prev.has(id)) ? prev : new Set(ids))),
    [],
  );
  const { add, setEditing } = view;
  const onHighlight = useCallback(
    (anchor: TextAnchor, color: HighlightColor, withNote: boolean) => {
      const h = add(anchor, color);
      flash({ text: t('hl_added'), tone: 'ok' });
      if (withNote) {
        setEditing(h.id);
        openPanel();
      }
    },
    [add, setEditing, flash, openPanel],
  );
  const panel = (actions: ArticleActions): HighlightsPanelProps => ({
    view,
    // "Not found" is only known once the whole article is in.
    missing: complete ? missing : new Set(),
    onJump: (id) => jumpToHighlight(body.current, id, env.reducedMotion),
    onCopyOnly: () => void actions.copyHighlights(),
  });
  return { view, onMissing, onHighlight, panel };
}
