// What a content script needs to know of a reader overlay another instance of it left in the page. Firefox injects
// the new version's content script into open tabs when the extension is updated, reloaded or re-enabled, while the
// old script's world is torn down without a word: an open reader would stay over the page with nothing behind its
// buttons. The overlay writes down how to undo itself (the page's `style` attribute before it), so that whoever
// comes next can. Small on purpose: the always-injected script imports it.

/** The overlay's host element (a custom element name, so it cannot clash with the page's markup). */
export const READER_TAG = 'proxied-news-reader';

/** On the host: the root element's `style` attribute before the reader opened, as JSON (null: there was none). */
export const PAGE_STYLE_ATTR = 'data-page-style';

/** The root element's mode attribute (see src/content/controller.ts). */
export const MODE_ATTR = 'data-proxied-news-reader';

/**
 * Remove reader overlays left by an earlier instance of the content script and give the page back its root
 * element's style (the reader hid the page's scroll bar). Returns how many were removed. Call once, when this
 * instance starts: it has opened none yet.
 */
export function releaseStrandedReaders(doc: Document): number {
  const hosts = Array.from(doc.getElementsByTagName(READER_TAG));
  const html = doc.documentElement;
  for (const host of hosts) {
    const saved = host.getAttribute(PAGE_STYLE_ATTR);
    host.remove();
    if (saved === null || !html) continue;
    let style: unknown;
    try {
      style = JSON.parse(saved);
    } catch {
      continue; // not ours to guess
    }
    if (style === null) html.removeAttribute('style');
    else if (typeof style === 'string') html.setAttribute('style', style);
  }
  // The mode said "reader": no reader is open now; the controller sets the mode again once it has cleaned.
  if (hosts.length && html?.getAttribute(MODE_ATTR) === 'reader') html.removeAttribute(MODE_ATTR);
  return hosts.length;
}
