// Layers above the reader (the picture lightbox, and whatever modal comes next): the top-most one owns the
// keyboard while it is open. The overlay's single keydown listener asks here first, so Esc closes the top-most
// layer, then an open panel, then the reader; and a layer's keys (←/→ in the lightbox) never reach the reader's
// own shortcuts underneath.
import { createContext, h, type ComponentChildren } from 'preact';

export interface Layer {
  /** Every keydown while this layer is on top. Call preventDefault for what it handles; the event goes no further. */
  onKeyDown(event: KeyboardEvent): void;
}

export class Layers {
  private readonly stack: Layer[] = [];

  /** Puts `layer` on top; returns the function that removes it (wherever it is in the stack by then). */
  push(layer: Layer): () => void {
    this.stack.push(layer);
    return () => {
      const at = this.stack.lastIndexOf(layer);
      if (at >= 0) this.stack.splice(at, 1);
    };
  }

  get top(): Layer | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Hands `event` to the top-most layer and stops it there; false (and nothing done) when no layer is open. */
  routeKey(event: KeyboardEvent): boolean {
    const top = this.top;
    if (!top) return false;
    // Immediate: other keydown listeners on the same node (a keyboard-shortcut hook) must not see it either.
    event.stopImmediatePropagation();
    top.onKeyDown(event);
    return true;
  }
}

/** The reader's layers; the overlay provides one per reader. The default serves a Reader rendered alone (tests). */
export const LayersContext = createContext<Layers>(new Layers());

/** `child` with `layers` provided to it. */
export const withLayers = (layers: Layers, child: ComponentChildren) => h(LayersContext.Provider, { value: layers }, child);
