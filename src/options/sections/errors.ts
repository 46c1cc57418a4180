// What the options page tells the user when a write or an import is refused.
import { ProfileLimitError } from '../../settings/profile-values';
import { QuotaError } from '../../settings/quota';
import { type ImportError } from '../../settings/transfer';
import { formatNumber } from '../../ui/format';
import { t, uiLanguage } from '../../ui/i18n';
import { errorText as plainErrorText } from '../../ui/use-status';

export function errorText(err: unknown): string {
  if (err instanceof QuotaError) {
    const lang = uiLanguage();
    return t('options_quotaFull', [formatNumber(err.problem.size, lang), formatNumber(err.problem.limit, lang)]);
  }
  if (err instanceof ProfileLimitError) return t('profile_limit', String(err.limit));
  return plainErrorText(err);
}
/** What the user is told about a refused settings file. */
export function importErrorText(error: ImportError): string {
  switch (error.code) {
    case 'tooLarge':
      return t('options_importTooLarge');
    case 'tooManyProfiles':
      return t('profile_importTooMany', [String(error.count), String(error.limit)]);
    case 'notJson':
      return t('options_importNotJson');
    case 'notOurs':
      return t('options_importNotOurs');
    case 'newer':
      return t('options_importNewer', String(error.version));
    case 'invalid':
      return t('options_importInvalid', error.field);
  }
}
