// The user's own CSS for the reader. It is their CSS, in their browser, so it may restyle anything
// inside the reader; but the extension makes no network request of its own, and a stylesheet is a
// way to make one. So whatever could load a resource is dropped: `@import` rules, and every
// declaration whose value contains `url(`, `image-set(`, `image(` or `src(`, and `@font-face` rules
// (fonts then come from the system, by name; backgrounds from gradients and colours). The browser's
// own parser does the reading, so CSS escapes (`u\72l(`) are seen as the browser sees them; the
// escape-decoded text is checked once more for engines that do not decode.

export interface CustomCssResult {
  css: string;
  /** Rules taken out, or that lost declarations. */
  removed: number;
}

const FETCHING = /\b(?:url|image-set|-webkit-image-set|image|src)\s*\(|@import/i;

/** CSS escapes decoded (`\72` → `r`, `\(` → `(`), for the final check only. */
export function decodeCssEscapes(css: string): string {
  return css
    .replace(/\\\r?\n/g, '')
    .replace(/\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?/g, (_, hex: string) => {
      const cp = parseInt(hex, 16);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
    })
    .replace(/\\(.)/g, '$1');
}

const forbidden = (text: string): boolean => FETCHING.test(text) || FETCHING.test(decodeCssEscapes(text));

interface RuleList {
  cssRules: CSSRuleList;
  deleteRule(index: number): void;
}

function cleanRules(list: RuleList): number {
  let removed = 0;
  for (let i = list.cssRules.length - 1; i >= 0; i--) {
    const rule = list.cssRules[i]!;
    const style = (rule as CSSStyleRule).style as CSSStyleDeclaration | undefined;
    const nested = (rule as unknown as Partial<RuleList>).cssRules ? (rule as unknown as RuleList) : null;
    // @import (type 3) and @font-face (type 5) exist to load things; a font-face inside a shadow
    // root is not even used by Chrome. (Matched by text too: not every CSSOM sets `type`.)
    const isImport = rule.type === 3 || /^@import\b/i.test(rule.cssText);
    const isFontFace = rule.type === 5 || /^@font-face\b/i.test(rule.cssText);
    if (isImport || isFontFace) {
      list.deleteRule(i);
      removed++;
      continue;
    }
    // Counted per rule: one shorthand as written may be several longhands in the CSSOM.
    let here = 0;
    if (style) {
      for (let j = style.length - 1; j >= 0; j--) {
        const name = style.item(j);
        if (forbidden(style.getPropertyValue(name))) {
          style.removeProperty(name);
          here = 1;
        }
      }
    }
    if (nested) here += cleanRules(nested);
    // What the checks above could not reach (a rule kind this code does not know, a shorthand a
    // CSSOM keeps serializing after its longhand went): out whole, counted once.
    if (forbidden(rule.cssText)) {
      list.deleteRule(i);
      here = Math.max(here, 1);
    }
    removed += here;
  }
  return removed;
}

/** A CSSOM sheet holding `css`: a constructed sheet, else a <style> in an inert document. */
function parseSheet(css: string, doc: Document): RuleList {
  try {
    const Sheet = doc.defaultView?.CSSStyleSheet ?? CSSStyleSheet;
    const sheet = new Sheet();
    // replaceSync drops @import rules itself.
    sheet.replaceSync(css);
    return sheet;
  } catch {
    const inert = doc.implementation.createHTMLDocument('');
    const style = inert.createElement('style');
    style.textContent = css;
    inert.head.append(style);
    if (!style.sheet) throw new Error('no CSS parser available');
    return style.sheet;
  }
}

/** The user's CSS without anything that could load a resource, re-serialized by the browser's parser. */
export function sanitizeCustomCss(css: string, doc: Document = document): CustomCssResult {
  if (css.trim() === '') return { css: '', removed: 0 };
  // Counted before parsing: replaceSync drops @import silently, and the user should hear of it.
  const imports = decodeCssEscapes(css).match(/@import\b/gi)?.length ?? 0;
  const sheet = parseSheet(css, doc);
  const importsParsed = Array.from(sheet.cssRules).filter((r) => r.type === 3 || /^@import\b/i.test(r.cssText)).length;
  const removed = cleanRules(sheet);
  const out = Array.from(sheet.cssRules, (r) => r.cssText).join('\n');
  return { css: out, removed: removed + Math.max(0, imports - importsParsed) };
}
