// The article's plain text and its counts (characters, CJK characters, words, reading time).
import { runSteps, type Steps } from './steps';
import type { Counts } from './types';

/** Never text of the article. */
const SKIP = new Set(['script', 'style', 'noscript', 'template']);

/** Elements whose edges separate words: their boundary becomes a space (inline elements join their text). */
const BOUNDARY = new Set([
  'address',
  'article',
  'aside',
  'audio',
  'blockquote',
  'br',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'iframe',
  'img',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'option',
  'p',
  'picture',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'video',
]);

/** Marks an element boundary while the text is assembled; never white space, never in text. */
const BREAK = '\u0000';

function collect(root: Node, out: string[]): void {
  // Down and across by the tree's own links, no stack: feed markup can nest deeper than a comfortable recursion,
  // and a stack of entries (or a child list per element) was a fifth of an extraction.
  let n: Node = root;
  for (;;) {
    const type = n.nodeType;
    let open = false;
    if (type === 3 || type === 4) {
      const data = (n as CharacterData).data;
      out.push(data.includes(BREAK) ? data.replace(/\u0000/g, '') : data);
    } else if ((type === 1 || type === 9 || type === 11) && !SKIP.has(type === 1 ? (n as Element).localName : '')) {
      if (type === 1 && BOUNDARY.has((n as Element).localName)) out.push(BREAK);
      open = true;
    }
    if (open && n.firstChild) {
      n = n.firstChild;
      continue;
    }
    if (open) close(n, out);
    // Up to the next sibling, closing the elements left behind.
    for (;;) {
      if (n === root) return;
      const next = n.nextSibling;
      if (next) {
        n = next;
        break;
      }
      n = n.parentNode!;
      close(n, out);
    }
  }
}

/** The end of an element whose edges separate words. */
function close(n: Node, out: string[]): void {
  if (n.nodeType === 1 && BOUNDARY.has((n as Element).localName)) out.push(BREAK);
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

/** The piece an element's start or end gives (a word boundary, or nothing), for an element whose start and end
 *  are read apart: a wrapper divided between groups (see markup-groups.ts). */
export function edgePieces(localName: string, out: string[]): void {
  if (BOUNDARY.has(localName)) out.push(BREAK);
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

/**
 * `joinText` a run of pieces at a time: `add` each run in order, then `text()`: the same text as `joinText` of all
 * the pieces, each `add` a pass over its own run only (a 5 MB article's text was one pass of 100 ms over all of it).
 * White space only ever collapses to one space, so where two runs meet, a space they both bring is kept once.
 */
export class TextJoin {
  private readonly parts: string[] = [];
  private endsWithSpace = false;

  add(pieces: string[]): void {
    let s = pieces
      .join('')
      .replace(/[\u0000\s]+/g, ' ')
      .replace(/[\u200B\u2060]/g, '')
      .replace(/ {2,}/g, ' ');
    if (s.startsWith(' ') && (this.parts.length === 0 || this.endsWithSpace)) s = s.slice(1);
    if (!s) return;
    this.parts.push(s);
    this.endsWithSpace = s.endsWith(' ');
  }

  text(): string {
    const whole = this.parts.join('');
    return this.endsWithSpace ? whole.slice(0, -1) : whole;
  }
}

/** A Han, kana or Hangul letter (punctuation excluded): scripts by extension, and a letter or letter number. */
const CJK = /^(?=[\p{L}\p{Nl}])[\p{scx=Han}\p{scx=Hira}\p{scx=Kana}\p{scx=Hang}]$/u;
const SPACE = /^[\s\u200B]$/u;
/** What a word is made of: letters, marks and digits... */
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
/** ...joined by an apostrophe, hyphen or dot inside it (don't, e-mail, 3.5). */
const JOINER = /^['’.-]$/u;

// What a character is to the counts.
const UNKNOWN = 0;
const IS_SPACE = 1;
const IS_CJK = 2;
const IS_WORD = 3;
const IS_JOINER = 4;
const IS_OTHER = 5;

function classify(ch: string): number {
  if (SPACE.test(ch)) return IS_SPACE;
  if (CJK.test(ch)) return IS_CJK;
  if (WORD_CHAR.test(ch)) return IS_WORD;
  if (JOINER.test(ch)) return IS_JOINER;
  return IS_OTHER;
}

/** Classes of the BMP, filled in as characters are met (each is tested by the expressions once per page). */
let bmp: Uint8Array | null = null;
const astral = new Map<number, number>();

function classOf(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code >= 0xd800 && code <= 0xdbff) {
    const cp = text.codePointAt(at)!;
    if (cp > 0xffff) {
      let c = astral.get(cp);
      if (c === undefined) astral.set(cp, (c = classify(String.fromCodePoint(cp))));
      return c;
    }
  }
  const table = (bmp ??= new Uint8Array(0x10000));
  let c = table[code]!;
  if (c === UNKNOWN) table[code] = c = classify(String.fromCharCode(code));
  return c;
}

/**
 * chars: every character that is not white space. cjk: Han, kana and Hangul letters (punctuation excluded; each
 * one reads as a word). words: words of the remaining text. readingMinutes: CJK at 500 characters a minute,
 * other text at 200 words a minute, rounded up; at least 1 for non-empty text, 0 for empty text.
 */
export function countText(text: string): Counts {
  return runSteps(countTextSteps(text));
}

/** Characters counted per step (about a millisecond of work). */
const PIECE = 64 * 1024;

/**
 * `countText` in steps of a piece of the text each (a 5 MB page's text took half a second in one go). One pass
 * over the text, a class per character: a word is a run of word characters, continued across a joiner that has a
 * word character on both sides (what the expression `[\p{L}\p{M}\p{N}]+(?:['’.-][\p{L}\p{M}\p{N}]+)*` finds).
 */
export function* countTextSteps(text: string): Steps<Counts> {
  let chars = 0;
  let cjk = 0;
  let words = 0;
  let inWord = false;
  const n = text.length;
  for (let at = 0, pause = PIECE; at < n;) {
    const code = text.charCodeAt(at);
    const cls = classOf(text, at);
    const width = code >= 0xd800 && code <= 0xdbff && text.codePointAt(at)! > 0xffff ? 2 : 1;
    // A character is one code point; a lone low surrogate is not one (as the length less the low surrogates).
    if (cls !== IS_SPACE && !(code >= 0xdc00 && code <= 0xdfff)) chars++;
    if (cls === IS_CJK) cjk++;
    if (cls === IS_WORD) {
      if (!inWord) words++;
      inWord = true;
    } else if (cls === IS_JOINER && inWord && at + width < n && classOf(text, at + width) === IS_WORD) {
      // The word goes on past the joiner.
    } else {
      inWord = false;
    }
    at += width;
    if (at >= pause && at < n) {
      pause = at + PIECE;
      yield;
    }
  }
  // Integer arithmetic: cjk/500 + words/200 = (2·cjk + 5·words) / 1000.
  const readingMinutes = chars === 0 ? 0 : Math.max(1, Math.ceil((2 * cjk + 5 * words) / 1000));
  return { chars, cjk, words, readingMinutes };
}
