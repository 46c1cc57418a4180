// Links that are not <a> elements (`data/tag-links.ts` LINK_FORMS): found, read, and in a detached copy turned
// back into the links they stand for.
import { LINK_FORMS, type LinkForm } from './data/tag-links';

/** Every element that is a link: <a>, and the themes' link forms. */
export const LINKS = ['a', ...LINK_FORMS.map((f) => f.selector)].join(', ');

/** The form of a link that is not an <a>, or null. */
export function formOf(el: Element): LinkForm | null {
  return LINK_FORMS.find((f) => el.matches(f.selector)) ?? null;
}

/** The address a link form holds, decoded; null when it is not readable (bad base64, not UTF-8). */
export function formHref(el: Element, form: LinkForm): string | null {
  const value = el.getAttribute(form.hrefAttr)?.trim() ?? '';
  try {
    const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** In a detached copy: each link form becomes the <a> it stands for (its decoration dropped), so the reader and the
 *  saved Markdown keep the link; one whose address cannot be read keeps its words only. */
export function restoreLinkForms(root: Element): void {
  const doc = root.ownerDocument;
  for (const el of Array.from(root.querySelectorAll(LINK_FORMS.map((f) => f.selector).join(', ')))) {
    const form = formOf(el);
    if (!form) continue;
    if (form.decoration) for (const d of Array.from(el.children).filter((c) => c.matches(form.decoration!))) d.remove();
    const href = formHref(el, form);
    const children = Array.from(el.childNodes);
    if (href === null) {
      el.replaceWith(...children);
      continue;
    }
    const a = doc.createElement('a');
    a.setAttribute('href', href);
    a.append(...children);
    el.replaceWith(a);
  }
}
