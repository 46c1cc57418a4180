// A log of the DOM edits cleaning makes, so that `undo()` restores the exact original markup
// (attribute order aside, which serialisation keeps because we only ever set existing or append new).

type Entry =
  | { op: 'attr'; el: Element; name: string; old: string | null }
  | { op: 'unwrap'; el: Element; parent: Node; children: Node[]; next: Node | null }
  | { op: 'remove'; el: Element; parent: Node; next: Node | null };

export class UndoLog {
  private entries: Entry[] = [];

  get size(): number {
    return this.entries.length;
  }

  /** Set (or, with null, remove) an attribute, remembering the old value. No-op when unchanged. */
  setAttr(el: Element, name: string, value: string | null): void {
    const old = el.getAttribute(name);
    if (old === value) return;
    this.entries.push({ op: 'attr', el, name, old });
    if (value === null) el.removeAttribute(name);
    else el.setAttribute(name, value);
  }

  /** Replace an element by its children (the word stays, the link goes). */
  unwrap(el: Element): void {
    const parent = el.parentNode;
    if (!parent) return;
    const children = Array.from(el.childNodes);
    const next = el.nextSibling;
    this.entries.push({ op: 'unwrap', el, parent, children, next });
    for (const child of children) parent.insertBefore(child, el);
    parent.removeChild(el);
  }

  /** Take an element out (a link's decoration, as NexT's external-link icon, goes with the link). */
  remove(el: Element): void {
    const parent = el.parentNode;
    if (!parent) return;
    this.entries.push({ op: 'remove', el, parent, next: el.nextSibling });
    parent.removeChild(el);
  }

  /** Restore every edit, newest first. Idempotent: a second call does nothing. */
  undo(): void {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      if (e.op === 'attr') {
        if (e.old === null) e.el.removeAttribute(e.name);
        else e.el.setAttribute(e.name, e.old);
      } else if (e.op === 'remove') {
        e.parent.insertBefore(e.el, e.next && e.next.parentNode === e.parent ? e.next : null);
      } else {
        const anchor = e.children[0]?.parentNode === e.parent ? e.children[0] : e.next;
        e.parent.insertBefore(e.el, anchor && anchor.parentNode === e.parent ? anchor : null);
        for (const child of e.children) e.el.appendChild(child);
      }
    }
    this.entries = [];
  }
}
