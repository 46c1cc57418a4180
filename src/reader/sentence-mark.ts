// Marks the sentence being read aloud without changing the article's text nodes: the 简/繁 conversion and the
// Han–Latin spacers hold on to those nodes (to undo their changes), so a wrapper element splitting them could
// leave text doubled or lost. Where the engine has the CSS Custom Highlight API (Chrome 105+, Firefox 140+), the
// range is registered as `::highlight(pnr-sentence)`; elsewhere boxes are drawn over the sentence's lines in a
// layer of their own, which is all that is removed afterwards.

export const HIGHLIGHT_NAME = 'pnr-sentence';
export const BOX_LAYER_CLASS = 'pnr-sentence-layer';

export interface HighlightRegistryLike {
  set(name: string, highlight: unknown): unknown;
  delete(name: string): unknown;
}
export type HighlightCtor = new (...ranges: Range[]) => unknown;

/** The CSS Custom Highlight API, where the engine has it. */
export interface HighlightApi {
  registry: HighlightRegistryLike;
  Highlight: HighlightCtor;
}

export interface SentenceMarker {
  /** Marks `range` (the previous one unmarked), or nothing for null. */
  show(range: Range | null): void;
  /** Unmarks and removes everything the marker added. */
  dispose(): void;
}

/**
 * The range of characters `start`…`end` of `el`'s text (offsets into its `textContent`), or null when the element
 * has no such text any more.
 */
export function textRange(el: Element, start: number, end: number): Range | null {
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  const range = doc.createRange();
  let at = 0;
  let started = false;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const len = node.data.length;
    if (!started && start < at + len) {
      range.setStart(node, start - at);
      started = true;
    }
    if (started && end <= at + len) {
      range.setEnd(node, end - at);
      return range;
    }
    at += len;
  }
  return null;
}

export function highlightMarker({ registry, Highlight }: HighlightApi): SentenceMarker {
  return {
    show(range) {
      if (range) registry.set(HIGHLIGHT_NAME, new Highlight(range));
      else registry.delete(HIGHLIGHT_NAME);
    },
    dispose() {
      registry.delete(HIGHLIGHT_NAME);
    },
  };
}

/**
 * Boxes over each line of the range, in a layer appended to `container` (the scroller: the boxes scroll with it),
 * drawn again when the container's content changes size (pictures loading above the sentence).
 */
export function boxMarker(container: HTMLElement): SentenceMarker {
  const doc = container.ownerDocument;
  let layer: HTMLElement | null = null;
  let current: Range | null = null;
  let resized: ResizeObserver | null = null;
  const draw = (): void => {
    if (!current || typeof current.getClientRects !== 'function') {
      layer?.replaceChildren();
      return;
    }
    if (!layer) {
      layer = doc.createElement('div');
      layer.className = BOX_LAYER_CLASS;
      layer.setAttribute('aria-hidden', 'true');
    }
    // Last in the scroller, so the boxes paint over the text (they blend with it rather than hide it).
    if (layer.parentNode !== container || layer.nextSibling) container.append(layer);
    const origin = layer.getBoundingClientRect();
    const boxes = Array.from(current.getClientRects())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => {
        const box = doc.createElement('div');
        box.style.cssText = `top:${r.top - origin.top}px;left:${r.left - origin.left}px;width:${r.width}px;height:${r.height}px`;
        return box;
      });
    layer.replaceChildren(...boxes);
  };
  return {
    show(range) {
      current = range;
      draw();
      const RO = doc.defaultView?.ResizeObserver;
      if (range && !resized && RO && container.firstElementChild) {
        resized = new RO(() => draw());
        resized.observe(container.firstElementChild);
      }
    },
    dispose() {
      current = null;
      resized?.disconnect();
      resized = null;
      layer?.remove();
      layer = null;
    },
  };
}

/** The Highlight API from the reader's window (the content script's, in an extension), or null. */
export function highlightApi(win: (Window & typeof globalThis) | null): HighlightApi | null {
  const registry = (win?.CSS as { highlights?: HighlightRegistryLike } | undefined)?.highlights;
  const Highlight = (win as { Highlight?: HighlightCtor } | null)?.Highlight;
  return registry && Highlight ? { registry, Highlight } : null;
}
