// The article's highlights: each with its colour, text and note, to jump to, to edit the note of, or to delete;
// and "copy highlights only". Quotes and notes are the user's text: rendered as text, never as HTML.
import { useEffect, useRef } from 'preact/hooks';
import { HIGHLIGHT_COLORS, MAX_NOTE_CHARS, type Highlight } from '../../core/highlights';
import { t } from '../../ui/i18n';
import type { HighlightsView } from '../hooks/use-highlights';
import { PanelFrame } from '../tool-button';

export interface HighlightsPanelProps {
  view: HighlightsView;
  /** Ids not found in the article's text (only said once the whole article is in). */
  missing: ReadonlySet<string>;
  onJump: (id: string) => void;
  onCopyOnly: () => void;
}

/** A quote short enough for a list row and a button's name. */
const short = (s: string, max = 80): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function NoteEditor({ h, view }: { h: Highlight; view: HighlightsView }) {
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.focus(), []);
  const id = `pnr-hl-note-${h.id}`;
  return (
    <form
      class="pnr-hl-editor"
      onSubmit={(e) => {
        e.preventDefault();
        // Read from the box: a click may come before the last keystroke's render.
        view.update(h.id, { note: box.current?.value ?? h.note });
        view.setEditing(null);
      }}
    >
      <label class="pnr-field-label" for={id}>
        {t('hl_note')}
      </label>
      <textarea id={id} ref={box} rows={3} maxLength={MAX_NOTE_CHARS} defaultValue={h.note} />
      <div class="pnr-panel-row">
        <button type="submit" class="pnr-btn pnr-btn-primary" data-action="hl-save-note">
          {t('hl_saveNote')}
        </button>
        <button type="button" class="pnr-btn" data-action="hl-cancel-note" onClick={() => view.setEditing(null)}>
          {t('hl_cancel')}
        </button>
      </div>
    </form>
  );
}

export function HighlightsPanel({ view, missing, onJump, onCopyOnly }: HighlightsPanelProps) {
  const { items } = view;
  return (
    <PanelFrame panel="highlights" label={t('reader_highlights')}>
      {items.length === 0 ? (
        <p class="pnr-panel-note" data-testid="hl-empty">
          {t('hl_empty')}
        </p>
      ) : (
        <>
          <ol class="pnr-hl-list" data-testid="hl-list">
            {items.map((h) => (
              <li key={h.id} class="pnr-hl-item" data-hl-id={h.id}>
                <span class="pnr-hl-swatch" data-color={h.color} aria-hidden="true" />
                <div class="pnr-hl-main">
                  <blockquote class="pnr-hl-quote" data-testid="hl-quote">
                    {short(h.quote, 300)}
                  </blockquote>
                  {missing.has(h.id) && <p class="pnr-panel-note">{t('hl_missing')}</p>}
                  {view.editing === h.id ? (
                    <NoteEditor h={h} view={view} />
                  ) : (
                    h.note && (
                      <p class="pnr-hl-note" data-testid="hl-note">
                        {h.note}
                      </p>
                    )
                  )}
                  <div class="pnr-panel-row pnr-hl-actions">
                    <button
                      type="button"
                      class="pnr-btn"
                      data-action="hl-jump"
                      aria-label={t('hl_goToLabel', short(h.quote))}
                      disabled={missing.has(h.id)}
                      onClick={() => onJump(h.id)}
                    >
                      {t('hl_goTo')}
                    </button>
                    {view.editing !== h.id && (
                      <button type="button" class="pnr-btn" data-action="hl-edit-note" onClick={() => view.setEditing(h.id)}>
                        {h.note ? t('hl_editNote') : t('hl_addNote')}
                      </button>
                    )}
                    <select
                      class="pnr-hl-color"
                      aria-label={t('hl_mark', t(`hl_color_${h.color}`))}
                      value={h.color}
                      onChange={(e) => view.update(h.id, { color: e.currentTarget.value as Highlight['color'] })}
                    >
                      {HIGHLIGHT_COLORS.map((c) => (
                        <option key={c} value={c}>
                          {t(`hl_color_${c}`)}
                        </option>
                      ))}
                    </select>
                    <button
                      type="button"
                      class="pnr-btn"
                      data-action="hl-delete"
                      aria-label={t('hl_deleteLabel', short(h.quote))}
                      onClick={() => view.remove(h.id)}
                    >
                      {t('hl_delete')}
                    </button>
                  </div>
                </div>
              </li>
            ))}
          </ol>
          <div class="pnr-panel-row">
            <button type="button" class="pnr-btn" data-action="hl-copy-only" onClick={onCopyOnly}>
              {t('hl_copyOnly')}
            </button>
          </div>
        </>
      )}
    </PanelFrame>
  );
}
