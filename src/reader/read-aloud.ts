// Read aloud with the browser's own speech synthesis (nothing leaves the machine that the browser
// would not send anyway): paragraph by paragraph, in the article's language, the paragraph being
// read reported so the reader can highlight it. The speech API is injected, so tests use a fake.
import { detectTextLang, type TextLang } from '../ui/text-lang';

export interface VoiceLike {
  lang: string;
  name: string;
  default?: boolean;
  localService?: boolean;
}

export interface UtteranceLike {
  text: string;
  lang: string;
  voice: VoiceLike | null;
  rate: number;
  onend: ((event: unknown) => void) | null;
  onerror: ((event: { error?: string }) => void) | null;
}

export interface SynthLike {
  speak(utterance: UtteranceLike): void;
  cancel(): void;
  pause(): void;
  resume(): void;
  getVoices(): VoiceLike[];
}

export type UtteranceCtor = new (text: string) => UtteranceLike;

export type ReadAloudState = 'idle' | 'playing' | 'paused';

/** Elements that start a block of their own: where one paragraph of reading ends and the next begins. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'dd',
  'details',
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
  'li',
  'main',
  'nav',
  'ol',
  'p',
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
]);
const BLOCK_SELECTOR = Array.from(BLOCK_TAGS).join(', ');

/** Marks the span that `readableBlocks` wraps around text lying between blocks. */
export const RUN_ATTRIBUTE = 'data-pnr-run';

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
/** Something to say: not only white space and invisible format characters (zero-width joiners). */
const hasText = (s: string): boolean => /[^\s\p{Cf}]/u.test(s);

/**
 * The paragraphs of `roots`, in document order: leaf blocks (a block with no block inside it) that
 * have text, outside <pre>; and the text that lies between blocks, outside any of them (feeds put
 * `<span>`s and bare text between their paragraphs, or a lone `<section>` around one), one run per
 * gap. Such a run is wrapped once in a `<span data-pnr-run>` (display unchanged), so it can be
 * highlighted like a paragraph and is found again, the same, by the next call.
 */
export function readableBlocks(...roots: Element[]): HTMLElement[] {
  const out: HTMLElement[] = [];
  const isBlock = (el: Element): boolean => BLOCK_TAGS.has(el.localName) || el.querySelector(BLOCK_SELECTOR) !== null;
  const visit = (el: Element): void => {
    if (el.localName === 'pre') return;
    if (el.hasAttribute(RUN_ATTRIBUTE) || el.querySelector(BLOCK_SELECTOR) === null) {
      if (hasText(el.textContent ?? '')) out.push(el as HTMLElement);
      return;
    }
    let run: ChildNode[] = [];
    const flush = (): void => {
      if (hasText(run.map((n) => n.textContent ?? '').join(''))) out.push(wrapRun(run));
      run = [];
    };
    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType === 1 && (isBlock(child as Element) || (child as Element).hasAttribute(RUN_ATTRIBUTE))) {
        flush();
        visit(child as Element);
      } else if (child.nodeType === 1 || child.nodeType === 3) {
        run.push(child);
      }
    }
    flush();
  };
  for (const root of roots) visit(root);
  return out;
}

function wrapRun(nodes: ChildNode[]): HTMLElement {
  const first = nodes[0]!;
  const span = first.ownerDocument!.createElement('span');
  span.setAttribute(RUN_ATTRIBUTE, '');
  first.before(span);
  span.append(...nodes);
  return span;
}

/**
 * A paragraph cut into utterances of at most `max` characters, at sentence ends where possible:
 * Chrome's network voices stop silently on long utterances, and short ones let pause and stop
 * react at once.
 */
export function splitForSpeech(text: string, max = 180): string[] {
  const clean = collapse(text);
  if (clean === '') return [];
  // Sentences: up to and including 。！？!?；; … or a Latin full stop followed by a space.
  const sentences = clean.match(/[^。！？!?；;…]+(?:[。！？!?；;…]+[」』”’）)]*|$)|[。！？!?；;…]+/g) ?? [clean];
  const pieces: string[] = [];
  for (const s of sentences.flatMap((x) => x.split(/(?<=\.)\s+(?=[A-Z"“])/))) {
    let rest = s.trim();
    while (rest.length > max) {
      // Too long for one utterance: at the last comma or space before the limit, else at the limit.
      const window = rest.slice(0, max);
      const at = Math.max(window.lastIndexOf('，'), window.lastIndexOf(','), window.lastIndexOf('、'), window.lastIndexOf(' '));
      const cut = at > max / 3 ? at + 1 : max;
      pieces.push(rest.slice(0, cut).trim());
      rest = rest.slice(cut).trim();
    }
    if (rest) pieces.push(rest);
  }
  // Join short neighbours back up to the limit: fewer gaps between utterances.
  const merged: string[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.length + p.length + 1 <= max)
      merged[merged.length - 1] = /[\u3000-\u9fff]$/.test(last) ? last + p : `${last} ${p}`;
    else merged.push(p);
  }
  return merged;
}

const norm = (lang: string): string => lang.replace('_', '-').toLowerCase();

/**
 * The best installed voice for `lang`: an exact match (the browser's default among them first),
 * else one of the same language (for zh-TW, Hong Kong before the mainland), else null — the
 * utterance's `lang` then lets the browser choose.
 */
export function pickVoice(voices: readonly VoiceLike[], lang: string): VoiceLike | null {
  const want = norm(lang);
  const primary = want.split('-')[0]!;
  const exact = voices.filter((v) => norm(v.lang) === want);
  if (exact.length) return exact.find((v) => v.default) ?? exact.find((v) => v.localService) ?? exact[0]!;
  const same = voices.filter((v) => norm(v.lang).split('-')[0] === primary);
  if (!same.length) return null;
  const order = want === 'zh-tw' ? ['zh-hk', 'zh-cn'] : want === 'zh-cn' ? ['zh-sg', 'zh-tw', 'zh-hk'] : [];
  for (const region of order) {
    const v = same.find((x) => norm(x.lang) === region);
    if (v) return v;
  }
  return same[0]!;
}

export interface ReadAloudOptions {
  synth: SynthLike;
  Utterance: UtteranceCtor;
  /** Called with each new state. */
  onState?(state: ReadAloudState): void;
  /** The paragraph now being read (its index in the list given to `start`), or null when done. */
  onParagraph?(index: number | null): void;
  /** A synthesis error other than our own cancel: reading has stopped. */
  onError?(error: string): void;
  rate?: number;
}

/** One reading session's queue over a list of paragraphs. */
export class ReadAloud {
  private gen = 0;
  private current: number | null = null;
  private paragraphs: string[] = [];
  private lang: TextLang = 'en';
  private voice: VoiceLike | null = null;
  private stateNow: ReadAloudState = 'idle';

  constructor(private readonly opts: ReadAloudOptions) {}

  get state(): ReadAloudState {
    return this.stateNow;
  }

  /** The paragraph being read, or null. */
  get paragraph(): number | null {
    return this.current;
  }

  /** The language chosen for the current reading. */
  get language(): TextLang {
    return this.lang;
  }

  /**
   * Reads `paragraphs` (texts, or elements whose text is read) from index `from` to the end. The
   * language comes from the text itself, so a page shown converted to Traditional is read as zh-TW.
   */
  start(paragraphs: ReadonlyArray<string | Element>, from = 0): void {
    this.cancelSpeech();
    this.paragraphs = paragraphs.map((p) => collapse(typeof p === 'string' ? p : (p.textContent ?? '')));
    this.lang = detectTextLang(this.paragraphs.join('\n'));
    this.voice = pickVoice(this.opts.synth.getVoices(), this.lang);
    this.setState('playing');
    this.speakParagraph(Math.max(0, from), this.gen);
  }

  pause(): void {
    if (this.stateNow !== 'playing') return;
    this.opts.synth.pause();
    this.setState('paused');
  }

  resume(): void {
    if (this.stateNow !== 'paused') return;
    this.opts.synth.resume();
    this.setState('playing');
  }

  /** Stops and forgets the queue. Safe to call at any time, any number of times. */
  stop(): void {
    const wasActive = this.stateNow !== 'idle';
    this.cancelSpeech();
    if (this.current !== null) {
      this.current = null;
      this.opts.onParagraph?.(null);
    }
    if (wasActive) this.setState('idle');
  }

  private cancelSpeech(): void {
    // A new generation: events of utterances cancelled now (Chrome fires `end` or `error` for
    // them) are recognised as stale and ignored.
    this.gen++;
    if (this.stateNow !== 'idle') {
      // A paused synthesizer would keep the cancelled queue paused in some engines.
      this.opts.synth.resume();
      this.opts.synth.cancel();
    }
  }

  private setState(state: ReadAloudState): void {
    if (state === this.stateNow) return;
    this.stateNow = state;
    this.opts.onState?.(state);
  }

  private speakParagraph(index: number, gen: number): void {
    // Skip paragraphs that have nothing to say.
    while (index < this.paragraphs.length && splitForSpeech(this.paragraphs[index]!).length === 0) index++;
    if (index >= this.paragraphs.length) {
      this.current = null;
      this.opts.onParagraph?.(null);
      this.setState('idle');
      return;
    }
    this.current = index;
    this.opts.onParagraph?.(index);
    const chunks = splitForSpeech(this.paragraphs[index]!);
    const speakChunk = (k: number): void => {
      const u = new this.opts.Utterance(chunks[k]!);
      u.lang = this.voice?.lang ?? this.lang;
      u.voice = this.voice;
      u.rate = this.opts.rate ?? 1;
      u.onend = () => {
        if (gen !== this.gen) return;
        if (k + 1 < chunks.length) speakChunk(k + 1);
        else this.speakParagraph(index + 1, gen);
      };
      u.onerror = (event) => {
        if (gen !== this.gen) return;
        const error = event?.error ?? 'unknown';
        if (error === 'interrupted' || error === 'canceled') return;
        this.stop();
        this.opts.onError?.(error);
      };
      this.opts.synth.speak(u);
    };
    speakChunk(0);
  }
}
