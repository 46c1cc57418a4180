// Printing while the reader is open prints the article only. The reader's own print rules (in
// reader.css) hide its toolbar and unroll its scroller; the page behind is outside the shadow root,
// so it is hidden here for the time of printing, through the CSSOM (no stylesheet enters the page,
// and page CSPs do not apply to it), and every touched style attribute is put back exactly.

interface Saved {
  el: HTMLElement;
  style: string | null;
}

/** The host's print placement: in the flow, as tall as the article, so every page gets printed. */
const HOST_PRINT: Array<[string, string]> = [
  ['position', 'static'],
  ['inset', 'auto'],
  ['width', 'auto'],
  ['height', 'auto'],
  ['overflow', 'visible'],
];

export function installPrintMode(doc: Document, host: HTMLElement): () => void {
  const win = doc.defaultView;
  if (!win) return () => undefined;
  let saved: Saved[] | null = null;

  const before = (): void => {
    if (saved) return;
    saved = [];
    const keep = (el: HTMLElement) => saved!.push({ el, style: el.getAttribute('style') });
    const html = doc.documentElement;
    keep(html);
    // The reader locked page scrolling with overflow:hidden on <html>; a printed root must not clip.
    html.style.setProperty('overflow', 'visible', 'important');
    for (const el of Array.from(html.children)) {
      if (el === host || el.localName === 'head' || !(el instanceof win.HTMLElement)) continue;
      keep(el);
      el.style.setProperty('display', 'none', 'important');
    }
    keep(host);
    for (const [name, value] of HOST_PRINT) host.style.setProperty(name, value, 'important');
  };

  const after = (): void => {
    if (!saved) return;
    for (const { el, style } of saved.reverse()) {
      if (style === null) el.removeAttribute('style');
      else el.setAttribute('style', style);
    }
    saved = null;
  };

  win.addEventListener('beforeprint', before);
  win.addEventListener('afterprint', after);
  return () => {
    after();
    win.removeEventListener('beforeprint', before);
    win.removeEventListener('afterprint', after);
  };
}
