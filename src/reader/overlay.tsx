// Reader mode: the article re-rendered in an overlay above the page.
//
// The overlay lives in a shadow root on a host element appended to <html>, outside <body> and
// the article, so the page's own markup (and the article's outerHTML) is untouched and the page's
// CSS cannot reach in. The shadow root is OPEN: a closed root would hide nothing worth hiding
// (the content is the page's own article, and the page could wrap attachShadow before us
// anyway), while an open one lets tests, devtools and assistive tooling inspect the reader.
import { render } from 'preact';
import type { Article } from '../core/types';
import { installImageFallback } from '../ui/article-html';
import themeCss from '../ui/theme.css?inline';
import metaCss from '../ui/meta.css?inline';
import proseCss from '../ui/prose.css?inline';
import readerCss from './reader.css?inline';
import { Reader } from './Reader';

export interface ReaderHandle {
  /** Closes the reader (idempotent): unmounts, restores the page's scroll style and focus. */
  close(): void;
  /** The element appended to `<html>` that holds the shadow root. */
  readonly host: HTMLElement;
}

export interface ReaderOptions {
  /** Called once, however the reader closes (button, Esc, or `close()`). */
  onClose?: () => void;
}

export const READER_TAG = 'proxied-news-reader';

const CSS = [themeCss, metaCss, proseCss, readerCss].join('\n');

/** How the styles got in, exposed on the host as `data-styles` for tests and debugging. */
export type StyleRoute = 'adopted' | 'style-element';

/**
 * A constructed stylesheet is not subject to the page's CSP `style-src` (an inline <style> is),
 * so it is the first choice; the <style> element covers engines or worlds where adopting fails.
 */
export function applyStyles(shadow: ShadowRoot, css: string): StyleRoute {
  try {
    if (typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in shadow) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [sheet];
      if (shadow.adoptedStyleSheets.length === 1) return 'adopted';
    }
  } catch {
    // Firefox content scripts may refuse the cross-compartment array; fall through.
  }
  const style = shadow.ownerDocument.createElement('style');
  style.textContent = css;
  shadow.prepend(style);
  return 'style-element';
}

/**
 * The host's own placement, set through the CSSOM (which CSP does not restrict) with !important,
 * so the overlay covers the page even if no stylesheet could be applied.
 */
function pinHost(host: HTMLElement): void {
  const rules: Array<[string, string]> = [
    ['all', 'initial'],
    ['display', 'block'],
    ['position', 'fixed'],
    ['inset', '0'],
    ['z-index', '2147483647'],
    ['width', '100vw'],
    ['height', '100vh'],
  ];
  for (const [name, value] of rules) host.style.setProperty(name, value, 'important');
}

const FOCUSABLE = 'a[href], button:not([disabled]), input, select, textarea, iframe, [tabindex]:not([tabindex="-1"])';

export function openReader(article: Article, doc: Document, opts: ReaderOptions = {}): ReaderHandle {
  const html = doc.documentElement;
  const previousFocus = doc.activeElement;
  const previousStyle = html.getAttribute('style');

  const host = doc.createElement(READER_TAG) as HTMLElement;
  pinHost(host);
  // Keys typed in the reader are not the page's: its shortcuts (search, navigation) must not fire
  // behind the overlay. Stopped at the host, after our own capture-phase handler has seen them.
  for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (e) => e.stopPropagation());
  const shadow = host.attachShadow({ mode: 'open' });
  host.dataset.styles = applyStyles(shadow, CSS);
  const mount = doc.createElement('div');
  mount.className = 'pnr-root pnr-theme';
  shadow.append(mount);

  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    doc.removeEventListener('keydown', onKeyDown, true);
    removeFallback();
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
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
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

  // The page behind must not scroll while the reader is open.
  html.style.setProperty('overflow', 'hidden', 'important');
  html.append(host);
  render(<Reader article={article} onClose={close} />, mount);
  const removeFallback = installImageFallback(shadow);
  doc.addEventListener('keydown', onKeyDown, true);
  shadow.querySelector<HTMLElement>('.pnr-scroller')?.focus({ preventScroll: true });

  return {
    close,
    get host() {
      return host;
    },
  };
}
