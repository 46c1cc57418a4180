// Read aloud's own keys and clicks in the reader. ←/→ skip a paragraph while reading (the reader focused or the
// Listen panel; in vertical writing ← is the next one); a layer above the reader (the lightbox) keeps its own ←/→
// (src/reader/layers.ts stops them before they get here). A click on a paragraph while reading reads from there,
// as in Chrome's reading mode; Alt+click starts reading from a paragraph at any time. Keys of other features (j/k,
// o, a, l, ?) are theirs; nothing here acts with a modifier other than Alt+click, so Alt+←/→ stay the browser's
// back and forward.
import { useEffect, useRef, type MutableRef } from 'preact/hooks';
import type { ReadAloudView } from './use-read-aloud';

/** Where arrows and clicks mean something else. */
const OWN_KEYS = 'input, select, textarea, [contenteditable=""], [contenteditable="true"]';
const OWN_CLICKS = 'a[href], button, img, picture, video, audio, input, select, textarea, label, summary, [role=button]';

export function useListenKeys(scroller: MutableRef<HTMLElement | null>, tts: ReadAloudView | null): void {
  const latest = useRef(tts);
  latest.current = tts;

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const root = el.getRootNode() as Document | ShadowRoot;

    const onKey = (e: Event): void => {
      const event = e as KeyboardEvent;
      const now = latest.current;
      if (!now || now.state === 'idle' || event.defaultPrevented) return;
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.composedPath()[0];
      if (target instanceof Element && target.closest(OWN_KEYS)) return;
      event.preventDefault();
      // Vertical writing (竖排) reads right to left: the next paragraph is to the left.
      const forward = el.dataset.writing === 'vertical' ? 'ArrowLeft' : 'ArrowRight';
      if (event.key === forward) now.next();
      else now.previous();
    };

    const onClick = (event: MouseEvent): void => {
      const now = latest.current;
      if (!now || event.button !== 0 || event.defaultPrevented || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (!event.altKey && now.state === 'idle') return;
      const target = event.target;
      if (!(target instanceof Element) || target.closest(OWN_CLICKS)) return;
      // Selecting text is not a request to read it from there.
      const selection = (root as { getSelection?: () => Selection | null }).getSelection?.() ?? el.ownerDocument.getSelection();
      if (!event.altKey && selection && !selection.isCollapsed) return;
      const index = now.paragraphOf(target);
      if (index < 0) return;
      event.preventDefault();
      void now.startAt(index);
    };

    root.addEventListener('keydown', onKey);
    el.addEventListener('click', onClick);
    return () => {
      root.removeEventListener('keydown', onKey);
      el.removeEventListener('click', onClick);
    };
  }, [scroller]);
}
