// The popup's buttons. `data-action` values are a public test contract.
import { t } from '../../ui/i18n';
import type { CopyFormat } from '../../ui/copy-formats';

export interface ActionsProps {
  reader: boolean;
  busy: boolean;
  /** The format chosen in the options: its button is marked as the default. */
  defaultFormat: CopyFormat;
  onToggleReader: () => void;
  onCopy: (format: CopyFormat) => void;
  onSave: (kind: 'markdown' | 'html') => void;
  /** Save with pictures: called in the click's own handler (the permission request needs the gesture). */
  onSavePictures: (kind: 'html' | 'zip') => void;
}

const COPY: Array<{ format: CopyFormat; action: string; label: string; short: string | null }> = [
  { format: 'text', action: 'copy-text', label: 'popup_copyText', short: 'popup_formatText' },
  { format: 'markdown', action: 'copy-markdown', label: 'popup_copyMarkdown', short: null },
  { format: 'html', action: 'copy-html', label: 'popup_copyHtml', short: null },
];

export function Actions({ reader, busy, defaultFormat, onToggleReader, onCopy, onSave, onSavePictures }: ActionsProps) {
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
        {COPY.map(({ format, action, label, short }) => (
          <button
            key={format}
            type="button"
            class={`btn${format === defaultFormat ? ' btn-default' : ''}`}
            data-action={action}
            data-default={format === defaultFormat ? '' : undefined}
            aria-label={format === defaultFormat ? `${t(label)} (${t('popup_default')})` : t(label)}
            title={format === defaultFormat ? t('popup_defaultHint') : undefined}
            onClick={() => onCopy(format)}
          >
            {short ? t(short) : format === 'markdown' ? 'Markdown' : 'HTML'}
          </button>
        ))}
      </div>
      <div class="copy-row save-row" role="group" aria-labelledby="save-label">
        <span class="copy-label" id="save-label">
          {t('popup_saveGroup')}
        </span>
        {/* The name is the visible text (in the "Save" group); the long form is the description (WCAG 2.5.3). */}
        <button type="button" class="btn" data-action="save-markdown" title={t('save_markdown')} onClick={() => onSave('markdown')}>
          .md
        </button>
        <button type="button" class="btn" data-action="save-html" title={t('save_html')} onClick={() => onSave('html')}>
          .html
        </button>
      </div>
      <div class="copy-row save-row" role="group" aria-labelledby="save-pictures-label">
        <span class="copy-label" id="save-pictures-label">
          {t('save_picturesGroup')}
        </span>
        <button
          type="button"
          class="btn"
          data-action="save-html-pictures"
          title={t('save_picturesHtml')}
          disabled={busy}
          onClick={() => onSavePictures('html')}
        >
          .html
        </button>
        <button
          type="button"
          class="btn"
          data-action="save-zip-pictures"
          title={t('save_picturesZip')}
          disabled={busy}
          onClick={() => onSavePictures('zip')}
        >
          .zip
        </button>
      </div>
    </div>
  );
}
