// All highlights to a JSON file, and the highlights of a file added to them: the file is validated whole first, and
// an import that would pass the store's bound is refused, so a bad or too large file changes nothing.
import { useRef } from 'preact/hooks';
import { buildHighlightsFile, parseHighlightsFile, type HighlightsImportError } from '../../core/highlights-file';
import { HighlightsFullError, type HighlightStore } from '../../reader/highlight-store';
import { formatNumber } from '../../ui/format';
import { t, uiLanguage } from '../../ui/i18n';
import { errorText, StatusLine, useStatus } from '../../ui/use-status';
import type { SavedFile } from '../../ui/save';

function importErrorText(error: HighlightsImportError): string {
  switch (error.code) {
    case 'tooLarge':
      return t('options_highlightsTooLarge');
    case 'notJson':
      return t('options_highlightsNotJson');
    case 'notOurs':
      return t('options_highlightsNotOurs');
    case 'newer':
      return t('options_highlightsNewer', String(error.version));
    case 'invalid':
      return t('options_highlightsInvalid', error.field);
  }
}

const megabytes = (bytes: number): string => `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, uiLanguage())} MB`;

export function HighlightsTransfer({ store, download }: { store: HighlightStore; download: (file: SavedFile) => void }) {
  const { status, flash } = useStatus();
  const input = useRef<HTMLInputElement>(null);

  const exportFile = async () => {
    try {
      const articles = await store.all();
      const file = buildHighlightsFile(articles);
      download(file);
      flash({ text: t('options_highlightsExported', [file.name, formatNumber(articles.length, uiLanguage())]), tone: 'ok' });
    } catch (err) {
      flash({ text: t('options_highlightsFailed', errorText(err)), tone: 'error' });
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const parsed = parseHighlightsFile(await file.text());
      if (!parsed.ok) return flash({ text: importErrorText(parsed.error), tone: 'error' });
      const done = await store.merge(parsed.articles);
      const lang = uiLanguage();
      flash({
        text: t('options_highlightsImported', [formatNumber(done.highlights, lang), formatNumber(done.articles, lang)]),
        tone: 'ok',
      });
    } catch (err) {
      const text =
        err instanceof HighlightsFullError
          ? t('options_highlightsFull', megabytes(err.limit))
          : t('options_highlightsFailed', errorText(err));
      flash({ text, tone: 'error' });
    } finally {
      // The same file can be chosen again (after fixing it).
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div class="transfer">
      <p class="hint">{t('options_highlightsHint')}</p>
      <div class="row">
        <button type="button" class="pnr-btn" data-action="export-highlights" onClick={() => void exportFile()}>
          {t('options_highlightsExport')}
        </button>
        <button type="button" class="pnr-btn" data-action="import-highlights" onClick={() => input.current?.click()}>
          {t('options_highlightsImport')}
        </button>
        {/* Opened by the button above: a file input cannot be styled as one. */}
        <label class="visually-hidden">
          {t('options_highlightsFileLabel')}
          <input
            ref={input}
            type="file"
            accept="application/json,.json"
            tabIndex={-1}
            data-testid="import-highlights-file"
            onChange={(e) => void importFile(e.currentTarget.files?.[0])}
          />
        </label>
      </div>
      <StatusLine status={status} base="note" testId="highlights-status" assertive />
    </div>
  );
}
