// The reader's shadow host: its styles (constructed sheets where allowed, else <style>) and its own placement.
import themeCss from '../ui/theme.css?inline';
import metaCss from '../ui/meta.css?inline';
import proseCss from '../ui/prose.css?inline';
import controlsCss from '../ui/controls.css?inline';
import readerCss from './reader.css?inline';

export const CSS = [themeCss, metaCss, proseCss, controlsCss, readerCss].join('\n');

/** How the styles got in, exposed on the host as `data-styles` for tests and debugging. */
export type StyleRoute = 'adopted' | 'style-element';

export interface ShadowStyles {
  route: StyleRoute;
  /** Replaces the user's custom CSS (already sanitized), which comes after ours. */
  setCustom(css: string): void;
}

const parsed = new WeakMap<Document, { css: string; sheet: CSSStyleSheet }>();

/** Our stylesheet, parsed once per document (ahead of the first opening: `prepareStyles`); every reader opened in
 *  it adopts the same one, which nothing changes (the user's CSS is a sheet of its own). */
function baseSheet(doc: Document, css: string): CSSStyleSheet {
  const known = parsed.get(doc);
  if (known?.css === css) return known.sheet;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  parsed.set(doc, { css, sheet });
  return sheet;
}

/** Parses the reader's stylesheet for `doc` now, where constructed sheets are allowed (else nothing: the reader
 *  puts <style> elements in its shadow root as it opens). */
export function prepareStyles(doc: Document, css: string): void {
  try {
    if (typeof CSSStyleSheet === 'function') baseSheet(doc, css);
  } catch {
    // As installStyles: a world where constructing fails uses <style> elements.
  }
}

/**
 * A constructed stylesheet is not subject to the page's CSP `style-src` (an inline <style> is),
 * so it is the first choice; <style> elements cover engines or worlds where adopting fails.
 */
export function installStyles(shadow: ShadowRoot, css: string): ShadowStyles {
  try {
    if (typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in shadow) {
      const base = baseSheet(shadow.ownerDocument, css);
      const custom = new CSSStyleSheet();
      shadow.adoptedStyleSheets = [base, custom];
      if (shadow.adoptedStyleSheets.length === 2) {
        return { route: 'adopted', setCustom: (text) => custom.replaceSync(text) };
      }
    }
  } catch {
    // Firefox content scripts may refuse the cross-compartment array; fall through.
  }
  const doc = shadow.ownerDocument;
  const base = doc.createElement('style');
  base.textContent = css;
  const custom = doc.createElement('style');
  custom.dataset.custom = '';
  shadow.prepend(base, custom);
  return {
    route: 'style-element',
    setCustom: (text) => {
      custom.textContent = text;
    },
  };
}

/**
 * The host's own placement, set through the CSSOM (which CSP does not restrict) with !important,
 * so the overlay covers the page even if no stylesheet could be applied.
 */
export function pinHost(host: HTMLElement): void {
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
