// The reader view inside the overlay's shadow root: a toolbar (appearance, read aloud, Chinese
// script, copy, save, print, close) with one disclosure panel open at a time, and the article.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Article } from '../core/types';
import type { ReaderSettings } from '../settings/reader-settings';
import { AppearanceControls } from '../ui/appearance';
import { htmlGroups, prepareArticleHtml, prepareArticleNodes } from '../ui/article-html';
import { yieldToPage } from '../content/slices';
import type { CopyPayload } from '../ui/clipboard';
import { copyPayload, type CopyFormat } from '../ui/copy-formats';
import { articleLang, safeHref } from '../ui/format';
import { t } from '../ui/i18n';
import { MetaHeader } from '../ui/meta-header';
import { buildHtmlFile, buildMarkdownFile, type SavedFile } from '../ui/save';
import { convertTextNodes, loadConverter, type ConvertTarget, type Converter, type ConverterImporter } from './chinese-convert';
import { insertCjkSpacing } from './cjk-spacing';
import { IconConvert, IconCopy, IconPause, IconPlay, IconPrint, IconSave, IconSpeaker, IconStop, IconType } from './icons';
import { ReadAloud, readableBlocks, type ReadAloudState, type SynthLike, type UtteranceCtor } from './read-aloud';
import { firstVisibleParagraph, restorePosition, scrollFraction, throttle, type PositionStore } from './reading-position';

export const TITLE_ID = 'pnr-reader-title';

/** What the reader needs from outside: the browser's services, injected so tests can fake them. */
export interface ReaderEnv {
  speech: { synth: SynthLike; Utterance: UtteranceCtor } | null;
  positions: { store: PositionStore; key: string } | null;
  copy(payload: CopyPayload): Promise<unknown>;
  download(file: SavedFile): void;
  /** Save with pictures: asks the background to open the extension page that fetches them (a content script
   *  cannot ask for the permission). Absent where there is no extension (tests, the local preview). */
  savePictures?(kind: 'html' | 'zip'): Promise<unknown>;
  print(): void;
  /** CSS `text-autospace` is supported: no spacer elements needed. */
  autospaceCss: boolean;
  /** Loads opencc-js (tests pass a fake). */
  importConverter?: ConverterImporter;
  /** Scrolling a highlighted paragraph into view; absent in engines without layout. */
  reducedMotion?: boolean;
}

export interface ReaderProps {
  article: Article;
  settings: ReaderSettings;
  onSettings: (partial: Partial<ReaderSettings>) => void;
  onClose: () => void;
  env: ReaderEnv;
}

type Panel = 'appearance' | 'listen' | 'convert' | 'save';

interface Status {
  text: string;
  tone: 'ok' | 'error';
}

const COPIED: Record<CopyFormat, string> = { text: 'popup_copied_text', markdown: 'popup_copied_markdown', html: 'popup_copied_html' };
const COPY_AS: Record<CopyFormat, string> = { text: 'popup_copyText', markdown: 'popup_copyMarkdown', html: 'popup_copyHtml' };
const CONVERT_LABEL: Record<ConvertTarget, string> = {
  original: 'conv_original',
  simplified: 'conv_simplified',
  traditional: 'conv_traditional',
};
const STATUS_MS = 2500;

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function ToolButton(props: {
  panel?: Panel;
  open?: Panel | null;
  onClick: () => void;
  icon: preact.JSX.Element;
  label: string;
  title?: string;
  action: string;
  disabled?: boolean;
  /** Something runs behind this button (reading aloud): marked even with its panel closed. */
  active?: boolean;
}) {
  const expanded = props.panel ? props.open === props.panel : undefined;
  return (
    <button
      type="button"
      class={`pnr-tool${expanded ? ' pnr-tool-open' : ''}${props.active ? ' pnr-tool-active' : ''}`}
      data-action={props.action}
      data-panel={props.panel}
      aria-expanded={expanded}
      aria-controls={props.panel ? `pnr-panel-${props.panel}` : undefined}
      title={props.title ?? props.label}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.icon}
      <span class="pnr-tool-text">{props.label}</span>
    </button>
  );
}

export function Reader({ article, settings, onSettings, onClose, env }: ReaderProps) {
  // Stable across re-renders: Preact then leaves the rendered body (and our decorations) alone. A long article
  // shows its first group at once and the others follow a task each (a 5 MB article parsed and laid out in
  // one go froze the page for seconds).
  const groups = useMemo(() => htmlGroups(article), [article]);
  const html = useMemo(() => prepareArticleHtml(groups[0] ?? ''), [groups]);
  const [complete, setComplete] = useState(groups.length <= 1);
  const { cover: c } = article;
  const cover = c && !c.placeholder && !article.images.some((img) => img.url === c.url) ? safeHref(c.url) : undefined;

  const [panel, setPanel] = useState<Panel | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [tts, setTts] = useState<{ state: ReadAloudState; paragraph: number | null; total: number }>({
    state: 'idle',
    paragraph: null,
    total: 0,
  });
  const [target, setTarget] = useState<ConvertTarget>('original');
  const [converter, setConverter] = useState<Converter | null>(null);
  const [converting, setConverting] = useState(false);

  const scroller = useRef<HTMLDivElement>(null);
  const articleEl = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const reader = useRef<ReadAloud | null>(null);
  const highlighted = useRef<HTMLElement | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flash = useCallback((next: Status) => {
    clearTimeout(timer.current);
    setStatus(next);
    if (next.tone === 'ok') timer.current = setTimeout(() => setStatus(null), STATUS_MS);
  }, []);

  /** Settles once the whole article is in (read aloud takes its paragraphs then, not from the first groups). Made
   *  with the groups, before any effect runs: a click may come first. */
  const allIn = useMemo(() => {
    let done = (): void => undefined;
    const promise = groups.length <= 1 ? Promise.resolve() : new Promise<void>((resolve) => (done = resolve));
    return { promise, done };
  }, [groups]);
  useEffect(() => {
    const b = body.current;
    if (groups.length <= 1 || !b) return;
    let live = true;
    void (async () => {
      for (const group of groups.slice(1)) {
        await yieldToPage();
        if (!live) return;
        b.append(...prepareArticleNodes(group));
      }
      // Text split where two groups met reads as one node again, as one parse of the whole would give it.
      b.normalize();
      setComplete(true);
      allIn.done();
    })();
    return () => {
      live = false;
    };
  }, [groups, allIn]);

  /** The paragraphs in reading order: the title, then the body's blocks. */
  const paragraphs = useCallback((): HTMLElement[] => {
    const title = articleEl.current?.querySelector<HTMLElement>(`#${TITLE_ID}`);
    return body.current ? readableBlocks(...(title ? [title] : []), body.current) : [];
  }, []);

  // ---- Reading position: restored once, saved as the user scrolls (throttled), flushed on close.
  useEffect(() => {
    const el = scroller.current;
    const positions = env.positions;
    // The saved place is found in the whole article, once it is all there.
    if (!el || !positions || !complete) return;
    let live = true;
    void positions.store.get(positions.key).then((pos) => {
      if (!live || !pos) return;
      restorePosition(el, paragraphs(), pos);
      flash({ text: t('reader_resumed'), tone: 'ok' });
    });
    const save = throttle(() => {
      positions.store
        .save(positions.key, { fraction: scrollFraction(el), paragraph: firstVisibleParagraph(el, paragraphs()) })
        // Not kept (storage full, or the extension updated under the reader): the page must not hear of it.
        .catch(() => undefined);
    }, 1000);
    el.addEventListener('scroll', save, { passive: true });
    return () => {
      live = false;
      el.removeEventListener('scroll', save);
      save.flush();
    };
  }, [env.positions, paragraphs, flash, complete]);

  // ---- Display-only text changes, in a fixed order (convert, then space) and undone in reverse,
  // so either can change without the other losing track of the text nodes.
  const spacing = settings.cjkSpacing ? (env.autospaceCss ? 'css' : 'spans') : 'off';
  useLayoutEffect(() => {
    const art = articleEl.current;
    const b = body.current;
    if (!art || !b) return;
    const undoConvert = converter ? convertTextNodes(art, converter) : null;
    const undoSpacing = spacing === 'spans' ? insertCjkSpacing(b) : null;
    return () => {
      undoSpacing?.();
      undoConvert?.();
    };
    // Again over the whole article once its last group is in.
  }, [converter, spacing, complete]);

  // ---- Read aloud.
  const highlight = useCallback(
    (index: number | null) => {
      highlighted.current?.classList.remove('pnr-speaking');
      highlighted.current = null;
      const el = index === null ? undefined : paragraphs()[index];
      if (el) {
        el.classList.add('pnr-speaking');
        highlighted.current = el;
        el.scrollIntoView?.({ block: 'center', behavior: env.reducedMotion ? 'auto' : 'smooth' });
      }
      setTts((s) => ({ ...s, paragraph: index }));
    },
    [paragraphs, env.reducedMotion],
  );

  const speech = env.speech;
  const startReading = useCallback(async () => {
    if (!speech) return;
    // A long article's later groups may still be on their way: every paragraph is read, none skipped.
    await allIn.promise;
    reader.current ??= new ReadAloud({
      ...speech,
      onState: (state) => setTts((s) => ({ ...s, state })),
      onParagraph: highlight,
      onError: (error) => flash({ text: t('tts_error', error), tone: 'error' }),
    });
    const list = paragraphs();
    setTts((s) => ({ ...s, total: list.length }));
    // From where the user is: the first paragraph in view (the title when at the top).
    const from = scroller.current && scroller.current.scrollTop > 0 ? firstVisibleParagraph(scroller.current, list) : 0;
    reader.current.start(list, from);
  }, [speech, highlight, paragraphs, flash, allIn]);

  // Speech stops with the reader.
  useEffect(() => () => reader.current?.stop(), []);

  const togglePanel = (next: Panel) => {
    const opening = panel !== next;
    setPanel(opening ? next : null);
    // "Listen" starts reading as it opens: one click, as in the browsers' reader views.
    if (next === 'listen' && opening && tts.state === 'idle') void startReading();
  };

  // ---- Chinese script.
  const pickTarget = async (next: ConvertTarget) => {
    if (next === target) return;
    if (next === 'original') {
      setTarget('original');
      setConverter(null);
      return;
    }
    setConverting(true);
    try {
      const fn = await loadConverter(next, env.importConverter);
      setTarget(next);
      // A function in state must be wrapped: Preact would call it as an updater.
      setConverter(() => fn);
      flash({ text: t(next === 'traditional' ? 'conv_doneTraditional' : 'conv_doneSimplified'), tone: 'ok' });
    } catch (err) {
      flash({ text: t('conv_unavailable', errorText(err)), tone: 'error' });
    } finally {
      setConverting(false);
    }
  };

  // ---- Copy and save.
  const copy = async (format: CopyFormat) => {
    try {
      await env.copy(copyPayload(article, format));
      flash({ text: t(COPIED[format]), tone: 'ok' });
    } catch (err) {
      flash({ text: t('popup_copyFailed', errorText(err)), tone: 'error' });
    }
  };

  const save = (kind: 'markdown' | 'html') => {
    try {
      const file = kind === 'markdown' ? buildMarkdownFile(article) : buildHtmlFile(article);
      env.download(file);
      flash({ text: t('save_done', file.name), tone: 'ok' });
    } catch (err) {
      flash({ text: t('save_failed', errorText(err)), tone: 'error' });
    }
  };

  const savePictures = (kind: 'html' | 'zip') => {
    env.savePictures?.(kind).then(
      () => flash({ text: t('save_picturesOpened'), tone: 'ok' }),
      (err: unknown) => flash({ text: t('save_failed', errorText(err)), tone: 'error' }),
    );
  };

  const baseLang = useMemo(() => articleLang(article), [article]);
  const lang = target === 'traditional' ? 'zh-TW' : target === 'simplified' ? 'zh-CN' : baseLang;
  const chinese = baseLang.startsWith('zh');
  const ttsText =
    tts.state === 'idle'
      ? t('tts_idle')
      : t(tts.state === 'paused' ? 'tts_paused' : 'tts_reading', [String((tts.paragraph ?? 0) + 1), String(tts.total)]);

  return (
    <div class="pnr-dialog" role="dialog" aria-modal="true" aria-labelledby={TITLE_ID} data-testid="reader">
      <section class="pnr-toolbar" aria-label={t('reader_tools')}>
        <div class="pnr-toolbar-inner">
          <span class="pnr-toolbar-name">{t('reader_label')}</span>
          <div class="pnr-tools">
            <ToolButton
              panel="appearance"
              open={panel}
              onClick={() => togglePanel('appearance')}
              icon={<IconType />}
              label={t('reader_appearance')}
              action="appearance"
            />
            <ToolButton
              panel="listen"
              open={panel}
              onClick={() => togglePanel('listen')}
              icon={<IconSpeaker />}
              label={t('reader_listen')}
              title={speech ? t('reader_listen') : t('tts_unavailable')}
              action="listen"
              disabled={!speech}
              active={tts.state !== 'idle'}
            />
            {chinese && (
              <ToolButton
                panel="convert"
                open={panel}
                onClick={() => togglePanel('convert')}
                icon={<IconConvert />}
                label={t('reader_convert')}
                title={t('conv_heading')}
                action="convert"
              />
            )}
            <ToolButton
              onClick={() => void copy(settings.copyFormat)}
              icon={<IconCopy />}
              label={t('reader_copy')}
              title={t(COPY_AS[settings.copyFormat])}
              action="copy-default"
            />
            <ToolButton
              panel="save"
              open={panel}
              onClick={() => togglePanel('save')}
              icon={<IconSave />}
              label={t('reader_save')}
              action="save"
            />
            <ToolButton onClick={() => env.print()} icon={<IconPrint />} label={t('reader_print')} action="print" />
          </div>
          <button type="button" class="pnr-close" data-action="close-reader" onClick={onClose} title={t('reader_closeHint')}>
            <span aria-hidden="true" class="pnr-close-x">
              ×
            </span>
            <span class="pnr-close-text">{t('reader_close')}</span>
          </button>
        </div>

        {panel === 'appearance' && (
          <div class="pnr-panel" id="pnr-panel-appearance" role="group" aria-label={t('reader_appearance')} data-testid="panel-appearance">
            <AppearanceControls settings={settings} onChange={onSettings} idPrefix="pnr-reader" />
          </div>
        )}

        {panel === 'listen' && (
          <div
            class="pnr-panel pnr-panel-row"
            id="pnr-panel-listen"
            role="group"
            aria-label={t('reader_listen')}
            data-testid="panel-listen"
          >
            {tts.state === 'playing' ? (
              <button type="button" class="pnr-btn" data-action="tts-pause" onClick={() => reader.current?.pause()}>
                <IconPause />
                {t('tts_pause')}
              </button>
            ) : (
              <button
                type="button"
                class="pnr-btn pnr-btn-primary"
                data-action="tts-play"
                onClick={() => (tts.state === 'paused' ? reader.current?.resume() : void startReading())}
              >
                <IconPlay />
                {tts.state === 'paused' ? t('tts_resume') : t('tts_play')}
              </button>
            )}
            <button
              type="button"
              class="pnr-btn"
              data-action="tts-stop"
              disabled={tts.state === 'idle'}
              onClick={() => reader.current?.stop()}
            >
              <IconStop />
              {t('tts_stop')}
            </button>
            <span class="pnr-panel-note" data-testid="tts-status">
              {ttsText}
              {reader.current && tts.state !== 'idle' ? ` · ${reader.current.language}` : ''}
            </span>
          </div>
        )}

        {panel === 'convert' && (
          <div class="pnr-panel" id="pnr-panel-convert" role="group" aria-label={t('conv_heading')} data-testid="panel-convert">
            <fieldset class="pnr-field pnr-seg" aria-busy={converting} data-setting="convert">
              <legend class="pnr-field-label">{t('conv_heading')}</legend>
              <div class="pnr-seg-options">
                {(['original', 'simplified', 'traditional'] as const).map((v) => (
                  <label key={v} class="pnr-seg-option">
                    <input
                      type="radio"
                      name="pnr-convert"
                      value={v}
                      checked={target === v}
                      disabled={converting}
                      onChange={() => void pickTarget(v)}
                    />
                    <span>{t(CONVERT_LABEL[v])}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <p class="pnr-panel-note">{converting ? t('conv_loading') : t('conv_note')}</p>
          </div>
        )}

        {panel === 'save' && (
          <div class="pnr-panel" id="pnr-panel-save" role="group" aria-label={t('reader_save')} data-testid="panel-save">
            <div class="pnr-panel-row" role="group" aria-labelledby="pnr-save-label">
              <span class="pnr-field-label" id="pnr-save-label">
                {t('save_heading')}
              </span>
              <button type="button" class="pnr-btn" data-action="save-markdown" onClick={() => save('markdown')}>
                {t('save_markdown')}
              </button>
              <button type="button" class="pnr-btn" data-action="save-html" onClick={() => save('html')}>
                {t('save_html')}
              </button>
            </div>
            {env.savePictures && (
              <div class="pnr-panel-row" role="group" aria-labelledby="pnr-save-pictures-label">
                <span class="pnr-field-label" id="pnr-save-pictures-label">
                  {t('save_picturesGroup')}
                </span>
                <button type="button" class="pnr-btn" data-action="save-html-pictures" onClick={() => savePictures('html')}>
                  {t('save_picturesHtml')}
                </button>
                <button type="button" class="pnr-btn" data-action="save-zip-pictures" onClick={() => savePictures('zip')}>
                  {t('save_picturesZip')}
                </button>
              </div>
            )}
            <div class="pnr-panel-row" role="group" aria-labelledby="pnr-copyas-label">
              <span class="pnr-field-label" id="pnr-copyas-label">
                {t('popup_copyGroup')}
              </span>
              {(['text', 'markdown', 'html'] as const).map((f) => (
                <button
                  key={f}
                  type="button"
                  class="pnr-btn"
                  data-action={`copy-${f}`}
                  aria-label={t(COPY_AS[f])}
                  onClick={() => void copy(f)}
                >
                  {f === 'text' ? t('popup_formatText') : f === 'markdown' ? 'Markdown' : 'HTML'}
                </button>
              ))}
            </div>
          </div>
        )}
      </section>

      {/* The focus target on open: keyboard scrolling (Space, PageDown, arrows) moves the focused scroller. */}
      <div class="pnr-scroller" data-testid="reader-scroller" tabIndex={-1} ref={scroller}>
        <article class="pnr-article" lang={lang} ref={articleEl}>
          <MetaHeader article={article} titleId={TITLE_ID} />
          {cover && (
            <figure class="pnr-cover" data-testid="reader-cover">
              <img src={cover} alt="" referrerpolicy="no-referrer" decoding="async" />
            </figure>
          )}
          <div
            ref={body}
            class="pnr-body pnr-prose"
            data-testid="reader-body"
            // A long article's later groups are still on their way.
            aria-busy={complete ? undefined : 'true'}
            data-autospace={spacing === 'off' ? undefined : spacing}
            // The core's DOMPurify output: the only HTML we render.
            dangerouslySetInnerHTML={{ __html: html }}
          />
        </article>
      </div>

      <p
        class={`pnr-status${status ? ` pnr-status-${status.tone}` : ''}`}
        data-testid="reader-status"
        role="status"
        aria-live="polite"
        aria-atomic="true"
      >
        {status?.text ?? ''}
      </p>
    </div>
  );
}
