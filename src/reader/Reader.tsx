// The reader view inside the overlay's shadow root.
import { useMemo } from 'preact/hooks';
import type { Article } from '../core/types';
import { prepareArticleHtml } from '../ui/article-html';
import { articleLang, safeHref } from '../ui/format';
import { t } from '../ui/i18n';
import { MetaHeader } from '../ui/meta-header';

export const TITLE_ID = 'pnr-reader-title';

export interface ReaderProps {
  article: Article;
  onClose(): void;
}

export function Reader({ article, onClose }: ReaderProps) {
  const html = useMemo(() => prepareArticleHtml(article.html), [article.html]);
  // The cover is usually the item's first image: show it only when the body does not already.
  const { cover: c } = article;
  const cover =
    c && !c.placeholder && !article.images.some((img) => img.url === c.url) ? safeHref(c.url) : undefined;
  return (
    <div class="pnr-dialog" role="dialog" aria-modal="true" aria-labelledby={TITLE_ID} data-testid="reader">
      <div class="pnr-toolbar">
        <div class="pnr-toolbar-inner">
          <span class="pnr-toolbar-name">{t('reader_label')}</span>
          <button type="button" class="pnr-close" data-action="close-reader" onClick={onClose} title={t('reader_closeHint')}>
            <span aria-hidden="true" class="pnr-close-x">
              ×
            </span>
            <span class="pnr-close-text">{t('reader_close')}</span>
          </button>
        </div>
      </div>
      {/* The focus target on open: keyboard scrolling (Space, PageDown, arrows) moves the focused scroller. */}
      <div class="pnr-scroller" data-testid="reader-scroller" tabIndex={-1}>
        <article class="pnr-article" lang={articleLang(article)}>
          <MetaHeader article={article} titleId={TITLE_ID} />
          {cover && (
            <figure class="pnr-cover" data-testid="reader-cover">
              <img src={cover} alt="" referrerpolicy="no-referrer" decoding="async" />
            </figure>
          )}
          <div
            class="pnr-body pnr-prose"
            data-testid="reader-body"
            // The core's DOMPurify output: the only HTML we render.
            dangerouslySetInnerHTML={{ __html: html }}
          />
        </article>
      </div>
    </div>
  );
}
