// The popup on a listing page of the family (home, archives, a category or tag, a further page): what the page
// is, and the posts it shows, each a link. Titles are text nodes: nothing of the page is rendered as markup.
import type { Listing } from '../../core/listing';
import { t } from '../../ui/i18n';

export function ListingView({ listing, restored }: { listing: Listing; restored: boolean }) {
  return (
    <section class="listing" data-testid="listing" aria-labelledby="listing-heading">
      <h1 id="listing-heading" class="notice-heading">
        {t('popup_listing', listing.site || new URL(listing.url).hostname)}
      </h1>
      {restored && (
        <span class="mode mode-images" data-testid="mode">
          {t('popup_modeImages')}
        </span>
      )}
      {/* Only a listing whose pictures were put back says so (auto-clean off, or nothing proxied: as served). */}
      <p class="listing-hint" data-testid="listing-hint">
        {t(restored ? 'popup_listingHint' : 'popup_listingHintAsServed')}
      </p>
      {listing.entries.length === 0 ? (
        <p data-testid="listing-empty">{t('popup_listingEmpty')}</p>
      ) : (
        <>
          <p class="listing-count">{t('popup_listingCount', [listing.entries.length])}</p>
          <ol class="listing-entries">
            {listing.entries.map((e) => (
              <li key={e.url}>
                <a href={e.url} target="_blank" rel="noopener noreferrer" title={e.title}>
                  {e.title}
                </a>
                {(e.feed || e.date) && <span class="listing-meta">{[e.feed, e.date].filter(Boolean).join(' · ')}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
