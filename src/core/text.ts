// The article's plain text and its counts (characters, CJK characters, words, reading time).
import type { Counts } from './types';

/** Never text of the article. */
const SKIP = new Set(['script', 'style', 'noscript', 'template']);

/** Elements whose edges separate words: their boundary becomes a space (inline elements join their text). */
const BOUNDARY = new Set([
  'address', 'article', 'aside', 'audio', 'blockquote', 'br', 'caption', 'center', 'dd', 'details', 'dialog', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'iframe', 'img', 'legend', 'li', 'main', 'nav', 'ol', 'option', 'p', 'picture', 'pre', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'video',
]);

/** Marks an element boundary while the text is assembled; never white space, never in text. */
const BREAK = '\u0000';

function collect(node: Node, out: string[]): void {
  // An explicit stack: feed markup can nest deeper than a comfortable recursion.
  const stack: { node: Node; closing: boolean }[] = [{ node, closing: false }];
  while (stack.length) {
    const { node: n, closing } = stack.pop()!;
    if (n.nodeType === 3 || n.nodeType === 4) {
      out.push((n as CharacterData).data.replace(/\u0000/g, ''));
      continue;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) continue;
    const name = n.nodeType === 1 ? (n as Element).localName : '';
    if (SKIP.has(name)) continue;
    const boundary = BOUNDARY.has(name);
    if (closing) {
      if (boundary) out.push(BREAK);
      continue;
    }
    if (boundary) out.push(BREAK);
    stack.push({ node: n, closing: true });
    const kids = n.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, closing: false });
  }
}

/**
 * Text of the body. Element boundaries and `<br>` become a space; then every white-space run (line breaks,
 * no-break and ideographic spaces included) is one space, and zero-width spaces go. A line break between two
 * CJK characters is a space too: in the corpus such breaks separate lines of plain-text feeds (posts 020, 022,
 * 047-049, 103), they never hard-wrap a paragraph, so joining them would glue lines together.
 */
export function bodyText(root: Node): string {
  const out: string[] = [];
  collect(root, out);
  return out
    .join('')
    .replace(/[\u0000\s]+/g, ' ')
    .replace(/[\u200B\u2060]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const CJK_LETTER = /[\p{scx=Han}\p{scx=Hira}\p{scx=Kana}\p{scx=Hang}]/u;
const LETTER_OR_NUMERIC = /[\p{L}\p{Nl}]/u;
/** A word: letters, marks and digits, joined by an apostrophe, hyphen or dot inside it (don't, e-mail, 3.5). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*/gu;

function isCjk(ch: string): boolean {
  return CJK_LETTER.test(ch) && LETTER_OR_NUMERIC.test(ch);
}

/**
 * chars: every character that is not white space. cjk: Han, kana and Hangul letters (punctuation excluded; each
 * one reads as a word). words: words of the remaining text. readingMinutes: CJK at 500 characters a minute,
 * other text at 200 words a minute, rounded up; at least 1 for non-empty text, 0 for empty text.
 */
export function countText(text: string): Counts {
  let chars = 0;
  let cjk = 0;
  let rest = '';
  for (const ch of text) {
    if (/\s/u.test(ch) || ch === '\u200B') {
      rest += ' ';
      continue;
    }
    chars++;
    if (isCjk(ch)) {
      cjk++;
      rest += ' ';
    } else rest += ch;
  }
  const words = rest.match(WORD)?.length ?? 0;
  // Integer arithmetic: cjk/500 + words/200 = (2·cjk + 5·words) / 1000.
  const readingMinutes = chars === 0 ? 0 : Math.max(1, Math.ceil((2 * cjk + 5 * words) / 1000));
  return { chars, cjk, words, readingMinutes };
}
