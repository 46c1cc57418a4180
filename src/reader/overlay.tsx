// Reader mode: the article re-rendered in an overlay above the page.
//
// The overlay lives in a shadow root on a host element appended to <html>, outside <body> and
// the article, so the page's own markup (and the article's outerHTML) is untouched and the page's
// CSS cannot reach in. The shadow root is OPEN: a closed root would hide nothing worth hiding
// (the content is the page's own article, and the page could wrap attachShadow before us
// anyway), while an open one lets tests, devtools and assistive tooling inspect the reader.
import { render } from 'preact';
import type { Article } from '../core/types';
import type { ReaderSettings } from '../settings/reader-settings';
import type { SiteProfiles } from '../settings/site-profiles';
import { installImageFallback } from '../ui/article-html';
import { sanitizeCustomCss } from '../ui/custom-css';
import { formatDate, formatNumber } from '../ui/format';
import { t, uiLanguage } from '../ui/i18n';
import { applyReaderSettings } from '../ui/reader-style';
import { browserEnv } from './browser-env';
import { ESCAPE_EVENT } from './keymap';
import { Layers, withLayers } from './layers';
import { installPrintMode } from './print';
import { Reader, type ReaderEnv } from './Reader';
import { focusQuietlyAfterPaint } from './quiet-focus';
import { settingsSession } from './settings-session';
import { CSS, installStyles, pinHost, prepareStyles } from './shadow-host';
import { PAGE_STYLE_ATTR, READER_TAG } from '../shared/reader-host';

export interface ReaderHandle {
  /** Closes the reader (idempotent): unmounts, restores the page's scroll style and focus. */
  close(): void;
  /** The element appended to `<html>` that holds the shadow root. */
  readonly host: HTMLElement;
}

export interface ReaderOptions {
  /** Called once, however the reader closes (button, Esc, or `close()`). */
  onClose?: () => void;
  /** Settings already loaded by the caller: the reader opens in them, with no flash of the defaults. */
  settings?: ReaderSettings;
  /** Site profiles already loaded by the caller, likewise (this host's look, 简/繁 target). */
  profiles?: SiteProfiles;
  /** Replacements for the browser services (tests). */
  env?: Partial<ReaderEnv>;
}

export { READER_TAG };

/**
 * What the first opening of the reader in a page otherwise does inside its own task, done ahead (the content
 * script calls this in the page's idle time once it has loaded this module): the page's first date and number
 * formats load the language's data (the header's date took 50 ms of the opening on the largest corpus article),
 * the first message lookup binds the i18n API, and the stylesheet is parsed once for the document.
 */
export function prepareReader(doc: Document): void {
  const lang = uiLanguage();
  formatDate({ date: '2000-01-01', raw: '' }, lang);
  formatNumber(1000, lang);
  t('meta_counts', ['1', '1']);
  prepareStyles(doc, CSS);
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, iframe, [tabindex]:not([tabindex="-1"])';

export function openReader(article: Article, doc: Document, opts: ReaderOptions = {}): ReaderHandle {
  const html = doc.documentElement;
  const previousFocus = doc.activeElement;
  const previousStyle = html.getAttribute('style');

  const host = doc.createElement(READER_TAG);
  pinHost(host);
  // How to give the page back, for a content script that finds this overlay stranded (shared/reader-host.ts).
  host.setAttribute(PAGE_STYLE_ATTR, JSON.stringify(previousStyle));
  // Keys typed in the reader are not the page's: its shortcuts (search, navigation) must not fire
  // behind the overlay. Stopped at the host, after our own capture-phase handler has seen them.
  for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (e) => e.stopPropagation());
  const shadow = host.attachShadow({ mode: 'open' });
  const styles = installStyles(shadow, CSS);
  host.dataset.styles = styles.route;
  const mount = doc.createElement('div');
  mount.className = 'pnr-root pnr-theme';
  shadow.append(mount);

  const env: ReaderEnv = { ...browserEnv(doc, article, mount), ...opts.env };
  // Modal layers above the reader (the picture lightbox): the top-most one gets the keys first.
  const layers = new Layers();

  // ---- Settings (global, with this host's profile over them): shown at once, saved, followed from storage.
  let appliedCss: string | null = null;
  let closed = false;

  const show = (): void => {
    if (closed) return;
    const settings = session.settings;
    applyReaderSettings(host, mount, settings);
    if (settings.customCss !== appliedCss) {
      appliedCss = settings.customCss;
      try {
        styles.setCustom(sanitizeCustomCss(settings.customCss, doc).css);
      } catch {
        styles.setCustom('');
      }
    }
    render(
      withLayers(
        layers,
        <Reader
          article={article}
          settings={settings}
          onSettings={session.change}
          onClose={close}
          env={env}
          site={session.site}
          script={session.script}
        />,
      ),
      mount,
    );
  };

  const session = settingsSession({
    hostname: doc.location?.hostname ?? '',
    global: opts.settings,
    profiles: opts.profiles,
    onUpdate: show,
  });

  const close = (): void => {
    if (closed) return;
    closed = true;
    session.close();
    doc.removeEventListener('keydown', onKeyDown, true);
    removeFallback();
    removePrint();
    // Unmounting stops speech and saves the reading position (the Reader's effect cleanups).
    render(null, mount);
    host.remove();
    // Exactly the attribute the page had, including its absence.
    if (previousStyle === null) html.removeAttribute('style');
    else html.setAttribute('style', previousStyle);
    if (previousFocus instanceof Element && previousFocus.isConnected) {
      (previousFocus as HTMLElement).focus?.({ preventScroll: true });
    }
    opts.onClose?.();
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    // A layer above the reader (the lightbox) takes every key while open: Esc closes it first.
    if (layers.routeKey(event)) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      // Esc closes the top-most thing open in the reader first (a panel, the shortcuts list: each cancels this
      // event as it closes; see hooks/use-reader-keys.ts), the reader after.
      const layer = new Event(ESCAPE_EVENT, { cancelable: true });
      shadow.querySelector('.pnr-dialog')?.dispatchEvent(layer);
      if (!layer.defaultPrevented) close();
    } else if (event.key === 'Tab') {
      keepFocusInside(event);
    }
  };

  // aria-modal tells assistive tech; this keeps keyboard focus inside the dialog too.
  const keepFocusInside = (event: KeyboardEvent): void => {
    const items = Array.from(shadow.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    const active = shadow.activeElement;
    const inside = active !== null && items.includes(active as HTMLElement);
    if (event.shiftKey && (!inside || active === first)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (!inside || active === last)) {
      event.preventDefault();
      first.focus();
    }
  };

  html.append(host);
  show();
  const removeFallback = installImageFallback(shadow);
  const removePrint = installPrintMode(doc, host);
  doc.addEventListener('keydown', onKeyDown, true);
  // The page behind must not scroll while the reader is open. It changes the layout of the whole page (on a 5 MB
  // page, 360 ms): the browser lays the page out in its own rendering step, as long as nothing in this task asks
  // for the layout, hence the focus after that step.
  html.style.setProperty('overflow', 'hidden', 'important');
  const scroller = shadow.querySelector<HTMLElement>('.pnr-scroller');
  if (scroller) focusQuietlyAfterPaint(scroller, () => !closed && !shadow.activeElement);

  return {
    close,
    get host() {
      return host;
    },
  };
}
