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
