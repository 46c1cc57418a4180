// The cover, small: a picsum placeholder is not the article's image, so it is only named.
import type { Cover as CoverData } from '../../core/types';
import { safeHref } from '../../ui/format';
import { t } from '../../ui/i18n';

export function Cover({ cover }: { cover: CoverData | null }) {
  if (!cover) return null;
  if (cover.placeholder) {
    return (
      <p class="cover cover-placeholder" data-testid="cover" data-placeholder="">
        {t('meta_coverPlaceholder')}
      </p>
    );
  }
  const href = safeHref(cover.url);
  return (
    <figure class="cover" data-testid="cover">
      <a href={href} target="_blank" rel="noopener noreferrer" title={cover.url}>
        <img src={href} alt={t('meta_cover')} referrerpolicy="no-referrer" decoding="async" />
      </a>
      <figcaption>
        <span class="cover-label">{t('meta_cover')}</span>
        <a href={href} target="_blank" rel="noopener noreferrer" class="cover-url">
          {cover.url}
        </a>
      </figcaption>
    </figure>
  );
}
