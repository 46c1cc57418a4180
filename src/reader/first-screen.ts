// The first group of an article, cut for the first paint: what fills a screen is rendered at once, the rest of the
// group follows a task later, into the element it came from. An article whose body is one wrapper (the largest
// corpus article: 34 KB, 1,265 elements, one group) was otherwise parsed, styled and laid out whole before the
// reader or the preview first showed anything.
import { prepareArticleHtml, prepareArticleNodes } from '../ui/article-html';

/** About this much markup goes into the first paint; a group up to twice as long is rendered whole. */
export const FIRST_SCREEN_CHARS = 8 * 1024;

/** Marks, in the first part's markup, the element the rest of the group goes back into. */
const REST_ATTR = 'data-pnr-rest';

export interface FirstScreen {
  /** The first part's prepared HTML (prepareArticleHtml), or the whole group's when it is short. */
  html: string;
  /** What follows, moved back in by `placeRest`; null when the group is whole in `html`. */
  rest: Rest | null;
}

export interface Rest {
  nodes: Node[];
  /** The `data-pnr-rest` value of the element they go into; null: the body itself. */
  mark: string | null;
}

/** Cuts `group` (sanitized article HTML) after about `chars` of markup (see `cutAfter`), as HTML for the first
 *  paint and the nodes that follow. */
export function firstScreen(group: string, chars = FIRST_SCREEN_CHARS): FirstScreen {
  if (group.length <= 2 * chars) return { html: prepareArticleHtml(group), rest: null };
  const root = prepareArticleNodes(group)[0]?.parentElement;
  if (!root) return { html: prepareArticleHtml(group), rest: null };
  const cut = cutAfter(root, chars);
  if (!cut) return { html: root.innerHTML, rest: null };
  // A value of our own: the article's markup may carry any data-* attribute.
  const mark = cut.box === root ? null : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  if (mark) cut.box.setAttribute(REST_ATTR, mark);
  return { html: root.innerHTML, rest: { nodes: cut.nodes, mark } };
}

/**
 * Detaches from `root` (prepared, inert) what follows about `chars` of markup, cut between the children of its
 * outermost element with more than one child (single wrappers are gone into); null when nothing follows. `box`:
 * the element they came from, still in `root`.
 */
export function cutAfter(root: Element, chars = FIRST_SCREEN_CHARS): { box: Element; nodes: Node[] } | null {
  let box: Element = root;
  while (box.children.length === 1 && !hasText(box)) box = box.firstElementChild!;
  let size = 0;
  let cut = 0;
  const children = Array.from(box.childNodes);
  while (cut < children.length && size < chars) {
    const node = children[cut++]!;
    // nodeType, not instanceof: the nodes are an inert document's (another realm in a Firefox content script).
    size += node.nodeType === 1 ? (node as Element).outerHTML.length : (node.textContent ?? '').length;
  }
  if (cut >= children.length) return null;
  const nodes = children.slice(cut);
  for (const node of nodes) node.remove();
  return { box, nodes };
}

/** Moves the rest into the element of `body` (rendered from `firstScreen(...).html`) it was cut from. */
export function placeRest(body: Element, rest: Rest): void {
  // Not found (nothing rewrites the body before it is whole): at the end rather than lost.
  const box = (rest.mark === null ? null : body.querySelector(`[${REST_ATTR}="${rest.mark}"]`)) ?? body;
  box.removeAttribute(REST_ATTR);
  box.append(...rest.nodes);
}

function hasText(el: Element): boolean {
  for (const node of Array.from(el.childNodes)) if (node.nodeType === 3 && node.textContent!.trim() !== '') return true;
  return false;
}
