// Automatic cleaning per site: a list of hosts, each on or off, and a form to add one.
import { useState } from 'preact/hooks';
import { type Settings } from '../../settings';
import { t } from '../../ui/i18n';
import { normalizeHost } from '../hosts';

export function SiteList({ settings, onSet }: { settings: Settings; onSet: (host: string, on: boolean | null) => Promise<boolean> }) {
  const [draft, setDraft] = useState('');
  const [draftOn, setDraftOn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hosts = Object.keys(settings.sites).sort();

  const add = async (event: Event) => {
    event.preventDefault();
    const host = normalizeHost(draft);
    if (!host) {
      setError(t('options_hostInvalid'));
      return;
    }
    setError(null);
    // Kept in the field when it could not be saved (the page says why), so nothing typed is lost.
    if (await onSet(host, draftOn)) setDraft('');
  };

  return (
    <div class="sites">
      <h3 class="subheading" id="sites-heading">
        {t('options_sites')}
      </h3>
      <p class="hint">{t('options_sitesHint')}</p>
      {hosts.length === 0 ? (
        <p class="empty" data-testid="no-sites">
          {t('options_noSites')}
        </p>
      ) : (
        <table class="site-table" aria-labelledby="sites-heading" data-testid="site-list">
          <thead>
            <tr>
              <th scope="col">{t('options_siteHost')}</th>
              <th scope="col">{t('options_siteOn')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('options_siteActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hosts.map((host) => (
              <tr key={host} data-host={host}>
                <th scope="row" class="site-host">
                  {host}
                </th>
                <td>
                  <label class="pnr-check">
                    <input
                      type="checkbox"
                      role="switch"
                      data-setting="site-on"
                      checked={settings.sites[host]}
                      onChange={(e) => void onSet(host, e.currentTarget.checked)}
                    />
                    <span>{settings.sites[host] ? t('options_on') : t('options_off')}</span>
                  </label>
                </td>
                <td>
                  <button
                    type="button"
                    class="pnr-btn"
                    data-action="remove-site"
                    aria-label={t('options_siteRemove', host)}
                    onClick={() => void onSet(host, null)}
                  >
                    {t('options_remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="add-site" onSubmit={(e) => void add(e)} data-testid="add-site">
        <label class="field">
          <span class="pnr-field-label">{t('options_addHostLabel')}</span>
          <input
            type="text"
            name="host"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="news.zfe.space"
            value={draft}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'host-error' : undefined}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
        </label>
        <label class="pnr-check">
          <input type="checkbox" name="on" checked={draftOn} onChange={(e) => setDraftOn(e.currentTarget.checked)} />
          <span>{t('options_addOn')}</span>
        </label>
        <button type="submit" class="pnr-btn pnr-btn-primary" data-action="add-site">
          {t('options_addButton')}
        </button>
        {error && (
          <p class="field-error" id="host-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}
