// The options page: automatic cleaning (everywhere and per site), the default copy format, the
// reader's defaults and custom CSS, where to change the keyboard shortcut, and export/import of all
// settings as a JSON file.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Settings } from '../settings';
import { COPY_FORMATS, type CopyFormatSetting, type ReaderSettings } from '../settings/reader-settings';
import { AppearanceControls } from '../ui/appearance';
import { t } from '../ui/i18n';
import { type OptionsApi } from './api';
import { StatusLine, useStatus } from '../ui/use-status';
import { errorText } from './sections/errors';
import { CustomCss } from './sections/CustomCss';
import { Preview } from './sections/Preview';
import { Shortcut } from './sections/Shortcut';
import { SiteList } from './sections/SiteList';
import { HighlightsTransfer } from './sections/HighlightsTransfer';
import { SiteProfiles } from './sections/SiteProfiles';
import type { SiteProfiles as Profiles } from '../settings/profile-values';
import { Transfer } from './sections/Transfer';

const FORMAT_LABEL: Record<CopyFormatSetting, string> = {
  text: 'options_formatText',
  markdown: 'options_formatMarkdown',
  html: 'options_formatHtml',
};

export function Options({ api }: { api: OptionsApi }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [reader, setReader] = useState<ReaderSettings | null>(null);
  const [profiles, setProfiles] = useState<Profiles>({});
  const { status, flash } = useStatus();

  const reload = useCallback(async () => {
    const [s, r, p] = await Promise.all([api.loadSettings(), api.loadReaderSettings(), api.loadSiteProfiles()]);
    setSettings(s);
    setReader(r);
    setProfiles(p);
  }, [api]);

  useEffect(() => {
    void reload();
    const off = api.onChanged(() => void reload());
    return () => {
      off();
    };
  }, [api, reload]);

  /** Runs a write and says how it went; resolves to whether it was stored. */
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    try {
      await work();
      await reload();
      flash({ text: t('options_saved'), tone: 'ok' });
      return true;
    } catch (err) {
      // What is shown goes back to what is stored: the refused change is not shown as if it were kept.
      await reload().catch(() => undefined);
      flash({ text: t('options_saveFailed', errorText(err)), tone: 'error' });
      return false;
    }
  };

  const changeReader = (partial: Partial<ReaderSettings>) => {
    // Shown at once; storage follows.
    setReader((r) => (r ? { ...r, ...partial } : r));
    void run(() => api.saveReaderSettings(partial));
  };

  if (!settings || !reader) {
    return (
      <main class="options" aria-busy="true">
        <p class="loading">{t('popup_loading')}</p>
      </main>
    );
  }

  return (
    <main class="options" data-testid="options">
      <h1 class="page-title">{t('options_title')}</h1>

      <section aria-labelledby="h-autoclean" class="card">
        <h2 id="h-autoclean">{t('popup_autoClean')}</h2>
        <label class="pnr-check big">
          <input
            type="checkbox"
            role="switch"
            data-setting="global-auto-clean"
            checked={settings.autoClean}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              void run(() => api.setGlobalAutoClean(on));
            }}
          />
          <span>{t('popup_autoCleanGlobal')}</span>
        </label>
        <SiteList settings={settings} onSet={(host, on) => run(() => api.setSiteAutoClean(host, on))} />
      </section>

      <section aria-labelledby="h-copy" class="card">
        <h2 id="h-copy">{t('options_copy')}</h2>
        <fieldset class="pnr-field pnr-seg" data-setting="copyFormat">
          <legend class="pnr-field-label">{t('options_copyDefault')}</legend>
          <div class="pnr-seg-options">
            {COPY_FORMATS.map((f) => (
              <label key={f} class="pnr-seg-option">
                <input
                  type="radio"
                  name="copy-format"
                  value={f}
                  checked={reader.copyFormat === f}
                  onChange={() => changeReader({ copyFormat: f })}
                />
                <span>{t(FORMAT_LABEL[f])}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <p class="hint">{t('options_copyHint')}</p>
      </section>

      <section aria-labelledby="h-reader" class="card">
        <h2 id="h-reader">{t('options_reader')}</h2>
        <p class="hint">{t('options_readerHint')}</p>
        <div class="reader-grid">
          <AppearanceControls settings={reader} onChange={changeReader} idPrefix="options" vertical />
          <Preview settings={reader} />
        </div>
      </section>

      <section aria-labelledby="h-profiles" class="card" data-testid="profiles">
        <h2 id="h-profiles">{t('profile_options')}</h2>
        <SiteProfiles profiles={profiles} global={reader} onSave={(host, p) => run(() => api.saveSiteProfile(host, p))} />
      </section>

      <section aria-labelledby="h-css" class="card">
        <h2 id="h-css">{t('options_customCss')}</h2>
        <CustomCss
          value={reader.customCss}
          onSave={async (customCss) => {
            // Errors reach the CSS box's own note, next to the text they are about.
            await api.saveReaderSettings({ customCss });
            await reload();
          }}
        />
      </section>

      {api.hasShortcuts() && (
        <section aria-labelledby="h-shortcut" class="card">
          <h2 id="h-shortcut">{t('options_shortcut')}</h2>
          <Shortcut api={api} />
        </section>
      )}

      <section aria-labelledby="h-transfer" class="card">
        <h2 id="h-transfer">{t('options_transfer')}</h2>
        <Transfer api={api} onImported={reload} />
      </section>

      {api.highlights && (
        <section aria-labelledby="h-highlights" class="card">
          <h2 id="h-highlights">{t('options_highlights')}</h2>
          <HighlightsTransfer store={api.highlights} download={(file) => api.download(file)} />
        </section>
      )}

      <StatusLine status={status} base="toast" testId="options-status" />
    </main>
  );
}
