// Read aloud with the browser's own speech synthesis (nothing leaves the machine that the browser
// would not send anyway): one sentence per utterance, in the article's language, the paragraph and the
// sentence being read reported so the reader can highlight them. A sentence per utterance rather than a
// paragraph followed by `boundary` events: many voices (most Chinese ones) send no boundary events at all,
// and a short utterance lets rate and voice changes apply from the next sentence. A watchdog restarts a
// stalled engine. The speech API and the timers are injected, so tests use fakes.
import { detectTextLang, type TextLang } from '../ui/text-lang';
import { speechSegments, type Span } from './sentences';
import { KEEP_ALIVE_MS, MAX_RESTARTS, stallTimeoutMs, type Timers } from './speech-watchdog';
import { pickVoice, type VoiceLike, type VoicePrefs } from './voices';

export { pickVoice, type VoiceLike, type VoicePrefs } from './voices';

export interface UtteranceLike {
  text: string;
  lang: string;
  voice: VoiceLike | null;
  rate: number;
  onend: ((event: unknown) => void) | null;
  onerror: ((event: { error?: string }) => void) | null;
  /** Signs of life: the engine began speaking, or reached a word. Engines may send neither. */
  onstart?: ((event: unknown) => void) | null;
  onboundary?: ((event: unknown) => void) | null;
}

export interface SynthLike {
  speak(utterance: UtteranceLike): void;
  cancel(): void;
  pause(): void;
  resume(): void;
  getVoices(): VoiceLike[];
  /** Chrome loads its voices after the page: `voiceschanged` says they are there. */
  addEventListener?(type: 'voiceschanged', listener: () => void): void;
  removeEventListener?(type: 'voiceschanged', listener: () => void): void;
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

/** The sentence being read: its paragraph, its place there, and its offsets in the paragraph's text. */
export interface SentenceAt extends Span {
  paragraph: number;
  sentence: number;
}

export interface ReadAloudOptions {
  synth: SynthLike;
  Utterance: UtteranceCtor;
  /** Called with each new state. */
  onState?(state: ReadAloudState): void;
  /** The paragraph now being read (its index in the list given to `start`), or null when done. */
  onParagraph?(index: number | null): void;
  /** The sentence now being read, or null when done. */
  onSentence?(at: SentenceAt | null): void;
  /** A synthesis error other than our own cancel, or `stalled`: reading has stopped. */
  onError?(error: string): void;
  /** Everything was read, to the end (not stopped). */
  onFinish?(): void;
  rate?: number;
  voices?: VoicePrefs;
  timers?: Timers;
}

const pageTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/** One reading session's queue over a list of paragraphs, one sentence at a time. */
export class ReadAloud {
  private gen = 0;
  private texts: string[] = [];
  private segments = new Map<number, Span[]>();
  private at: { paragraph: number; sentence: number } | null = null;
  private lang: TextLang = 'en';
  private stateNow: ReadAloudState = 'idle';
  private rate: number;
  private voices: VoicePrefs;
  private readonly timers: Timers;
  /** Held until it ends: Chrome fires no events for an utterance the garbage collector took. */
  private utterance: UtteranceLike | null = null;
  private watchdog: unknown;
  private keepAlive: unknown;
  /** Stall handling of the current sentence: resumed once, then restarted up to MAX_RESTARTS times. */
  private nudged = false;
  private restarts = 0;

  constructor(private readonly opts: ReadAloudOptions) {
    this.rate = opts.rate ?? 1;
    this.voices = opts.voices ?? {};
    this.timers = opts.timers ?? pageTimers;
  }

  get state(): ReadAloudState {
    return this.stateNow;
  }

  /** The paragraph being read, or null. */
  get paragraph(): number | null {
    return this.at?.paragraph ?? null;
  }

  /** Where the reading is: paragraph and sentence, or null. */
  get position(): { paragraph: number; sentence: number } | null {
    return this.at ? { ...this.at } : null;
  }

  /** The language chosen for the current reading. */
  get language(): TextLang {
    return this.lang;
  }

  /** The speed from the next sentence on. */
  setRate(rate: number): void {
    this.rate = rate;
  }

  /** The voices chosen per language, from the next sentence on. */
  setVoices(voices: VoicePrefs): void {
    this.voices = voices;
  }

  /**
   * Reads `paragraphs` (texts, or elements whose text is read) from paragraph `from`, sentence `sentence`, to the
   * end. The language comes from the text itself, so a page shown converted to Traditional is read as zh-TW.
   */
  start(paragraphs: ReadonlyArray<string | Element>, from = 0, sentence = 0): void {
    this.cancelSpeech();
    this.texts = paragraphs.map((p) => (typeof p === 'string' ? p : (p.textContent ?? '')));
    this.segments.clear();
    this.lang = detectTextLang(this.texts.join('\n'));
    this.at = null;
    this.setState('playing');
    this.speak(Math.max(0, from), Math.max(0, sentence));
  }

  pause(): void {
    if (this.stateNow !== 'playing') return;
    this.clearTimers();
    this.opts.synth.pause();
    this.setState('paused');
  }

  resume(): void {
    if (this.stateNow !== 'paused') return;
    this.opts.synth.resume();
    this.setState('playing');
    this.armTimers();
  }

  /** Stops and forgets the queue. Safe to call at any time, any number of times. */
  stop(): void {
    const wasActive = this.stateNow !== 'idle';
    this.cancelSpeech();
    if (this.at !== null) {
      this.at = null;
      this.opts.onSentence?.(null);
      this.opts.onParagraph?.(null);
    }
    if (wasActive) this.setState('idle');
  }

  /** Reads on from the next paragraph (from a pause too). Past the last one, reading ends. */
  next(): void {
    if (this.at) this.jump(this.at.paragraph + 1);
  }

  /** Reads from the previous paragraph with something to say, or from the start of the first. */
  previous(): void {
    if (!this.at) return;
    let p = this.at.paragraph - 1;
    while (p >= 0 && this.segmentsOf(p).length === 0) p--;
    this.jump(Math.max(0, p));
  }

  /** Reads from paragraph `index` of the current list (a click on it), while reading or paused. */
  jump(index: number, sentence = 0): void {
    if (this.stateNow === 'idle') return;
    this.cancelSpeech();
    this.setState('playing');
    this.speak(Math.max(0, index), sentence);
  }

  private segmentsOf(index: number): Span[] {
    let list = this.segments.get(index);
    if (!list) this.segments.set(index, (list = speechSegments(this.texts[index] ?? '')));
    return list;
  }

  private cancelSpeech(): void {
    // A new generation: events of utterances cancelled now (Chrome fires `end` or `error` for
    // them) are recognised as stale and ignored.
    this.gen++;
    this.clearTimers();
    this.utterance = null;
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

  private finish(): void {
    this.stop();
    this.opts.onFinish?.();
  }

  private speak(paragraph: number, sentence: number): void {
    let p = paragraph;
    let s = sentence;
    // Past the paragraph's last sentence, or a paragraph with nothing to say: on to the next.
    while (p < this.texts.length && s >= this.segmentsOf(p).length) {
      p++;
      s = 0;
    }
    if (p >= this.texts.length) {
      this.finish();
      return;
    }
    const span = this.segmentsOf(p)[s]!;
    const newParagraph = this.at?.paragraph !== p;
    if (this.at?.sentence !== s || newParagraph) {
      this.nudged = false;
      this.restarts = 0;
    }
    this.at = { paragraph: p, sentence: s };
    if (newParagraph) this.opts.onParagraph?.(p);
    this.opts.onSentence?.({ paragraph: p, sentence: s, ...span });

    const gen = this.gen;
    const voice = pickVoice(this.opts.synth.getVoices(), this.lang, this.voices[this.lang]);
    const u = new this.opts.Utterance(collapse(this.texts[p]!.slice(span.start, span.end)));
    u.lang = voice?.lang ?? this.lang;
    u.voice = voice;
    u.rate = this.rate;
    const alive = () => {
      if (gen === this.gen) this.armWatchdog();
    };
    u.onstart = alive;
    u.onboundary = alive;
    u.onend = () => {
      if (gen !== this.gen) return;
      this.clearTimers();
      this.utterance = null;
      this.speak(p, s + 1);
    };
    u.onerror = (event) => {
      if (gen !== this.gen) return;
      const error = event?.error ?? 'unknown';
      if (error === 'interrupted' || error === 'canceled') return;
      this.stop();
      this.opts.onError?.(error);
    };
    this.utterance = u;
    this.opts.synth.speak(u);
    this.armTimers();
  }

  private clearTimers(): void {
    this.timers.clearTimeout(this.watchdog);
    this.timers.clearTimeout(this.keepAlive);
  }

  private armTimers(): void {
    this.armWatchdog();
    this.timers.clearTimeout(this.keepAlive);
    const u = this.utterance;
    if (!u || u.voice?.localService !== false || this.stateNow !== 'playing') return;
    const tick = (): void => {
      if (this.utterance !== u || this.stateNow !== 'playing') return;
      this.opts.synth.pause();
      this.opts.synth.resume();
      this.keepAlive = this.timers.setTimeout(tick, KEEP_ALIVE_MS);
    };
    this.keepAlive = this.timers.setTimeout(tick, KEEP_ALIVE_MS);
  }

  /** (Re)starts the stall timer for the utterance being spoken: a sign of life puts it back to the full time. */
  private armWatchdog(): void {
    this.timers.clearTimeout(this.watchdog);
    const u = this.utterance;
    if (!u || this.stateNow !== 'playing') return;
    this.watchdog = this.timers.setTimeout(
      () => {
        if (this.utterance === u) this.stalled();
      },
      stallTimeoutMs(u.text, u.rate),
    );
  }

  /** No sign of life for too long: resume the engine once, then restart the sentence, then give up and say so. */
  private stalled(): void {
    const at = this.at;
    if (!at || this.stateNow !== 'playing') return;
    if (!this.nudged) {
      this.nudged = true;
      this.opts.synth.resume();
      this.armWatchdog();
    } else if (this.restarts < MAX_RESTARTS) {
      const restarts = this.restarts + 1;
      this.cancelSpeech();
      this.speak(at.paragraph, at.sentence);
      this.restarts = restarts;
      this.nudged = true;
    } else {
      this.stop();
      this.opts.onError?.('stalled');
    }
  }
}
