// The article's plain text and its counts (characters, CJK characters, words, reading time).
import { runSteps, type Steps } from './steps';
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
  return joinText(out);
}

/** The raw pieces of a node's text, appended to `out` (see `joinText`): `bodyText` of several sibling nodes is
 *  `joinText` of their pieces in order, so a long body can be read a node at a time. */
export function textPieces(node: Node, out: string[]): void {
  collect(node, out);
}

/** The text of the pieces `textPieces` gathered. */
export function joinText(out: string[]): string {
  return out
    .join('')
    .replace(/[\u0000\s]+/g, ' ')
    .replace(/[\u200B\u2060]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A Han, kana or Hangul letter (punctuation excluded): scripts by extension, and a letter or letter number. */
const CJK = /(?=[\p{L}\p{Nl}])[\p{scx=Han}\p{scx=Hira}\p{scx=Kana}\p{scx=Hang}]/gu;
const SPACE = /[\s\u200B]/gu;
/** A word: letters, marks and digits, joined by an apostrophe, hyphen or dot inside it (don't, e-mail, 3.5). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*/gu;
/** UTF-16 low surrogates: a string's length less their number is its count of code points. */
const LOW_SURROGATE = /[\uDC00-\uDFFF]/g;

function codePoints(s: string): number {
  return s.length - (s.match(LOW_SURROGATE)?.length ?? 0);
}

/**
 * chars: every character that is not white space. cjk: Han, kana and Hangul letters (punctuation excluded; each
 * one reads as a word). words: words of the remaining text. readingMinutes: CJK at 500 characters a minute,
 * other text at 200 words a minute, rounded up; at least 1 for non-empty text, 0 for empty text.
 */
export function countText(text: string): Counts {
  return runSteps(countTextSteps(text));
}

/** Characters counted per step: the expressions take about 0.3 ms per thousand characters of CJK text. */
const PIECE = 16 * 1024;

/**
 * `countText` in steps of a piece of the text each (a 5 MB page's text took half a second in one go). A piece
 * ends where no word can run across: before a space or a CJK letter (each of those ends a word), never inside
 * a surrogate pair.
 */
export function* countTextSteps(text: string): Steps<Counts> {
  let chars = 0;
  let cjk = 0;
  let words = 0;
  for (let start = 0; start < text.length; ) {
    const end = pieceEnd(text, start);
    const piece = text.slice(start, end);
    const spaced = piece.replace(SPACE, ' ');
    chars += codePoints(spaced) - (spaced.match(/ /g)?.length ?? 0);
    cjk += spaced.match(CJK)?.length ?? 0;
    words += spaced.replace(CJK, ' ').match(WORD)?.length ?? 0;
    start = end;
    if (start < text.length) yield;
  }
  // Integer arithmetic: cjk/500 + words/200 = (2·cjk + 5·words) / 1000.
  const readingMinutes = chars === 0 ? 0 : Math.max(1, Math.ceil((2 * cjk + 5 * words) / 1000));
  return { chars, cjk, words, readingMinutes };
}

const ENDS_WORD = /^(?:[\s\u200B]|(?=[\p{L}\p{Nl}])[\p{scx=Han}\p{scx=Hira}\p{scx=Kana}\p{scx=Hang}])/u;

function pieceEnd(text: string, start: number): number {
  const target = start + PIECE;
  if (target >= text.length) return text.length;
  // Look back a little for a place where a word ends; a text without one for that long is cut further on.
  for (let at = target; at > target - 256; at--) {
    const code = text.charCodeAt(at);
    if (code >= 0xdc00 && code <= 0xdfff) continue; // the second half of a pair
    if (ENDS_WORD.test(text.slice(at, at + 2))) return at;
  }
  for (let at = target + 1; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    if (ENDS_WORD.test(text.slice(at, at + 2))) return at;
  }
  return text.length;
}
