// A small toolbar over a selection in the article: one button per colour, and one to highlight with a note. The
// selection is read when the pointer or a key lets go (not on every selectionchange: reading the text is O(article)).
import { useLayoutEffect, useRef, useState, type MutableRef } from 'preact/hooks';
import { anchorOfRange, TextIndex } from '../core/highlight-anchor';
import { HIGHLIGHT_COLORS, MAX_QUOTE_CHARS, type HighlightColor, type TextAnchor } from '../core/highlights';
import { t } from '../ui/i18n';
import type { Status } from '../ui/use-status';
import { originalData } from './chinese-convert';

export interface BoundaryRange {
  startContainer: Node;
  startOffset: number;
  endContainer: Node;
  endOffset: number;
  collapsed: boolean;
}

/** The selection inside our shadow root: composed ranges where the browser has them, else what it offers. */
export function shadowSelection(root: ShadowRoot): BoundaryRange | null {
  const sel = root.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0) {
    // Chromium keeps a shadow root's selection on the root.
    const own = (root as unknown as { getSelection?: () => Selection | null }).getSelection?.();
    return own && own.rangeCount ? own.getRangeAt(0) : null;
  }
  const composed = (sel as unknown as { getComposedRanges?: (o: { shadowRoots: ShadowRoot[] }) => StaticRange[] }).getComposedRanges;
  if (typeof composed === 'function') {
    try {
      const [r] = composed.call(sel, { shadowRoots: [root] });
      if (r) return r;
    } catch {
      // An engine with the older signature: fall through.
    }
  }
  const own = (root as unknown as { getSelection?: () => Selection | null }).getSelection?.();
  if (own && own.rangeCount) return own.getRangeAt(0);
  return sel.getRangeAt(0);
}

export interface SelectionToolbarProps {
  body: MutableRef<HTMLElement | null>;
  /** The box the toolbar is placed in (positioned). */
  frame: MutableRef<HTMLElement | null>;
  onHighlight: (anchor: TextAnchor, color: HighlightColor, withNote: boolean) => void;
  flash: (status: Status) => void;
  /** Reads the selection (tests: jsdom keeps no selection inside a shadow root). */
  readSelection?: (root: ShadowRoot) => BoundaryRange | null;
}

export function SelectionToolbar({ body, frame, onHighlight, flash, readSelection = shadowSelection }: SelectionToolbarProps) {
  const [picked, setPicked] = useState<{ anchor: TextAnchor; top: number; left: number } | null>(null);
  const bar = useRef<HTMLDivElement>(null);

  // Listening from the first paint: a selection made at once is not missed.
  useLayoutEffect(() => {
    const b = body.current;
    const root = b?.getRootNode();
    if (!b || !(root instanceof ShadowRoot)) return;
    const doc = b.ownerDocument;
    const read = () => {
      const range = readSelection(root);
      if (!range || range.collapsed || !b.contains(range.startContainer) || !b.contains(range.endContainer)) {
        // A click on the toolbar itself keeps it.
        if (!bar.current?.contains(root.activeElement)) setPicked(null);
        return;
      }
      const anchor = anchorOfRange(TextIndex.of(b, originalData), range);
      if (!anchor) return setPicked(null);
      if (anchor.quote.length > MAX_QUOTE_CHARS) {
        flash({ text: t('hl_tooLong', String(MAX_QUOTE_CHARS)), tone: 'error' });
        return setPicked(null);
      }
      const live = doc.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      // Engines without layout (jsdom) have no boxes: the toolbar then sits at the top left.
      const rect = typeof live.getBoundingClientRect === 'function' ? live.getBoundingClientRect() : null;
      const box = frame.current?.getBoundingClientRect();
      // Above the selection, or below it when it is at the top; always inside the reader.
      const above = (rect?.top ?? 0) - (box?.top ?? 0) - 48;
      const top = Math.max(4, Math.min(above >= 4 ? above : (rect?.bottom ?? 0) - (box?.top ?? 0) + 8, (box?.height ?? 600) - 52));
      const left = Math.max(4, Math.min((rect?.left ?? 0) - (box?.left ?? 0), (box?.width ?? 320) - 260));
      setPicked({ anchor, top, left });
    };
    const later = () =>
      setTimeout(() => {
        try {
          read();
        } catch {
          // A selection the engine cannot measure or map: no toolbar, and nothing thrown into the page.
          setPicked(null);
        }
      }, 0);
    const onKey = (e: KeyboardEvent) => {
      if (e.shiftKey || e.key === 'Shift') later();
    };
    // Touch handles and keyboard selection (caret browsing) end without a pointerup: read once the selection rests.
    let resting: ReturnType<typeof setTimeout> | undefined;
    const onSelection = () => {
      clearTimeout(resting);
      const range = readSelection(root);
      if (!range || range.collapsed) setPicked((p) => (p && !bar.current?.contains(root.activeElement) ? null : p));
      else resting = setTimeout(later, 400);
    };
    b.addEventListener('pointerup', later);
    b.addEventListener('keyup', onKey);
    doc.addEventListener('selectionchange', onSelection);
    return () => {
      b.removeEventListener('pointerup', later);
      b.removeEventListener('keyup', onKey);
      doc.removeEventListener('selectionchange', onSelection);
      clearTimeout(resting);
    };
  }, [body, frame, flash, readSelection]);

  if (!picked) return null;
  const pick = (color: HighlightColor, withNote: boolean) => {
    onHighlight(picked.anchor, color, withNote);
    setPicked(null);
    bar.current?.ownerDocument.getSelection()?.removeAllRanges();
  };
  return (
    <div
      class="pnr-selbar"
      role="toolbar"
      aria-label={t('hl_toolbar')}
      data-testid="selection-toolbar"
      ref={bar}
      style={{ top: `${picked.top}px`, left: `${picked.left}px` }}
      // Pressing a button must not clear the selection it is about.
      onMouseDown={(e) => e.preventDefault()}
    >
      {HIGHLIGHT_COLORS.map((color) => (
        <button
          key={color}
          type="button"
          class="pnr-selbar-color"
          data-color={color}
          data-action={`highlight-${color}`}
          aria-label={t('hl_mark', t(`hl_color_${color}`))}
          title={t('hl_mark', t(`hl_color_${color}`))}
          onClick={() => pick(color, false)}
        />
      ))}
      <button type="button" class="pnr-btn pnr-selbar-note" data-action="highlight-note" onClick={() => pick('yellow', true)}>
        {t('hl_note')}
      </button>
    </div>
  );
}
