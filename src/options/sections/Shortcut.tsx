// Where the reader's keyboard shortcut is and how to change it (each browser has its own page).
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { type BrowserKind, type OptionsApi } from '../api';
import { errorText } from './errors';

export function Shortcut({ api }: { api: OptionsApi }) {
  const [shortcut, setShortcut] = useState<string | null | undefined>(undefined);
  const [kind, setKind] = useState<BrowserKind>('chrome');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.readerShortcut().then(setShortcut);
    void api.browserKind().then(setKind);
  }, [api]);
  const open = async () => {
    try {
      setError(null);
      await api.openShortcutSettings();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <div class="shortcut" data-testid="shortcut" data-browser={kind}>
      <p>
        {shortcut === undefined ? (
          ''
        ) : shortcut ? (
          <>
            {t('options_shortcutCurrent')} <kbd data-testid="shortcut-keys">{shortcut}</kbd>
          </>
        ) : (
          t('options_shortcutNone')
        )}
      </p>
      <p class="hint" data-testid="shortcut-how">
        {kind === 'firefox' ? t('options_shortcutFirefox') : t('options_shortcutChrome')}
      </p>
      <button type="button" class="pnr-btn" data-action="open-shortcuts" onClick={() => void open()}>
        {t('options_shortcutOpen')}
      </button>
      {error && (
        <p class="field-error" role="alert" title={error}>
          {t('options_shortcutOpenFailed')}
        </p>
      )}
    </div>
  );
}
