// Per-site and global auto-clean switches (stored by src/settings).
import { t } from '../../ui/i18n';

export interface AutoCleanProps {
  host: string | null;
  site: boolean;
  global: boolean;
  onSite: (on: boolean) => void;
  onGlobal: (on: boolean) => void;
}

export function AutoClean({ host, site, global, onSite, onGlobal }: AutoCleanProps) {
  return (
    <fieldset class="autoclean">
      <legend class="section-heading">{t('popup_autoClean')}</legend>

      {host && (
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            data-setting="site-auto-clean"
            checked={site}
            onChange={(e) => onSite(e.currentTarget.checked)}
          />
          <span>{t('popup_autoCleanSite', host)}</span>
        </label>
      )}
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          data-setting="global-auto-clean"
          checked={global}
          onChange={(e) => onGlobal(e.currentTarget.checked)}
        />
        <span>{t('popup_autoCleanGlobal')}</span>
      </label>
    </fieldset>
  );
}
