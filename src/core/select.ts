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
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/** The rule's value (attribute or collapsed text), or '' when it finds nothing. */
export function readRule(doc: Document, root: ParentNode, rule: FieldRule): string {
  const el = query(doc, root, rule.selector);
  if (!el) return '';
  const value = rule.attr ? el.getAttribute(rule.attr) : el.textContent;
  return (value ?? '').replace(/\s+/g, ' ').trim();
}
