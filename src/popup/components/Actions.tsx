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
      <div class="copy-row" role="group" aria-label={t('popup_copyGroup')}>
        <button type="button" class="btn" data-action="copy-text" onClick={() => onCopy('text')}>
          {t('popup_copyText')}
        </button>
        <button type="button" class="btn" data-action="copy-markdown" onClick={() => onCopy('markdown')}>
          {t('popup_copyMarkdown')}
        </button>
        <button type="button" class="btn" data-action="copy-html" onClick={() => onCopy('html')}>
          {t('popup_copyHtml')}
        </button>
      </div>
    </div>
  );
}
