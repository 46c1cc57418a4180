// The article's metadata block, shared by the popup and the reader overlay.
import { GENERIC_THEME, type Article } from '../core/types';
import { bylineHasLabel, formatDate, formatNumber, hostOf, safeHref } from './format';
import { t, uiLanguage } from './i18n';

export interface MetaHeaderProps {
  article: Article;
  /** id for the title, so a dialog can point `aria-labelledby` at it. */
  titleId?: string;
}

export function MetaHeader({ article, titleId }: MetaHeaderProps) {
  const lang = uiLanguage();
  const date = formatDate(article.published, lang);
  const originHost = hostOf(article.origin);
  const { counts } = article;
  return (
    <header class="pnr-meta">
      {article.categories.length > 0 && (
        <ol class="pnr-cats" data-testid="categories" aria-label={t('meta_categories')}>
          {article.categories.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ol>
      )}
      <h1 class="pnr-title" id={titleId} data-testid="title">
        {article.title || t('meta_untitled')}
      </h1>
      <ul class="pnr-facts">
        {article.feed && (
          <li data-testid="feed">
            {article.theme !== GENERIC_THEME ? (
              <>
                <span class="pnr-label">{t('meta_feed')}</span> {article.feed}
              </>
            ) : bylineHasLabel(article.feed) ? (
              // Already "By …" or "作者：…": shown as the page wrote it, not "By By …".
              article.feed
            ) : (
              <>
                <span class="pnr-label">{t('meta_byline')}</span> {article.feed}
              </>
            )}
          </li>
        )}
        {date && (
          <li data-testid="date">
            <span class="pnr-label">{t('meta_published')}</span> <time dateTime={article.published?.date ?? undefined}>{date}</time>
          </li>
        )}
        {originHost && (
          <li data-testid="origin">
            <span class="pnr-label">{t('meta_origin')}</span>{' '}
            <a href={safeHref(article.origin)} target="_blank" rel="noopener noreferrer">
              {originHost}
            </a>
          </li>
        )}
      </ul>
      <p class="pnr-stats">
        <span data-testid="reading-time">{t('meta_readingTime', String(counts.readingMinutes))}</span>
        <span aria-hidden="true"> · </span>
        <span data-testid="counts">{t('meta_counts', [formatNumber(counts.chars, lang), formatNumber(counts.words, lang)])}</span>
      </p>
      {article.topics.length > 0 && (
        <ul class="pnr-topics" data-testid="topics" aria-label={t('meta_topics')}>
          {article.topics.map((topic, i) => (
            <li key={i}>
              <a class="pnr-chip" href={safeHref(topic.href)} target="_blank" rel="noopener noreferrer" title={topic.href}>
                {topic.text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </header>
  );
}
