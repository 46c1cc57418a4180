// The popup: asks the tab's content script for its state and shows the article it extracted.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ReaderSettings } from '../settings/reader-settings';
import type { Highlight } from '../core/highlights';
import type { Article } from '../core/types';
import { joinArticle, partOfHead, type ArticlePart } from '../shared/article-parts';
import type { PageState } from '../shared/messages';
import { AppearanceControls } from '../ui/appearance';
import type { CopyFormat } from '../ui/copy-formats';
import { articleLang, hostOf } from '../ui/format';
import { t } from '../ui/i18n';
import { MetaHeader } from '../ui/meta-header';
import { errorText, StatusLine, useStatus } from '../ui/use-status';
import type { PopupApi } from './api';
import { useLook } from './use-look';
import { Actions } from './components/Actions';
import { AutoClean } from './components/AutoClean';
import { Cover } from './components/Cover';
import { ListingView } from './components/ListingView';
import { Notice } from './components/Notice';
import { Preview } from './components/Preview';
import { pictureOrigins } from '../save/pictures';

type View =
  | { kind: 'loading' }
  | { kind: 'unsupported'; tabId: number }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; tabId: number; state: PageState };

/** Copy and save make Markdown (Turndown) and sanitize (DOMPurify): the popup shows first and loads them after. */
let formats: Promise<[typeof import('../ui/copy-formats'), typeof import('../ui/save')]> | null = null;
const loadFormats = () => (formats ??= Promise.all([import('../ui/copy-formats'), import('../ui/save')]));

export function Popup({ api }: { api: PopupApi }) {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const { status, flash } = useStatus();
  const lookOfSite = useLook(api, view.kind === 'ready' ? view.state.url : null);
  const look = lookOfSite.settings;
  const [busy, setBusy] = useState(false);
  /** Opened by the reader's "save with pictures" and the hosts are not granted yet: the "Allow and save" notice. */
  const [askFor, setAskFor] = useState<'html' | 'zip' | null>(null);
  const pendingDone = useRef(false);

  // A layout effect: it runs as the popup mounts, not after its first frame (as an effect would), so an answer
  // already there (asked as the page loaded, first-ask.ts) is shown in the same task, with no loading frame.
  useLayoutEffect(() => {
    let live = true;
    // Never rejects: each await below is inside a try that turns its failure into a view.
    void (async () => {
      let tabId: number;
      try {
        tabId = await api.targetTab();
      } catch (err) {
        if (live) setView({ kind: 'failed', message: errorText(err) });
        return;
      }
      try {
        let state = await api.send(tabId, { type: 'pnr:get-state' });
        // Not a proxied-news article: ask for the page's main text (Readability, loaded in the tab on demand).
        if (!state.article && !state.error && !state.detection.detected && !state.listing) {
          state = await api.send(tabId, { type: 'pnr:get-generic' }).catch(() => state);
        }
        if (live) setView({ kind: 'ready', tabId, state });
      } catch {
        // No receiver: a browser page, an extension store, or a tab from before the install.
        if (live) setView({ kind: 'unsupported', tabId });
      }
    })();
    return () => {
      live = false;
    };
  }, [api]);

  /** A long article came in parts: copies and saves need all of it (asked for once, after the popup shows). */
  const whole = useRef<{ head: Article; article: Promise<Article> } | null>(null);
  const wholeArticle = (tabId: number, state: PageState, head: Article): Promise<Article> => {
    const count = state.parts ?? 1;
    if (count <= 1) return Promise.resolve(head);
    if (whole.current?.head === head) return whole.current.article;
    const article = (async () => {
      const parts: ArticlePart[] = [partOfHead(head)];
      for (let part = 1; part < count; part++) {
        const next = await api.send(tabId, { type: 'pnr:get-article-part', part });
        if (!next) throw new Error(t('popup_pageChanged'));
        parts.push(next);
      }
      return joinArticle(head, parts);
    })();
    whole.current = { head, article };
    article.catch(() => {
      if (whole.current?.article === article) whole.current = null;
    });
    return article;
  };

  const shown = view.kind === 'ready' ? view.state.article : null;
  // The 简/繁 guess reads the text: once per article, not at every render (a status line re-renders).
  const lang = useMemo(() => (shown ? articleLang(shown) : undefined), [shown]);
  useEffect(() => {
    if (!shown) return;
    // After the popup has painted: a copy or a save then finds them loaded, and a long article whole.
    const timer = setTimeout(() => {
      void loadFormats().catch(() => undefined);
      if (view.kind === 'ready') void wholeArticle(view.tabId, view.state, shown).catch(() => undefined);
    }, 0);
    return () => clearTimeout(timer);
  }, [shown]);

  // Opened by the reader (`?save=`): saves at once when the hosts are granted, else asks for the user's click.
  useEffect(() => {
    const pending = api.pictures?.pending;
    if (!shown || !pending || pendingDone.current || !api.pictures) return;
    pendingDone.current = true;
    const origins = pictureOrigins(shown);
    void api.pictures.has(origins).then((has) => (has ? runPending.current?.(pending) : setAskFor(pending)));
  }, [shown]);
  const runPending = useRef<((kind: 'html' | 'zip') => void) | null>(null);

  if (view.kind === 'loading') {
    return (
      <main class="popup pnr-theme" aria-busy="true">
        <p class="loading" data-testid="loading">
          {t('popup_loading')}
        </p>
      </main>
    );
  }
  if (view.kind === 'unsupported') {
    return (
      <main class="popup pnr-theme">
        <Notice testId="unsupported" tone="info" heading={t('popup_unsupported')}>
          <p>{t('popup_unsupportedHint')}</p>
          <button
            type="button"
            class="btn"
            data-action="reload-page"
            onClick={() =>
              void api.reloadTab(view.tabId).then(
                () => window.close(),
                () => undefined,
              )
            }
          >
            {t('popup_reloadPage')}
          </button>
        </Notice>
      </main>
    );
  }
  if (view.kind === 'failed') {
    return (
      <main class="popup pnr-theme">
        <Notice testId="error" tone="error" heading={t('popup_error')}>
          <p class="error-detail">{view.message}</p>
        </Notice>
      </main>
    );
  }

  const { tabId, state } = view;
  const { article } = state;
  // Settings are keyed by the exact hostname the content script sees.
  const host = hostOf(state.url) ? new URL(state.url).hostname : null;
  // Functional: updates land after awaits, when `state` of this render may be stale.
  const update = (patch: Partial<PageState>) => setView((v) => (v.kind === 'ready' ? { ...v, state: { ...v.state, ...patch } } : v));

  const setAutoClean = async (which: 'site' | 'global', on: boolean) => {
    const before = state.autoClean;
    update({ autoClean: { ...before, [which]: on } });
    try {
      if (which === 'site' && host) await api.setSiteAutoClean(host, on);
      else await api.setGlobalAutoClean(on);
      update({ autoClean: await api.loadAutoClean(host) });
    } catch (err) {
      update({ autoClean: before });
      flash({ text: t('popup_saveFailed', errorText(err)), tone: 'error' });
    }
  };

  const autoClean = (
    <AutoClean
      host={host}
      site={state.autoClean.site}
      global={state.autoClean.global}
      onSite={(on) => void setAutoClean('site', on)}
      onGlobal={(on) => void setAutoClean('global', on)}
    />
  );

  const statusLine = <StatusLine status={status} base="status" testId="status" />;

  if (!article) {
    return (
      <main class="popup pnr-theme">
        {state.error ? (
          <Notice testId="error" tone="error" heading={t('popup_error')}>
            <p class="error-detail">{state.error}</p>
          </Notice>
        ) : state.listing ? (
          <ListingView listing={state.listing} restored={state.mode === 'images'} />
        ) : (
          <Notice testId="not-article" tone="info" heading={t('popup_notArticle')}>
            <p>{t('popup_notArticleHint')}</p>
          </Notice>
        )}
        {autoClean}
        {statusLine}
        <button type="button" class="link-button" data-action="open-options" onClick={() => void api.openOptions()}>
          {t('popup_allOptions')}
        </button>
      </main>
    );
  }

  const toggleReader = async () => {
    setBusy(true);
    try {
      const res = await api.send(tabId, { type: 'pnr:toggle-reader' });
      // The page knows whether closing the reader left it cleaned; ask rather than guess.
      const fresh = await api.send(tabId, { type: 'pnr:get-state' }).catch(() => null);
      update({ mode: fresh?.mode ?? (res.reader ? 'reader' : 'none') });
    } catch (err) {
      flash({ text: t('popup_actionFailed', errorText(err)), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  /** The article's highlights, when the reader made any (none where storage cannot be read). */
  const highlights = (): Promise<Highlight[]> =>
    state.key && api.highlights ? api.highlights(state.key).catch(() => []) : Promise.resolve([]);

  const copy = async (format: CopyFormat) => {
    try {
      const [[{ copyPayload }], all, hs] = await Promise.all([loadFormats(), wholeArticle(tabId, state, article), highlights()]);
      await api.copy(copyPayload(all, format, hs));
      flash({ text: t(`popup_copied_${format}`), tone: 'ok' });
    } catch (err) {
      flash({ text: t('popup_copyFailed', errorText(err)), tone: 'error' });
    }
  };

  const save = async (kind: 'markdown' | 'html') => {
    try {
      const [[, { buildHtmlFile, buildMarkdownFile }], all, hs] = await Promise.all([
        loadFormats(),
        wholeArticle(tabId, state, article),
        highlights(),
      ]);
      const file = kind === 'markdown' ? buildMarkdownFile(all, hs) : buildHtmlFile(all, new Date(), { highlights: hs });
      await api.download(file);
      flash({ text: t('save_done', file.name), tone: 'ok' });
    } catch (err) {
      flash({ text: t('save_failed', errorText(err)), tone: 'error' });
    }
  };

  const savePictures = (kind: 'html' | 'zip', granted?: Promise<boolean>) => {
    setAskFor(null);
    if (api.pictures?.openInTab && !api.pictures.pending) {
      api.pictures.openInTab(tabId, kind).catch((err: unknown) => flash({ text: t('save_failed', errorText(err)), tone: 'error' }));
      return;
    }
    // Asked for before anything is awaited: the prompt needs this click's gesture. Only this article's hosts.
    const access = granted ?? (api.pictures ? api.pictures.request(pictureOrigins(article)) : Promise.resolve(false));
    void (async () => {
      setBusy(true);
      try {
        const [granted, all, { saveWithPictures }, { pictureSaveText, picturesProgressText }, hs] = await Promise.all([
          access,
          wholeArticle(tabId, state, article),
          import('../save/save-with-pictures'),
          import('../ui/picture-save-text'),
          highlights(),
        ]);
        const { file, report } = await saveWithPictures(all, kind, {
          highlights: hs,
          access: granted && !!api.pictures,
          fetch: api.pictures?.fetch ?? (() => Promise.reject(new Error('no fetch'))),
          onProgress: (done, total) => flash({ text: picturesProgressText(done, total), tone: 'info' }),
        });
        await (api.pictures?.download ?? api.download)(file as never);
        const said = pictureSaveText(file.name, report);
        flash({ text: said.text, tone: said.complete ? 'ok' : 'info' });
      } catch (err) {
        flash({ text: t('save_failed', errorText(err)), tone: 'error' });
      } finally {
        setBusy(false);
      }
    })();
  };

  runPending.current = (kind) => savePictures(kind, Promise.resolve(true));

  // Shown at once; the reader in the tab follows through storage.
  const changeLook = (partial: Partial<ReaderSettings>) =>
    lookOfSite.change(partial).catch((err: unknown) => flash({ text: t('popup_saveFailed', errorText(err)), tone: 'error' }));

  return (
    <main class="popup pnr-theme">
      <div class="topbar">
        <span class="brand">{t('popup_brand')}</span>
        {state.mode !== 'none' && (
          <span class={`mode mode-${state.mode}`} data-testid="mode">
            {t(state.mode === 'reader' ? 'popup_modeReader' : state.mode === 'images' ? 'popup_modeImages' : 'popup_modeCleaned')}
          </span>
        )}
      </div>
      {state.generic && (
        <p class="generic" data-testid="generic">
          {t('popup_generic')}
        </p>
      )}
      <MetaHeader article={article} />
      <Cover cover={article.cover} />
      <Actions
        reader={state.mode === 'reader'}
        busy={busy}
        defaultFormat={look?.copyFormat ?? 'markdown'}
        onToggleReader={() => void toggleReader()}
        onCopy={(f) => void copy(f)}
        onSave={(kind) => void save(kind)}
        onSavePictures={savePictures}
      />
      {askFor && (
        <div class="notice" data-testid="ask-pictures" role="group" aria-labelledby="ask-pictures-text">
          <p id="ask-pictures-text">{t('save_picturesAsk')}</p>
          <button type="button" class="btn btn-primary" data-action="allow-save-pictures" onClick={() => savePictures(askFor)}>
            {t('save_picturesAllow')}
          </button>
        </div>
      )}
      {statusLine}
      {article.notes.length > 0 && (
        <ul class="notes" data-testid="notes">
          {article.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      <Preview html={article.html} htmlBreaks={article.htmlBreaks} htmlDepths={article.htmlDepths} lang={lang ?? articleLang(article)} />
      {look && (
        <section class="appearance" aria-labelledby="appearance-heading" data-testid="popup-appearance">
          <h2 id="appearance-heading" class="section-heading">
            {t('popup_appearance')}
          </h2>
          {lookOfSite.site && (
            <p class="site-look" data-testid="popup-site-look">
              {t('popup_siteLook', lookOfSite.site)}
            </p>
          )}
          <AppearanceControls settings={look} onChange={(p) => void changeLook(p)} idPrefix="popup" compact />
        </section>
      )}
      {autoClean}
      <button type="button" class="link-button" data-action="open-options" onClick={() => void api.openOptions()}>
        {t('popup_allOptions')}
      </button>
    </main>
  );
}
