// The reader's custom CSS: edited as a draft, size-bounded, sanitized when saved.
import { useEffect, useRef, useState } from 'preact/hooks';
import { CUSTOM_CSS_MAX_BYTES, customCssBytes } from '../../settings/reader-settings';
import { sanitizeCustomCss } from '../../ui/custom-css';
import { formatNumber } from '../../ui/format';
import { t, uiLanguage } from '../../ui/i18n';
import { StatusLine, useStatus } from '../../ui/use-status';
import { errorText } from './errors';

export function CustomCss({ value, onSave }: { value: string; onSave: (css: string) => Promise<void> }) {
  const [draft, setDraft] = useState(value);
  const { status: note, flash: setNote } = useStatus();
  // A change from elsewhere replaces the draft only while the user has not edited it.
  const saved = useRef(value);
  useEffect(() => {
    setDraft((d) => (d === saved.current ? value : d));
    saved.current = value;
  }, [value]);
  const bytes = customCssBytes(draft);
  const tooLarge = bytes > CUSTOM_CSS_MAX_BYTES;
  const lang = uiLanguage();

  const save = async () => {
    if (tooLarge) return;
    try {
      const { removed } = sanitizeCustomCss(draft);
      await onSave(draft);
      setNote({ text: removed > 0 ? t('options_cssRemoved', String(removed)) : t('options_cssSaved'), tone: removed > 0 ? 'error' : 'ok' });
    } catch (err) {
      setNote({ text: t('options_saveFailed', errorText(err)), tone: 'error' });
    }
  };

  return (
    <div class="custom-css">
      <label class="field" for="custom-css">
        <span class="pnr-field-label">{t('options_customCssLabel')}</span>
      </label>
      <p class="hint" id="custom-css-hint">
        {t('options_customCssHint')}
      </p>
      <textarea
        id="custom-css"
        class="code"
        rows={8}
        spellcheck={false}
        value={draft}
        placeholder=".pnr-article { letter-spacing: 0.02em; }"
        aria-describedby="custom-css-hint custom-css-size"
        aria-invalid={tooLarge ? 'true' : undefined}
        onInput={(e) => setDraft(e.currentTarget.value)}
      />
      <div class="row">
        <button
          type="button"
          class="pnr-btn pnr-btn-primary"
          data-action="save-css"
          disabled={tooLarge || draft === value}
          onClick={() => void save()}
        >
          {t('options_cssSave')}
        </button>
        <button type="button" class="pnr-btn" data-action="revert-css" disabled={draft === value} onClick={() => setDraft(value)}>
          {t('options_cssRevert')}
        </button>
        <span id="custom-css-size" class={`size${tooLarge ? ' size-over' : ''}`}>
          {t('options_cssSize', [formatNumber(bytes, lang), formatNumber(CUSTOM_CSS_MAX_BYTES, lang)])}
        </span>
      </div>
      <StatusLine status={note} base="note" testId="css-status" />
    </div>
  );
}
