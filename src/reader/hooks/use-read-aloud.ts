// Read aloud in the reader: one ReadAloud per reader; the paragraph and the sentence being read marked and kept in
// view; the speed and voices from the settings, applied from the next sentence; where it stopped remembered.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type MutableRef } from 'preact/hooks';
import type { ReaderSettings } from '../../settings/reader-settings';
import { t } from '../../ui/i18n';
import { detectTextLang } from '../../ui/text-lang';
import type { Status } from '../../ui/use-status';
import type { ListenPosition } from '../listen-position';
import { ReadAloud, type ReadAloudState, type SentenceAt } from '../read-aloud';
import type { ReaderEnv } from '../reader-env';
import { firstVisibleParagraph, scrollProgress } from '../reading-position';
import { SpeakingMarks } from '../speaking-marks';
import { useListenPosition } from './use-listen-position';

export interface ReadAloudView {
  state: ReadAloudState;
  paragraph: number | null;
  total: number;
  /** The voice's language once reading started. */
  language: string | null;
  /** Where an earlier reading of this article stopped, offered to continue (null when there is none, or reading). */
  offer: ListenPosition | null;
  /** Reads from the focused paragraph, else the first one in view (the title at the top). */
  start: () => Promise<void>;
  /** Reads from paragraph `index` (a click on it). */
  startAt: (index: number, sentence?: number) => Promise<void>;
  /** Reads from where the earlier reading stopped. */
  continueReading: () => Promise<void>;
  declineOffer: () => void;
  pause: () => void;
  resume: () => void;
  stop: () => void;
  next: () => void;
  previous: () => void;
  /** The index of the paragraph holding `node`, or -1. */
  paragraphOf: (node: Node) => number;
  /** The language the article is read in: the reading's, or guessed from its text. */
  readingLanguage: () => string;
  synth: NonNullable<ReaderEnv['speech']>['synth'] | null;
}

export function useReadAloud(opts: {
  env: Pick<ReaderEnv, 'speech' | 'positions' | 'highlights' | 'reducedMotion'>;
  settings: Pick<ReaderSettings, 'ttsRate' | 'ttsVoices'>;
  paragraphs: () => HTMLElement[];
  scroller: MutableRef<HTMLElement | null>;
  /** Settles once a long article's later groups are in: every paragraph is read, none skipped. */
  allIn: Promise<void>;
  flash: (status: Status) => void;
}): ReadAloudView {
  const { env, settings, paragraphs, scroller, allIn, flash } = opts;
  const speech = env.speech;
  const [tts, setTts] = useState<{ state: ReadAloudState; paragraph: number | null; total: number }>({
    state: 'idle',
    paragraph: null,
    total: 0,
  });
  const reader = useRef<ReadAloud | null>(null);
  const list = useRef<HTMLElement[]>([]);
  const marks = useRef<SpeakingMarks | null>(null);
  const memory = useListenPosition(env.positions);
  const memoryRef = useRef(memory);
  memoryRef.current = memory;
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  const onSentence = useCallback(
    (at: SentenceAt | null) => {
      const el = scroller.current;
      if (!el) return;
      marks.current ??= new SpeakingMarks(el, env.highlights, env.reducedMotion);
      if (at) {
        marks.current.show(list.current[at.paragraph], at.start, at.end);
        memoryRef.current.remember(at);
      } else marks.current.clear();
      setTts((s) => ({ ...s, paragraph: at?.paragraph ?? null }));
    },
    [scroller, env.highlights, env.reducedMotion],
  );

  const engine = useCallback((): ReadAloud | null => {
    if (!speech) return null;
    reader.current ??= new ReadAloud({
      ...speech,
      rate: settingsRef.current.ttsRate,
      voices: settingsRef.current.ttsVoices,
      onState: (state) => setTts((s) => ({ ...s, state })),
      onSentence,
      onFinish: () => memoryRef.current.forget(),
      onError: (error) => flash({ text: error === 'stalled' ? t('tts_stalled') : t('tts_error', error), tone: 'error' }),
    });
    return reader.current;
  }, [speech, onSentence, flash]);

  // Changed while reading: from the next sentence (at once, not after the next frame: the engine may be between
  // two sentences now).
  useLayoutEffect(() => {
    reader.current?.setRate(settings.ttsRate);
    reader.current?.setVoices(settings.ttsVoices);
  }, [settings.ttsRate, settings.ttsVoices]);

  const startAt = useCallback(
    async (index: number, sentence = 0) => {
      await allIn;
      const r = engine();
      if (!r) return;
      memoryRef.current.hideOffer();
      // The paragraphs afresh: the text may have been converted (简/繁) since the last reading.
      list.current = paragraphs();
      setTts((s) => ({ ...s, total: list.current.length }));
      r.start(list.current, index, sentence);
    },
    [engine, paragraphs, allIn],
  );

  const start = useCallback(async () => {
    await allIn;
    const all = paragraphs();
    const el = scroller.current;
    // A focused paragraph (keyboard navigation) first; else the first one in view, the title at the top.
    const active = (el?.getRootNode() as ShadowRoot | Document | undefined)?.activeElement;
    const focused = active ? all.findIndex((p) => p.contains(active)) : -1;
    const from = focused >= 0 ? focused : el && scrollProgress(el).at > 0 ? firstVisibleParagraph(el, all) : 0;
    await startAt(from);
  }, [paragraphs, scroller, allIn, startAt]);

  // Speech stops with the reader, and the marks go.
  useEffect(
    () => () => {
      reader.current?.stop();
      marks.current?.dispose();
    },
    [],
  );

  const offer = tts.state === 'idle' ? memory.offer : null;
  return {
    ...tts,
    language: reader.current && tts.state !== 'idle' ? reader.current.language : null,
    offer,
    start,
    startAt,
    continueReading: () => (offer ? startAt(offer.paragraph, offer.sentence) : start()),
    declineOffer: memory.forget,
    pause: () => reader.current?.pause(),
    resume: () => reader.current?.resume(),
    stop: () => reader.current?.stop(),
    next: () => reader.current?.next(),
    previous: () => reader.current?.previous(),
    paragraphOf: (node) => (list.current.length ? list.current : paragraphs()).findIndex((p) => p.contains(node)),
    readingLanguage: () =>
      reader.current && tts.state !== 'idle'
        ? reader.current.language
        : detectTextLang(
            paragraphs()
              .slice(0, 40)
              .map((p) => p.textContent)
              .join('\n'),
          ),
    synth: speech?.synth ?? null,
  };
}
