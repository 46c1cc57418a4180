// A copy of a whole document, made in steps (src/core/steps.ts): the content script keeps the page as it was
// before cleaning, and `cloneNode(true)` of a 5 MB page was one task of 150-300 ms. The copy is node for node
// what `doc.cloneNode(true)` gives: the same document kind, address and mode, every node imported into it.
import type { Steps } from './steps';

/** A subtree of at most this many elements is copied in one step (the 1 MB bench page's ~8,000: about 30 ms). Not smaller:
 *  the page lays itself out and paints between slices, and a copy of a 1 MB page in 8-ms slices added those frames to
 *  its time to "cleaned". */
export const CLONE_STEP_ELEMENTS = 20_000;

/** Whether `node` is copied whole in one step. A <template> always is: its contents are not its children, and
 *  only a deep copy takes them along. */
function copiedWhole(node: Node, limit: number): boolean {
  if (node.nodeType !== 1) return true;
  const el = node as Element;
  return el.localName === 'template' || el.getElementsByTagName('*').length <= limit;
}

/** `doc.cloneNode(true)`, a subtree of at most `limit` elements at a time. The caller must not let the document
 *  change between the steps (see the controller, which copies again in one piece when it did). */
export function* cloneDocumentSteps(doc: Document, limit = CLONE_STEP_ELEMENTS): Steps<Document> {
  const copy = doc.cloneNode(false) as Document;
  // Depth first, children in order: each entry a source node whose children go into its copy.
  const stack: [Node, Node][] = [[doc, copy]];
  while (stack.length) {
    const [source, target] = stack.pop()!;
    const pending: [Node, Node][] = [];
    for (let child = source.firstChild; child; child = child.nextSibling) {
      const whole = copiedWhole(child, limit);
      const made = target.appendChild(copy.importNode(child, whole));
      if (!whole) pending.push([child, made]);
      yield;
    }
    // Reversed onto the stack so that the first child's children are copied first (the order does not change the
    // copy, only how much of it exists when a step runs).
    for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]!);
  }
  return copy;
}
