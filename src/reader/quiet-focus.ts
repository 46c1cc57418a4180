// Focus moved by the reader itself (on open, back from the lightbox) onto its scroller: the scroller is in the Tab
// order, so a keyboard user who tabs to it sees a ring; a ring around the whole article each time the reader opens
// from a shortcut would be noise. The mark lasts until that focus leaves.
export const QUIET_FOCUS = 'data-pnr-quiet-focus';

export function focusQuietly(el: HTMLElement): void {
  el.setAttribute(QUIET_FOCUS, '');
  el.addEventListener('blur', () => el.removeAttribute(QUIET_FOCUS), { once: true });
  el.focus({ preventScroll: true });
  // Nothing took it (hidden, or removed meanwhile): no blur will come to clear the mark.
  if ((el.getRootNode() as Document | ShadowRoot).activeElement !== el) el.removeAttribute(QUIET_FOCUS);
}

/**
 * `focusQuietly` once the frame that shows what was just rendered is out: focus() lays out whatever changed, and
 * right after the reader opens that is all of it (43 ms inside the opening's task on the 1 MB bench page, most of
 * a 5 MB page's). After that frame the layout is done and focusing costs nothing. The browser's idle time after the
 * frame, not an animation frame: a callback there would make the frame's whole layout part of a task of ours. A
 * page that is never idle, or paints no frame (a hidden tab), gets a timer instead. `wanted` is asked then: not
 * when the reader closed, or focus is in it already.
 */
export function focusQuietlyAfterPaint(el: HTMLElement, wanted: () => boolean): void {
  const win = el.ownerDocument.defaultView as (Window & { requestIdleCallback?: Window['requestIdleCallback'] }) | null;
  if (!win) return;
  const go = (): void => {
    if (wanted()) focusQuietly(el);
  };
  // Without idle callbacks (jsdom), the next task.
  if (typeof win.requestIdleCallback === 'function') win.requestIdleCallback(go, { timeout: 150 });
  else win.setTimeout(go, 0);
}
