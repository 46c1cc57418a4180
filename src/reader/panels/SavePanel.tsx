// Save as a file (Markdown, HTML, with pictures) and copy in a chosen format.
import { t } from '../../ui/i18n';
import { COPY_AS, type ArticleActions } from '../hooks/article-actions';
import { PanelFrame } from '../tool-button';

export function SavePanel({ actions }: { actions: ArticleActions }) {
  const { savePictures } = actions;
  return (
    <PanelFrame panel="save" label={t('reader_save')}>
      <div class="pnr-panel-row" role="group" aria-labelledby="pnr-save-label">
        <span class="pnr-field-label" id="pnr-save-label">
          {t('save_heading')}
        </span>
        <button type="button" class="pnr-btn" data-action="save-markdown" onClick={() => actions.save('markdown')}>
          {t('save_markdown')}
        </button>
        <button type="button" class="pnr-btn" data-action="save-html" onClick={() => actions.save('html')}>
          {t('save_html')}
        </button>
      </div>
      {savePictures && (
        <div class="pnr-panel-row" role="group" aria-labelledby="pnr-save-pictures-label">
          <span class="pnr-field-label" id="pnr-save-pictures-label">
            {t('save_picturesGroup')}
          </span>
          <button type="button" class="pnr-btn" data-action="save-html-pictures" onClick={() => savePictures('html')}>
            {t('save_picturesHtml')}
          </button>
          <button type="button" class="pnr-btn" data-action="save-zip-pictures" onClick={() => savePictures('zip')}>
            {t('save_picturesZip')}
          </button>
        </div>
      )}
      <div class="pnr-panel-row" role="group" aria-labelledby="pnr-copyas-label">
        <span class="pnr-field-label" id="pnr-copyas-label">
          {t('popup_copyGroup')}
        </span>
        {(['text', 'markdown', 'html'] as const).map((f) => (
          <button
            key={f}
            type="button"
            class="pnr-btn"
            data-action={`copy-${f}`}
            aria-label={t(COPY_AS[f])}
            onClick={() => void actions.copy(f)}
          >
            {f === 'text' ? t('popup_formatText') : f === 'markdown' ? 'Markdown' : 'HTML'}
          </button>
        ))}
      </div>
    </PanelFrame>
  );
}
