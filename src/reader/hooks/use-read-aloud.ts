// Read aloud in the reader: one ReadAloud per reader, the paragraph being read marked and kept in view.
import { useCallback, useEffect, useRef, useState, type MutableRef } from 'preact/hooks';
import { t } from '../../ui/i18n';
import type { Status } from '../../ui/use-status';
import { ReadAloud, type ReadAloudState, type SynthLike, type UtteranceCtor } from '../read-aloud';
import { firstVisibleParagraph, scrollProgress } from '../reading-position';

export interface ReadAloudView {
  state: ReadAloudState;
  paragraph: number | null;
  total: number;
  /** The voice's language once reading started. */
  language: string | null;
  start: () => Promise<void>;
  pause: () => void;
  resume: () => void;
  stop: () => void;
}

export function useReadAloud(opts: {
  speech: { synth: SynthLike; Utterance: UtteranceCtor } | null;
  paragraphs: () => HTMLElement[];
  scroller: MutableRef<HTMLElement | null>;
  /** Settles once a long article's later groups are in: every paragraph is read, none skipped. */
  allIn: Promise<void>;
  flash: (status: Status) => void;
  reducedMotion?: boolean;
}): ReadAloudView {
  const { speech, paragraphs, scroller, allIn, flash, reducedMotion } = opts;
  const [tts, setTts] = useState<{ state: ReadAloudState; paragraph: number | null; total: number }>({
    state: 'idle',
    paragraph: null,
    total: 0,
  });
  const reader = useRef<ReadAloud | null>(null);
  const highlighted = useRef<HTMLElement | null>(null);

  const highlight = useCallback(
    (index: number | null) => {
      highlighted.current?.classList.remove('pnr-speaking');
      highlighted.current = null;
      const el = index === null ? undefined : paragraphs()[index];
      if (el) {
        el.classList.add('pnr-speaking');
        highlighted.current = el;
        el.scrollIntoView?.({ block: 'center', behavior: reducedMotion ? 'auto' : 'smooth' });
      }
      setTts((s) => ({ ...s, paragraph: index }));
    },
    [paragraphs, reducedMotion],
  );

  const start = useCallback(async () => {
    if (!speech) return;
    await allIn;
    reader.current ??= new ReadAloud({
      ...speech,
      onState: (state) => setTts((s) => ({ ...s, state })),
      onParagraph: highlight,
      onError: (error) => flash({ text: t('tts_error', error), tone: 'error' }),
    });
    const list = paragraphs();
    setTts((s) => ({ ...s, total: list.length }));
    // From where the user is: the first paragraph in view (the title when at the top).
    const el = scroller.current;
    const from = el && scrollProgress(el).at > 0 ? firstVisibleParagraph(el, list) : 0;
    reader.current.start(list, from);
  }, [speech, highlight, paragraphs, scroller, flash, allIn]);

  // Speech stops with the reader.
  useEffect(() => () => reader.current?.stop(), []);

  return {
    ...tts,
    language: reader.current && tts.state !== 'idle' ? reader.current.language : null,
    start,
    pause: () => reader.current?.pause(),
    resume: () => reader.current?.resume(),
    stop: () => reader.current?.stop(),
  };
}
