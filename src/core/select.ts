// Reading the theme table's rules: `doc:` selectors search the whole document, others the article root.
import type { FieldRule } from './data/themes';

export function query(doc: Document, root: ParentNode, selector: string): Element | null {
  try {
    return selector.startsWith('doc:') ? doc.querySelector(selector.slice(4)) : root.querySelector(selector);
  } catch {
    return null; // a selector the engine does not know (old jsdom, `i` flag) counts as no match
  }
}

export function queryAll(root: ParentNode, selector: string): Element[] {
  // `:scope > x` (a theme's body among the root's children) reads the children: an engine may search the whole
  // subtree for it (jsdom's does, a page of it per look-up).
  const child = /^:scope\s*>\s*([^\s>+~,]+)$/.exec(selector);
  try {
    if (child && 'children' in root) return Array.from((root as Element).children).filter((el) => el.matches(child[1]!));
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/** The elements matching any of `selectors`, in document order: one search with their `list` (`a, b`), or one
 *  per selector where the engine refuses the list (an element found twice is listed twice). */
export function queryAllOf(root: ParentNode, list: string, selectors: readonly string[]): Element[] {
  try {
    return Array.from(root.querySelectorAll(list));
  } catch {
    return selectors.flatMap((sel) => queryAll(root, sel));
  }
}

/** The rule's value (attribute or collapsed text), or '' when it finds nothing. */
export function readRule(doc: Document, root: ParentNode, rule: FieldRule): string {
  const el = query(doc, root, rule.selector);
  if (!el) return '';
  const value = rule.attr ? el.getAttribute(rule.attr) : el.textContent;
  return (value ?? '').replace(/\s+/g, ' ').trim();
}
