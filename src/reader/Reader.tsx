// The reader view inside the overlay's shadow root: the toolbar and its panels, the article, the status line.
// Each feature lives in its own hook or panel; this file wires them together.
import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import type { Article } from '../core/types';
import type { ReaderSettings } from '../settings/reader-settings';
import type { ScriptTarget } from '../settings/profile-values';
import { articleLang, safeHref } from '../ui/format';
import { MetaHeader } from '../ui/meta-header';
import { StatusLine, useStatus } from '../ui/use-status';
import { ContinueListening } from './ContinueListening';
import { articleActions } from './hooks/article-actions';
import { useArticleGroups } from './hooks/use-article-groups';
import { useChineseScript } from './hooks/use-chinese-script';
import { useDisplayText } from './hooks/use-display-text';
import { useOutline } from './hooks/use-outline';
import { useLightbox } from './hooks/use-lightbox';
import { useReaderHighlights } from './hooks/use-reader-highlights';
import { useListenKeys } from './hooks/use-listen-keys';
import { useReadAloud } from './hooks/use-read-aloud';
import { unavailableReason, useReaderKeys } from './hooks/use-reader-keys';
import { useReadingPosition } from './hooks/use-reading-position';
import { Lightbox } from './lightbox/Lightbox';
import { useVertical } from './hooks/use-vertical';
import { readableBlocks } from './read-aloud';
import type { ReaderEnv } from './reader-env';
import type { SiteControls } from './settings-session';
import { verticalFits } from './vertical';
import type { Panel } from './tool-button';
import { SelectionToolbar } from './SelectionToolbar';
import { Toolbar } from './Toolbar';

export type { ReaderEnv } from './reader-env';

export const TITLE_ID = 'pnr-reader-title';

export interface ReaderProps {
  article: Article;
  settings: ReaderSettings;
  onSettings: (partial: Partial<ReaderSettings>) => void;
  onClose: () => void;
  env: ReaderEnv;
  /** This host's profile control, and the 简/繁 target it opens with (absent: none, 'original'). */
  site?: SiteControls;
  script?: ScriptTarget;
}

export function Reader({ article, settings, onSettings, onClose, env, site, script: opening }: ReaderProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const articleEl = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const { status, flash } = useStatus();
  const [panel, setPanel] = useState<Panel | null>(null);

  const { html, complete, allIn } = useArticleGroups(article, body);
  const { cover: c } = article;
  const cover = c && !c.placeholder && !article.images.some((img) => img.url === c.url) ? safeHref(c.url) : undefined;

  /** The paragraphs in reading order: the title, then the body's blocks. */
  const paragraphs = useCallback((): HTMLElement[] => {
    const title = articleEl.current?.querySelector<HTMLElement>(`#${TITLE_ID}`);
    return body.current ? readableBlocks(...(title ? [title] : []), body.current) : [];
  }, []);

  const baseLang = useMemo(() => articleLang(article), [article]);
  useReadingPosition(scroller, env.positions, paragraphs, complete, flash);
  const script = useChineseScript(env.importConverter, flash, baseLang.startsWith('zh') ? opening : 'original');
  const spacing = settings.cjkSpacing ? (env.autospaceCss ? 'css' : 'spans') : 'off';
  // Vertical writing (竖排): Chinese and Japanese articles only; others stay horizontal whatever the switch says.
  const vertical = settings.vertical && verticalFits(baseLang);
  const openHighlights = useCallback(() => setPanel('highlights'), []);
  const highlights = useReaderHighlights(env, article.title, flash, body, complete, openHighlights);
  useDisplayText(articleEl, body, script.converter, spacing, complete, vertical, highlights.view.items, highlights.onMissing);
  useVertical(scroller, paragraphs, vertical);
  // The user's own 简/繁 choice is kept in this site's profile when its look is remembered there.
  const picked = useMemo(
    () => (site ? { ...script, pick: async (next: ScriptTarget) => (await script.pick(next)) && (site.noteScript(next), true) } : script),
    [site, script],
  );
  // ---- Read aloud: the engine, its keys and clicks (←/→, click or Alt+click a paragraph).
  const tts = useReadAloud({ env, settings, paragraphs, scroller, allIn, flash });
  useListenKeys(scroller, env.speech ? tts : null);
  const current = highlights.view.current;
  const actions = useMemo(() => articleActions(article, env, flash, current), [article, env, flash, current]);
  const lightbox = useLightbox(articleEl, scroller, settings.showImages);

  const togglePanel = (next: Panel) => {
    const opening = panel !== next;
    setPanel(opening ? next : null);
    // "Listen" starts reading as it opens: one click, as in the browsers' reader views. Not while an earlier
    // reading's place is offered: the user picks Continue, or Play (from here).
    if (next === 'listen' && opening && tts.state === 'idle' && !tts.offer) void tts.start();
  };

  const lang = script.target === 'traditional' ? 'zh-TW' : script.target === 'simplified' ? 'zh-CN' : baseLang;

  // ---- Outline and keyboard (issue 11).
  const outline = useOutline({
    body,
    scroller,
    title: article.title,
    boldLeads: /^(zh|ja)/.test(baseLang),
    version: `${String(complete)}|${script.target}`,
    tracking: panel === 'outline',
    reducedMotion: env.reducedMotion,
  });
  useReaderKeys({
    dialog,
    scroller,
    paragraphs,
    panel,
    togglePanel,
    unavailable: (p) => unavailableReason(p, { outline: outline.entries.length > 0, speech: !!env.speech }),
    flash,
    reducedMotion: env.reducedMotion,
  });

  return (
    <div
      class="pnr-dialog"
      ref={dialog}
      data-open-panel={panel ?? undefined}
      role="dialog"
      aria-modal="true"
      aria-labelledby={TITLE_ID}
      data-testid="reader"
    >
      <Toolbar
        panel={panel}
        togglePanel={togglePanel}
        settings={settings}
        onSettings={onSettings}
        tts={env.speech ? tts : null}
        script={baseLang.startsWith('zh') ? picked : null}
        site={site}
        verticalFits={verticalFits(baseLang)}
        actions={actions}
        outline={outline}
        highlights={highlights.panel(actions)}
        onPrint={() => env.print()}
        onClose={onClose}
      />

      {/* The focus target on open: keyboard scrolling (Space, PageDown, arrows) moves the focused scroller. In the Tab
          order too, so an article without links can be scrolled again after Tab moved focus to the toolbar. */}
      <div class="pnr-scroller" data-testid="reader-scroller" data-writing={vertical ? 'vertical' : undefined} tabIndex={0} ref={scroller}>
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

      <ContinueListening tts={env.speech ? tts : null} />
      <SelectionToolbar body={body} frame={dialog} onHighlight={highlights.onHighlight} flash={flash} readSelection={env.readSelection} />
      <StatusLine status={status} base="pnr-status" testId="reader-status" />
      {/* Pictures at full size: above everything else while open. */}
      {lightbox.open && <Lightbox {...lightbox.open} onIndex={lightbox.show} onClose={lightbox.close} />}
    </div>
  );
}
