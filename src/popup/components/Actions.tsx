// The popup's buttons. `data-action` values are a public test contract.
import { t } from '../../ui/i18n';
import type { CopyFormat } from '../../ui/copy-formats';

export interface ActionsProps {
  reader: boolean;
  busy: boolean;
  onToggleReader(): void;
  onCopy(format: CopyFormat): void;
}

export function Actions({ reader, busy, onToggleReader, onCopy }: ActionsProps) {
  return (
    <div class="actions">
      <button
        type="button"
        class="btn btn-primary"
        data-action="toggle-reader"
        aria-pressed={reader}
        disabled={busy}
        onClick={onToggleReader}
      >
        {reader ? t('popup_readerOff') : t('popup_readerOn')}
      </button>
      {/* Short visible labels under a "Copy" heading; the accessible names say the whole action. */}
      <div class="copy-row" role="group" aria-labelledby="copy-label">
        <span class="copy-label" id="copy-label">
          {t('popup_copyGroup')}
        </span>
        <button
          type="button"
          class="btn"
          data-action="copy-text"
          aria-label={t('popup_copyText')}
          onClick={() => onCopy('text')}
        >
          {t('popup_formatText')}
        </button>
        <button
          type="button"
          class="btn"
          data-action="copy-markdown"
          aria-label={t('popup_copyMarkdown')}
          onClick={() => onCopy('markdown')}
        >
          Markdown
        </button>
        <button
          type="button"
          class="btn"
          data-action="copy-html"
          aria-label={t('popup_copyHtml')}
          onClick={() => onCopy('html')}
        >
          HTML
        </button>
      </div>
    </div>
  );
}
