// The offer to go on reading aloud where an earlier reading of this article stopped (the reader was closed while
// reading, or stopped): shown when the reader opens, until reading starts or the user declines.
import { t } from '../ui/i18n';
import type { ReadAloudView } from './hooks/use-read-aloud';
import { IconPlay } from './icons';

export function ContinueListening({ tts }: { tts: ReadAloudView | null }) {
  const offer = tts?.offer;
  if (!tts || !offer) return null;
  return (
    <div class="pnr-tts-offer" role="region" aria-label={t('tts_offerLabel')} data-testid="tts-offer">
      <span>{t('tts_offer', String(offer.paragraph + 1))}</span>
      <button type="button" class="pnr-btn pnr-btn-primary" data-action="tts-continue" onClick={() => void tts.continueReading()}>
        <IconPlay />
        {t('tts_continue')}
      </button>
      <button type="button" class="pnr-btn pnr-btn-quiet" data-action="tts-decline" onClick={tts.declineOffer}>
        {t('tts_decline')}
      </button>
    </div>
  );
}
