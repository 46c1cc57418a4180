// Sentences of a paragraph, as offsets into its text, for reading aloud one sentence at a time and
// highlighting the one being read. Pure: the offsets index the paragraph element's `textContent`, so the
// reader can map them back onto the page's text nodes.
//
// Chinese ends a sentence at 。！？；… whatever follows. Latin . ! ? ; end one only before white space (or the
// text's end, or Chinese text), so decimals (3.14), URLs (example.com/?q=1) and code (a;b) stay whole; a full
// stop after an abbreviation (e.g., Mr.), an initial (J. K.) or a list number (1.) ends nothing, nor does one
// followed by a lower-case word.

export interface Span {
  /** Offset of the first character (white space around the sentence excluded). */
  start: number;
  /** Offset after the last character. */
  end: number;
}

/** Always end a sentence (full-width and CJK punctuation). */
const CJK_END = /[。！？；…‼⁇⁈⁉]/;
/** End a sentence before white space, Han text or the end of the text. */
const LATIN_END = /[.!?;]/;
/** Closing quotes and brackets that belong to the sentence they follow. */
const CLOSER = /[」』”’）)】》〉"'»›\]]/;
const SPACE = /\s/;
const HAN = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]/;
const LOWER = /\p{Ll}/u;
/** Something to say: a letter or a digit. A run of punctuation alone ("……", "***") joins its neighbour. */
const WORDY = /[\p{L}\p{N}]/u;

/** Words whose full stop ends nothing (compared in lower case, without their dots). */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'vs',
  'eg',
  'ie',
  'cf',
  'al',
  'no',
  'nos',
  'fig',
  'figs',
  'vol',
  'pp',
  'ed',
  'inc',
  'ltd',
  'co',
  'corp',
  'dept',
  'approx',
  'est',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'us',
  'uk',
]);

/** The word before `at` (back to white space), without trailing dots. */
function wordBefore(text: string, at: number): string {
  let i = at;
  while (i > 0 && !SPACE.test(text[i - 1]!)) i--;
  return text.slice(i, at).replace(/^[("“‘'[（「『]+/, '');
}

/** Whether a full stop at `at` belongs to the word before it rather than ending the sentence begun at `from`. */
function stopBelongsToWord(text: string, at: number, from: number): boolean {
  const word = wordBefore(text, at);
  if (word === '') return false;
  // An initial: "J. K. Rowling".
  if (/^\p{Lu}$/u.test(word)) return true;
  // A list number at the sentence's start: "1. Introduction".
  if (/^\d+$/.test(word) && text.slice(from, at).trim() === word) return true;
  // "e.g", "U.S", "i.e": one or two letters between dots.
  if (/^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase().replace(/\./g, ''));
}

/**
 * Where a sentence ending at the punctuation at `i` ends (after the punctuation run and closing quotes), or -1 when
 * the punctuation there ends no sentence.
 */
function sentenceEnd(text: string, i: number, from: number): number {
  const c = text[i]!;
  const cjk = CJK_END.test(c);
  if (!cjk && !LATIN_END.test(c)) return -1;
  let run = i + 1;
  while (run < text.length && (CJK_END.test(text[run]!) || LATIN_END.test(text[run]!))) run++;
  let j = run;
  while (j < text.length && CLOSER.test(text[j]!)) j++;
  if (cjk || /[。！？；…]/.test(text.slice(i, run))) return j;
  // Latin punctuation: only before white space, Han text or the end.
  if (j < text.length && !SPACE.test(text[j]!) && !HAN.test(text[j]!)) return -1;
  if (c === '.' && run - i === 1 && stopBelongsToWord(text, i, from)) return -1;
  if (c === '.') {
    // A full stop followed by a lower-case word is an abbreviation we do not know ("approx. ten"), not an end.
    let k = j;
    while (k < text.length && SPACE.test(text[k]!)) k++;
    if (k < text.length && LOWER.test(text[k]!)) return -1;
  }
  return j;
}

/** The span of `text` from `start` to `end` without the white space at either side, or null when nothing is left. */
function trimmed(text: string, start: number, end: number): Span | null {
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}

/** The sentences of `text`, in order, as offsets; white space between them belongs to none. */
export function splitSentences(text: string): Span[] {
  const raw: Span[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const end = sentenceEnd(text, i, from);
    if (end < 0) continue;
    const span = trimmed(text, from, end);
    if (span) raw.push(span);
    from = end;
    i = end - 1;
  }
  const last = trimmed(text, from, text.length);
  if (last) raw.push(last);
  // Punctuation alone ("……", a closing quote after a space) joins the sentence before it, or the one after.
  const out: Span[] = [];
  for (const span of raw) {
    const prev = out[out.length - 1];
    if (prev && !WORDY.test(text.slice(span.start, span.end))) prev.end = span.end;
    else if (prev && !WORDY.test(text.slice(prev.start, prev.end))) prev.end = span.end;
    else out.push({ ...span });
  }
  return out;
}

/** Where to cut an over-long sentence: after the last comma, enumeration comma or space before `max`. */
function cutPoint(text: string, start: number, max: number): number {
  const window = text.slice(start, start + max);
  const at = Math.max(window.lastIndexOf('，'), window.lastIndexOf(','), window.lastIndexOf('、'), window.lastIndexOf(' '));
  return start + (at > max / 3 ? at + 1 : max);
}

/**
 * The units read aloud and highlighted: sentences, an over-long one cut at a comma or space into pieces of at most
 * `max` characters. Chrome's network voices go silent on long utterances, and a shorter unit lets the watchdog
 * notice a stall sooner.
 */
export function speechSegments(text: string, max = 180): Span[] {
  const out: Span[] = [];
  for (const sentence of splitSentences(text)) {
    let start = sentence.start;
    while (sentence.end - start > max) {
      const cut = cutPoint(text, start, max);
      const piece = trimmed(text, start, cut);
      if (piece) out.push(piece);
      start = cut;
    }
    const rest = trimmed(text, start, sentence.end);
    if (rest) out.push(rest);
  }
  return out;
}
