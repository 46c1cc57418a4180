// Export all settings to a file, and import them from one (validated whole before anything is written).
import { useRef } from 'preact/hooks';
import { buildSettingsFile, parseSettingsFile } from '../../settings/transfer';
import { t } from '../../ui/i18n';
import { type OptionsApi } from '../api';
import { StatusLine, useStatus } from '../../ui/use-status';
import { errorText, importErrorText } from './errors';

/** Export all settings to a file, and import them from one (validated whole before anything is written). */
export function Transfer({ api, onImported }: { api: OptionsApi; onImported: () => Promise<void> }) {
  const { status: note, flash: setNote } = useStatus();
  const input = useRef<HTMLInputElement>(null);

  const exportFile = async () => {
    try {
      const file = buildSettingsFile(await api.loadAllSettings());
      api.download(file);
      setNote({ text: t('options_exportDone', file.name), tone: 'ok' });
    } catch (err) {
      setNote({ text: t('options_exportFailed', errorText(err)), tone: 'error' });
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const parsed = parseSettingsFile(await file.text());
      if (!parsed.ok) {
        setNote({ text: importErrorText(parsed.error), tone: 'error' });
        return;
      }
      await api.saveAllSettings(parsed.value);
      await onImported();
      setNote({ text: t('options_importDone'), tone: 'ok' });
    } catch (err) {
      setNote({ text: t('options_importFailed', errorText(err)), tone: 'error' });
    } finally {
      // The same file can be chosen again (after fixing it).
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div class="transfer">
      <p class="hint">{t('options_transferHint')}</p>
      <div class="row">
        <button type="button" class="pnr-btn" data-action="export-settings" onClick={() => void exportFile()}>
          {t('options_export')}
        </button>
        <button type="button" class="pnr-btn" data-action="import-settings" onClick={() => input.current?.click()}>
          {t('options_import')}
        </button>
        {/* Opened by the button above: a file input cannot be styled as one. */}
        <label class="visually-hidden">
          {t('options_importFileLabel')}
          <input
            ref={input}
            type="file"
            accept="application/json,.json"
            tabIndex={-1}
            data-testid="import-file"
            onChange={(e) => void importFile(e.currentTarget.files?.[0])}
          />
        </label>
      </div>
      <StatusLine status={note} base="note" testId="transfer-status" assertive />
    </div>
  );
}
