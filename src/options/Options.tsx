// The options page: automatic cleaning (everywhere and per site), the default copy format, the
// reader's defaults and custom CSS, where to change the keyboard shortcut, and export/import of all
// settings as a JSON file.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Settings } from '../settings';
import {
  COPY_FORMATS,
  CUSTOM_CSS_MAX_BYTES,
  customCssBytes,
  type CopyFormatSetting,
  type ReaderSettings,
} from '../settings/reader-settings';
import { QuotaError } from '../settings/quota';
import { buildSettingsFile, parseSettingsFile, type ImportError } from '../settings/transfer';
import { AppearanceControls } from '../ui/appearance';
import { sanitizeCustomCss } from '../ui/custom-css';
import { formatNumber } from '../ui/format';
import { t, uiLanguage } from '../ui/i18n';
import { applyReaderSettings } from '../ui/reader-style';
import { detectTextLang } from '../ui/text-lang';
import { insertCjkSpacing, supportsTextAutospace } from '../reader/cjk-spacing';
import type { BrowserKind, OptionsApi } from './api';
import { normalizeHost } from './hosts';

interface Status {
  text: string;
  tone: 'ok' | 'error';
}

const FORMAT_LABEL: Record<CopyFormatSetting, string> = {
  text: 'options_formatText',
  markdown: 'options_formatMarkdown',
  html: 'options_formatHtml',
};

const STATUS_MS = 2500;

function errorText(err: unknown): string {
  if (err instanceof QuotaError) {
    const lang = uiLanguage();
    return t('options_quotaFull', [formatNumber(err.problem.size, lang), formatNumber(err.problem.limit, lang)]);
  }
  return err instanceof Error ? err.message : String(err);
}

/** What the user is told about a refused settings file. */
function importErrorText(error: ImportError): string {
  switch (error.code) {
    case 'tooLarge':
      return t('options_importTooLarge');
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

/** The appearance settings applied to a sample, as the reader would show them. */
function Preview({ settings }: { settings: ReaderSettings }) {
  const box = useRef<HTMLDivElement>(null);
  const text = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    if (box.current) applyReaderSettings(box.current, box.current, settings);
  }, [settings]);
  const css = supportsTextAutospace(typeof window === 'undefined' ? null : window);
  const title = t('options_previewTitle');
  const sample = t('options_previewText');
  useLayoutEffect(() => {
    if (!settings.cjkSpacing || css || !text.current) return;
    return insertCjkSpacing(text.current);
  }, [settings.cjkSpacing, css]);
  return (
    <figure class="preview pnr-theme" ref={box} data-testid="options-preview" aria-labelledby="preview-caption">
      <figcaption id="preview-caption" class="preview-caption">
        {t('options_preview')}
      </figcaption>
      {/* zh-TW for the Traditional sample of the zh_TW locale, so the glyphs are the reader's for such text. */}
      <div class="preview-article" lang={detectTextLang(title + sample)}>
        <p class="preview-title">{title}</p>
        <p ref={text} class="preview-text" data-autospace={settings.cjkSpacing ? (css ? 'css' : 'spans') : undefined}>
          {sample}
        </p>
      </div>
    </figure>
  );
}

function SiteList({ settings, onSet }: { settings: Settings; onSet: (host: string, on: boolean | null) => Promise<boolean> }) {
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

function CustomCss({ value, onSave }: { value: string; onSave: (css: string) => Promise<void> }) {
  const [draft, setDraft] = useState(value);
  const [note, setNote] = useState<Status | null>(null);
  // A change from elsewhere replaces the draft only while the user has not edited it.
  const saved = useRef(value);
  useEffect(() => {
    setDraft((d) => (d === saved.current ? value : d));
    saved.current = value;
  }, [value]);
  const bytes = customCssBytes(draft);
  const tooLarge = bytes > CUSTOM_CSS_MAX_BYTES;
  const lang = uiLanguage();

  const save = async () => {
    if (tooLarge) return;
    try {
      const { removed } = sanitizeCustomCss(draft);
      await onSave(draft);
      setNote({ text: removed > 0 ? t('options_cssRemoved', String(removed)) : t('options_cssSaved'), tone: removed > 0 ? 'error' : 'ok' });
    } catch (err) {
      setNote({ text: t('options_saveFailed', errorText(err)), tone: 'error' });
    }
  };

  return (
    <div class="custom-css">
      <label class="field" for="custom-css">
        <span class="pnr-field-label">{t('options_customCssLabel')}</span>
      </label>
      <p class="hint" id="custom-css-hint">
        {t('options_customCssHint')}
      </p>
      <textarea
        id="custom-css"
        class="code"
        rows={8}
        spellcheck={false}
        value={draft}
        placeholder=".pnr-article { letter-spacing: 0.02em; }"
        aria-describedby="custom-css-hint custom-css-size"
        aria-invalid={tooLarge ? 'true' : undefined}
        onInput={(e) => setDraft(e.currentTarget.value)}
      />
      <div class="row">
        <button
          type="button"
          class="pnr-btn pnr-btn-primary"
          data-action="save-css"
          disabled={tooLarge || draft === value}
          onClick={() => void save()}
        >
          {t('options_cssSave')}
        </button>
        <button type="button" class="pnr-btn" data-action="revert-css" disabled={draft === value} onClick={() => setDraft(value)}>
          {t('options_cssRevert')}
        </button>
        <span id="custom-css-size" class={`size${tooLarge ? ' size-over' : ''}`}>
          {t('options_cssSize', [formatNumber(bytes, lang), formatNumber(CUSTOM_CSS_MAX_BYTES, lang)])}
        </span>
      </div>
      <p class={`note${note ? ` note-${note.tone}` : ''}`} role="status" data-testid="css-status">
        {note?.text ?? ''}
      </p>
    </div>
  );
}

function Shortcut({ api }: { api: OptionsApi }) {
  const [shortcut, setShortcut] = useState<string | null | undefined>(undefined);
  const [kind, setKind] = useState<BrowserKind>('chrome');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.readerShortcut().then(setShortcut);
    void api.browserKind().then(setKind);
  }, [api]);
  const open = async () => {
    try {
      setError(null);
      await api.openShortcutSettings();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <div class="shortcut" data-testid="shortcut" data-browser={kind}>
      <p>
        {shortcut === undefined ? (
          ''
        ) : shortcut ? (
          <>
            {t('options_shortcutCurrent')} <kbd data-testid="shortcut-keys">{shortcut}</kbd>
          </>
        ) : (
          t('options_shortcutNone')
        )}
      </p>
      <p class="hint" data-testid="shortcut-how">
        {kind === 'firefox' ? t('options_shortcutFirefox') : t('options_shortcutChrome')}
      </p>
      <button type="button" class="pnr-btn" data-action="open-shortcuts" onClick={() => void open()}>
        {t('options_shortcutOpen')}
      </button>
      {error && (
        <p class="field-error" role="alert" title={error}>
          {t('options_shortcutOpenFailed')}
        </p>
      )}
    </div>
  );
}

/** Export all settings to a file, and import them from one (validated whole before anything is written). */
function Transfer({ api, onImported }: { api: OptionsApi; onImported: () => Promise<void> }) {
  const [note, setNote] = useState<Status | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const exportFile = async () => {
    try {
      const file = buildSettingsFile(await api.loadAllSettings());
      api.download(file);
      setNote({ text: t('options_exportDone', file.name), tone: 'ok' });
    } catch (err) {
      setNote({ text: t('options_exportFailed', errorText(err)), tone: 'error' });
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const parsed = parseSettingsFile(await file.text());
      if (!parsed.ok) {
        setNote({ text: importErrorText(parsed.error), tone: 'error' });
        return;
      }
      await api.saveAllSettings(parsed.value);
      await onImported();
      setNote({ text: t('options_importDone'), tone: 'ok' });
    } catch (err) {
      setNote({ text: t('options_importFailed', errorText(err)), tone: 'error' });
    } finally {
      // The same file can be chosen again (after fixing it).
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div class="transfer">
      <p class="hint">{t('options_transferHint')}</p>
      <div class="row">
        <button type="button" class="pnr-btn" data-action="export-settings" onClick={() => void exportFile()}>
          {t('options_export')}
        </button>
        <button type="button" class="pnr-btn" data-action="import-settings" onClick={() => input.current?.click()}>
          {t('options_import')}
        </button>
        {/* Opened by the button above: a file input cannot be styled as one. */}
        <label class="visually-hidden">
          {t('options_importFileLabel')}
          <input
            ref={input}
            type="file"
            accept="application/json,.json"
            tabIndex={-1}
            data-testid="import-file"
            onChange={(e) => void importFile(e.currentTarget.files?.[0])}
          />
        </label>
      </div>
      <p class={`note${note ? ` note-${note.tone}` : ''}`} role={note?.tone === 'error' ? 'alert' : 'status'} data-testid="transfer-status">
        {note?.text ?? ''}
      </p>
    </div>
  );
}

export function Options({ api }: { api: OptionsApi }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [reader, setReader] = useState<ReaderSettings | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const reload = useCallback(async () => {
    const [s, r] = await Promise.all([api.loadSettings(), api.loadReaderSettings()]);
    setSettings(s);
    setReader(r);
  }, [api]);

  useEffect(() => {
    void reload();
    const off = api.onChanged(() => void reload());
    return () => {
      off();
      clearTimeout(timer.current);
    };
  }, [api, reload]);

  const flash = (next: Status) => {
    clearTimeout(timer.current);
    setStatus(next);
    if (next.tone === 'ok') timer.current = setTimeout(() => setStatus(null), STATUS_MS);
  };

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
          <AppearanceControls settings={reader} onChange={changeReader} idPrefix="options" />
          <Preview settings={reader} />
        </div>
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

      <p class={`toast${status ? ` toast-${status.tone}` : ''}`} role="status" aria-live="polite" data-testid="options-status">
        {status?.text ?? ''}
      </p>
    </main>
  );
}
