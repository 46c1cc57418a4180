// @vitest-environment jsdom
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ReadAloud,
  pickVoice,
  readableBlocks,
  type ReadAloudOptions,
  type SentenceAt,
  type SynthLike,
  type UtteranceLike,
  type VoiceLike,
} from '../../src/reader/read-aloud';
import { KEEP_ALIVE_MS, stallTimeoutMs } from '../../src/reader/speech-watchdog';
import { voicesFor } from '../../src/reader/voices';
import { detectTextLang, isTraditional } from '../../src/ui/text-lang';
import { articleLang } from '../../src/ui/format';

/** A speechSynthesis that records what it is asked and lets the test finish utterances. */
class FakeSynth implements SynthLike {
  queue: UtteranceLike[] = [];
  spoken: UtteranceLike[] = [];
  log: string[] = [];
  constructor(private readonly voices: VoiceLike[] = []) {}
  speak(u: UtteranceLike) {
    this.queue.push(u);
    this.spoken.push(u);
    this.log.push(`speak:${u.text}`);
  }
  cancel() {
    this.log.push('cancel');
    // Like Chrome: the cancelled utterance reports an error, the rest are dropped.
    const [current] = this.queue;
    this.queue = [];
    current?.onerror?.({ error: 'interrupted' });
  }
  pause() {
    this.log.push('pause');
  }
  resume() {
    this.log.push('resume');
  }
  getVoices() {
    return this.voices;
  }
  /** The current utterance ends normally. */
  finish() {
    const u = this.queue.shift();
    if (!u) throw new Error('nothing is being spoken');
    u.onend?.({});
  }
  /** Runs until nothing is left, returning the texts in order. */
  finishAll(limit = 100) {
    const texts: string[] = [];
    while (this.queue.length && limit-- > 0) {
      texts.push(this.queue[0]!.text);
      this.finish();
    }
    return texts;
  }
}

class Utterance implements UtteranceLike {
  lang = '';
  voice: VoiceLike | null = null;
  rate = 1;
  onend: UtteranceLike['onend'] = null;
  onerror: UtteranceLike['onerror'] = null;
  onstart: UtteranceLike['onstart'] = null;
  onboundary: UtteranceLike['onboundary'] = null;
  constructor(public text: string) {}
}

function session(voices: VoiceLike[] = [], opts: Partial<ReadAloudOptions> = {}) {
  const synth = new FakeSynth(voices);
  const states: string[] = [];
  const paragraphs: Array<number | null> = [];
  const sentences: Array<SentenceAt | null> = [];
  const errors: string[] = [];
  let finished = 0;
  const reader = new ReadAloud({
    synth,
    Utterance,
    onState: (s) => states.push(s),
    onParagraph: (i) => paragraphs.push(i),
    onSentence: (at) => sentences.push(at),
    onError: (e) => errors.push(e),
    onFinish: () => finished++,
    ...opts,
  });
  return { synth, reader, states, paragraphs, sentences, errors, finished: () => finished };
}

describe('ReadAloud queue', () => {
  it('reads paragraph after paragraph, reporting each, and goes idle at the end', () => {
    const { synth, reader, states, paragraphs } = session();
    reader.start(['第一段。', '第二段。', '第三段。']);
    expect(states).toEqual(['playing']);
    expect(paragraphs).toEqual([0]);
    expect(synth.finishAll()).toEqual(['第一段。', '第二段。', '第三段。']);
    expect(paragraphs).toEqual([0, 1, 2, null]);
    expect(states).toEqual(['playing', 'idle']);
    expect(reader.state).toBe('idle');
  });

  it('starts from a given paragraph and skips empty ones', () => {
    const { synth, reader, paragraphs } = session();
    reader.start(['a', '  ', 'b', '', 'c'], 1);
    expect(synth.finishAll()).toEqual(['b', 'c']);
    expect(paragraphs).toEqual([2, 4, null]);
  });

  it('speaks a long paragraph in several utterances, reporting the paragraph once', () => {
    const long = '这是一句话。'.repeat(60);
    const { synth, reader, paragraphs } = session();
    reader.start([long, '下一段。']);
    const spoken = synth.finishAll();
    expect(spoken.length).toBeGreaterThan(2);
    expect(spoken.slice(0, -1).join('')).toBe(long);
    expect(spoken.at(-1)).toBe('下一段。');
    expect(paragraphs).toEqual([0, 1, null]);
  });

  it('stop cancels, clears the highlight, and ignores the cancelled utterance’s late events', () => {
    const { synth, reader, states, paragraphs } = session();
    reader.start(['one', 'two', 'three']);
    const first = synth.queue[0]!;
    reader.stop();
    expect(synth.log).toContain('cancel');
    expect(paragraphs).toEqual([0, null]);
    expect(states).toEqual(['playing', 'idle']);
    // Chrome may still fire `end` for the cancelled utterance: it must not start paragraph two.
    first.onend?.({});
    expect(synth.spoken.map((u) => u.text)).toEqual(['one']);
    reader.stop();
    expect(states).toEqual(['playing', 'idle']);
  });

  it('pauses and resumes through the synthesizer', () => {
    const { synth, reader, states } = session();
    reader.start(['one', 'two']);
    reader.pause();
    reader.pause();
    expect(reader.state).toBe('paused');
    reader.resume();
    expect(states).toEqual(['playing', 'paused', 'playing']);
    expect(synth.log.filter((l) => l === 'pause' || l === 'resume')).toEqual(['pause', 'resume']);
  });

  it('a new start replaces the old queue', () => {
    const { synth, reader } = session();
    reader.start(['old one', 'old two']);
    reader.start(['new one']);
    expect(synth.finishAll()).toEqual(['new one']);
  });

  it('stops and reports a real synthesis error', () => {
    const { synth, reader, errors, states } = session();
    reader.start(['one', 'two']);
    synth.queue[0]!.onerror?.({ error: 'synthesis-failed' });
    expect(errors).toEqual(['synthesis-failed']);
    expect(states.at(-1)).toBe('idle');
  });

  it('reads in the language of the text, with the matching voice', () => {
    const voices: VoiceLike[] = [
      { name: 'Alex', lang: 'en-US', default: true },
      { name: 'Ting-Ting', lang: 'zh-CN' },
      { name: 'Mei-Jia', lang: 'zh_TW' },
      { name: 'Kyoko', lang: 'ja-JP' },
    ];
    const { synth, reader } = session(voices);
    reader.start(['今天苹果发布了新的手机，这是我们的报道。']);
    expect(reader.language).toBe('zh-CN');
    expect(synth.spoken[0]!.voice?.name).toBe('Ting-Ting');
    reader.start(['今天蘋果發佈了新的手機，這是我們的報導。']);
    expect(reader.language).toBe('zh-TW');
    expect(synth.spoken.at(-1)!.voice?.name).toBe('Mei-Jia');
    reader.start(['Apple released a new phone today.']);
    expect(synth.spoken.at(-1)!.voice?.name).toBe('Alex');
    expect(synth.spoken.at(-1)!.lang).toBe('en-US');
  });
});

describe('ReadAloud: a sentence at a time', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('speaks each sentence as its own utterance and reports its offsets in the paragraph’s text', () => {
    const text = '  今天下雨。明天晴！ Mr. Smith said so. ';
    const { synth, reader, sentences, paragraphs } = session();
    reader.start([text, '第二段。']);
    expect(synth.finishAll()).toEqual(['今天下雨。', '明天晴！', 'Mr. Smith said so.', '第二段。']);
    const spans = sentences.filter((s): s is SentenceAt => s !== null);
    expect(spans.map((s) => [s.paragraph, s.sentence])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
    ]);
    // The offsets index the text as given (white space and all): the highlight maps them onto the page.
    expect(spans.slice(0, 3).map((s) => text.slice(s.start, s.end))).toEqual(['今天下雨。', '明天晴！', 'Mr. Smith said so.']);
    expect(sentences.at(-1)).toBeNull();
    expect(paragraphs).toEqual([0, 1, null]);
  });

  it('takes a new rate and voice from the next sentence, not in the middle of one', () => {
    const voices: VoiceLike[] = [
      { name: 'Ting-Ting', lang: 'zh-CN', default: true },
      { name: 'Li-Mu', lang: 'zh-CN' },
      { name: 'Sin-ji', lang: 'zh-HK' },
    ];
    const { synth, reader } = session(voices, { rate: 1.5, voices: { 'zh-CN': 'Li-Mu' } });
    reader.start(['第一句。第二句。第三句。']);
    expect(synth.queue[0]).toMatchObject({ rate: 1.5, voice: { name: 'Li-Mu' } });
    reader.setRate(2.5);
    reader.setVoices({ 'zh-CN': 'Sin-ji' });
    // The sentence being spoken is not touched.
    expect(synth.queue[0]).toMatchObject({ text: '第一句。', rate: 1.5, voice: { name: 'Li-Mu' } });
    synth.finish();
    expect(synth.queue[0]).toMatchObject({ text: '第二句。', rate: 2.5, voice: { name: 'Sin-ji' }, lang: 'zh-HK' });
    // A chosen voice that is not installed (another device's): the best match.
    reader.setVoices({ 'zh-CN': 'Gone' });
    synth.finish();
    expect(synth.queue[0]).toMatchObject({ text: '第三句。', voice: { name: 'Ting-Ting' } });
  });

  it('skips to the next and the previous paragraph, past empty ones, from a pause too', () => {
    const { synth, reader, paragraphs, states } = session();
    reader.start(['一。二。', ' ', '三。', '四。']);
    reader.next();
    expect(synth.queue.map((u) => u.text)).toEqual(['三。']);
    reader.next();
    expect(synth.queue.map((u) => u.text)).toEqual(['四。']);
    reader.previous();
    expect(synth.queue.map((u) => u.text)).toEqual(['三。']);
    reader.previous();
    expect(synth.queue.map((u) => u.text)).toEqual(['一。']);
    // At the first paragraph: its start again.
    reader.previous();
    expect(synth.queue.map((u) => u.text)).toEqual(['一。']);
    reader.pause();
    reader.next();
    expect(reader.state).toBe('playing');
    expect(synth.queue.map((u) => u.text)).toEqual(['三。']);
    // The skipped utterances' late events change nothing (each cancel fired `interrupted`).
    expect(paragraphs).toEqual([0, 2, 3, 2, 0, 2]);
    expect(states).toEqual(['playing', 'paused', 'playing']);
  });

  it('skipping past the last paragraph ends the reading as finished', () => {
    const { reader, finished, states } = session();
    reader.start(['一。', '二。']);
    reader.next();
    reader.next();
    expect(states.at(-1)).toBe('idle');
    expect(finished()).toBe(1);
  });

  it('jumps to a clicked paragraph and sentence while reading; does nothing when idle', () => {
    const { synth, reader } = session();
    reader.jump(1);
    expect(synth.spoken).toEqual([]);
    reader.start(['一。', '二。三。四。']);
    reader.jump(1, 2);
    expect(synth.queue.map((u) => u.text)).toEqual(['四。']);
    expect(reader.position).toEqual({ paragraph: 1, sentence: 2 });
  });

  it('starts from a saved paragraph and sentence (continue), and reports the end only when read to it', () => {
    const { synth, reader, finished } = session();
    reader.start(['一。', '二。三。四。'], 1, 1);
    expect(synth.finishAll()).toEqual(['三。', '四。']);
    expect(finished()).toBe(1);
    reader.start(['一。', '二。']);
    reader.stop();
    expect(finished()).toBe(1);
  });
});

describe('ReadAloud: a stalled engine', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('derives its patience from the text’s length and the rate', () => {
    expect(stallTimeoutMs('一二三四五六七八九十', 1)).toBe(4000 + 2 * 10 * 250);
    expect(stallTimeoutMs('一二三四五六七八九十', 2)).toBe(4000 + 10 * 250);
    expect(stallTimeoutMs('Ten chars.', 1)).toBe(4000 + 2 * 10 * 65);
    expect(stallTimeoutMs('长'.repeat(180), 0.5)).toBeGreaterThan(stallTimeoutMs('长'.repeat(180), 1));
  });

  it('no end for too long: resumes the engine, then restarts the sentence, and reads on once it answers', () => {
    vi.useFakeTimers();
    const { synth, reader, errors } = session();
    reader.start(['第一句话。第二句话。']);
    const limit = stallTimeoutMs('第一句话。', 1);
    vi.advanceTimersByTime(limit - 1);
    expect(synth.log).toEqual(['speak:第一句话。']);
    // First: a resume (Chrome's engine that went quiet comes back with it).
    vi.advanceTimersByTime(1);
    expect(synth.log).toEqual(['speak:第一句话。', 'resume']);
    // Still nothing: the sentence is spoken again, from its start.
    vi.advanceTimersByTime(limit);
    expect(synth.log).toEqual(['speak:第一句话。', 'resume', 'resume', 'cancel', 'speak:第一句话。']);
    expect(reader.state).toBe('playing');
    // The restarted utterance ends: reading goes on, nothing reported.
    synth.finish();
    expect(synth.queue.map((u) => u.text)).toEqual(['第二句话。']);
    expect(errors).toEqual([]);
  });

  it('signs of life (start, boundary) put the timer back; pausing stops it', () => {
    vi.useFakeTimers();
    const { synth, reader } = session();
    reader.start(['A sentence of some length here.']);
    const limit = stallTimeoutMs('A sentence of some length here.', 1);
    vi.advanceTimersByTime(limit - 100);
    synth.queue[0]!.onboundary?.({ charIndex: 2 });
    vi.advanceTimersByTime(limit - 100);
    synth.queue[0]!.onstart?.({});
    vi.advanceTimersByTime(limit - 100);
    expect(synth.log).toEqual(['speak:A sentence of some length here.']);
    reader.pause();
    vi.advanceTimersByTime(limit * 10);
    expect(synth.log).toEqual(['speak:A sentence of some length here.', 'pause']);
    reader.resume();
    vi.advanceTimersByTime(limit);
    expect(synth.log.slice(-2)).toEqual(['resume', 'resume']);
  });

  it('an engine that never answers: stopped after two restarts, and the reader is told', () => {
    vi.useFakeTimers();
    const { synth, reader, errors, states, sentences } = session();
    reader.start(['第一句话。']);
    vi.advanceTimersByTime(stallTimeoutMs('第一句话。', 1) * 4);
    expect(synth.spoken).toHaveLength(3);
    expect(errors).toEqual(['stalled']);
    expect(states.at(-1)).toBe('idle');
    expect(sentences.at(-1)).toBeNull();
    // Nothing is left running.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a late end of an utterance the watchdog gave up on changes nothing', () => {
    vi.useFakeTimers();
    const { synth, reader } = session();
    reader.start(['一。二。']);
    const first = synth.queue[0]!;
    vi.advanceTimersByTime(stallTimeoutMs('一。', 1) * 2);
    expect(synth.spoken.map((u) => u.text)).toEqual(['一。', '一。']);
    first.onend?.({});
    expect(synth.spoken.map((u) => u.text)).toEqual(['一。', '一。']);
  });

  it('keeps a network voice awake (pause, resume every 10 s); leaves a local voice alone', () => {
    vi.useFakeTimers();
    const remote = session([{ name: 'Google 普通话', lang: 'zh-CN', localService: false }]);
    remote.reader.start(['长'.repeat(100) + '。']);
    vi.advanceTimersByTime(KEEP_ALIVE_MS * 3);
    expect(remote.synth.log.slice(1)).toEqual(['pause', 'resume', 'pause', 'resume', 'pause', 'resume']);
    remote.reader.stop();
    const local = session([{ name: 'Ting-Ting', lang: 'zh-CN', localService: true }]);
    local.reader.start(['长'.repeat(100) + '。']);
    vi.advanceTimersByTime(KEEP_ALIVE_MS * 3);
    expect(local.synth.log).toEqual([`speak:${'长'.repeat(100)}。`]);
    local.reader.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('pickVoice', () => {
  const v = (lang: string, name = lang, extra: Partial<VoiceLike> = {}): VoiceLike => ({ lang, name, ...extra });

  it('prefers an exact match, the default one first', () => {
    expect(pickVoice([v('zh-CN', 'a'), v('zh-CN', 'b', { default: true })], 'zh-CN')?.name).toBe('b');
  });

  it('falls back within the language: Hong Kong before the mainland for zh-TW', () => {
    expect(pickVoice([v('zh-CN'), v('zh-HK')], 'zh-TW')?.lang).toBe('zh-HK');
    expect(pickVoice([v('zh-HK'), v('zh-TW')], 'zh-CN')?.lang).toBe('zh-TW');
    expect(pickVoice([v('en-GB')], 'en')?.lang).toBe('en-GB');
  });

  it('takes the voice the user chose for the language, when installed and of that language', () => {
    const voices = [v('zh-CN', 'Ting-Ting', { default: true }), v('zh-CN', 'Li-Mu'), v('zh-TW', 'Mei-Jia'), v('en-US', 'Alex')];
    expect(pickVoice(voices, 'zh-CN', 'Li-Mu')?.name).toBe('Li-Mu');
    expect(pickVoice(voices, 'zh-CN', 'Mei-Jia')?.name).toBe('Mei-Jia');
    expect(pickVoice(voices, 'zh-CN', 'Alex')?.name).toBe('Ting-Ting');
    expect(pickVoice(voices, 'zh-CN', 'Uninstalled')?.name).toBe('Ting-Ting');
    expect(voicesFor(voices, 'zh-TW').map((x) => x.name)).toEqual(['Mei-Jia', 'Ting-Ting', 'Li-Mu']);
  });

  it('returns null without a voice of the language', () => {
    expect(pickVoice([v('en-US'), v('ja-JP')], 'zh-CN')).toBeNull();
    expect(pickVoice([], 'en')).toBeNull();
  });
});

describe('language from scripts', () => {
  it('tells Chinese (Simplified, Traditional), Japanese and English apart', () => {
    expect(detectTextLang('美的集团与中国移动签署战略合作框架协议')).toBe('zh-CN');
    expect(detectTextLang('美的集團與中國移動簽署戰略合作框架協議，這是報導。')).toBe('zh-TW');
    expect(detectTextLang('これは日本語の文章です。東京で発表された。')).toBe('ja');
    expect(detectTextLang('Apple unveils the iPhone 16 with a new camera button')).toBe('en');
    // Chinese with a few Latin words is Chinese; one Han word in English text is English.
    expect(detectTextLang('苹果发布 iPhone 16 与 Apple Intelligence 功能，售价5999元')).toBe('zh-CN');
    expect(detectTextLang('The word 中 means middle in this sentence here')).toBe('en');
    // A stray の in a Chinese headline stays Chinese.
    expect(detectTextLang('小米の新品发布会今天在北京举行，发布了多款新产品')).toBe('zh-CN');
    expect(detectTextLang('')).toBe('en');
  });

  it('decides Traditional only when its characters outnumber Simplified ones', () => {
    expect(isTraditional('這個國家的經濟發展')).toBe(true);
    expect(isTraditional('这个国家的经济发展')).toBe(false);
    // Characters shared by both standards say nothing.
    expect(isTraditional('中文大小上下')).toBe(false);
    expect(isTraditional('公里台北')).toBe(false);
  });

  it('reads only the first 50,000 characters, a code unit at a time (a 5 MB article is judged by its start)', () => {
    const simp = '这个国家的经济发展';
    const trad = '這個國家的經濟發展';
    expect(isTraditional(trad.repeat(6000))).toBe(true);
    // Simplified for the first 50,000 characters, Traditional far more often after them: still Simplified.
    expect(isTraditional('字'.repeat(49_991) + simp + trad.repeat(10_000))).toBe(false);
    expect(isTraditional('字'.repeat(49_991) + trad + simp.repeat(10_000))).toBe(true);
    // Astral characters around them change nothing.
    expect(isTraditional('𠀀' + trad + '😀')).toBe(true);
  });

  it('counts as a loop over code units would, on any mix of the two standards and other text', () => {
    // The characters of each list (src/ui/text-lang.ts), a shared one, ASCII, an astral one and a lone surrogate.
    const trad = [...'們個這說時對會來為國學後發經過與見關點還開問頭實現體長動當機員將於麼樣電讓應變處認從氣業'];
    const simp = [...'们个这说时对会来为国学后发经过与见关点还开问头实现体长动当机员将于么样电让应变处认从气业'];
    const reference = (text: string) => {
      let t = 0;
      let s = 0;
      for (let i = 0; i < Math.min(text.length, 50_000); i++) {
        const ch = text[i]!;
        if (trad.includes(ch)) t++;
        else if (simp.includes(ch)) s++;
      }
      return t > s;
    };
    const piece = fc.oneof(fc.constantFrom(...trad), fc.constantFrom(...simp), fc.constantFrom('中', 'a', ' ', '𠀀', '\ud800'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        expect(isTraditional(text)).toBe(reference(text));
      }),
    );
  });

  it('gives the article zh-TW for Traditional text', () => {
    const counts = { chars: 10, cjk: 10, words: 0, readingMinutes: 1 };
    expect(articleLang({ text: '這個國家的經濟發展', counts })).toBe('zh-TW');
    expect(articleLang({ text: '这个国家的经济发展', counts })).toBe('zh-CN');
  });
});

describe('readableBlocks', () => {
  it('takes leaf blocks with text, in order, without code', () => {
    const root = document.createElement('div');
    root.innerHTML = // test fixture markup
      '<h2>标题</h2><p>第一段</p><ul><li>项一</li><li><p>项二</p></li></ul><pre><code>x = 1</code></pre>' +
      '<blockquote><p>引用</p></blockquote><p> </p><div>裸文本</div><figure><img src="a"><figcaption>图注</figcaption></figure>';
    expect(readableBlocks(root).map((el) => el.textContent)).toEqual(['标题', '第一段', '项一', '项二', '引用', '裸文本', '图注']);
  });

  it('reads text lying between blocks too, one run per gap, wrapped once so it can be highlighted', () => {
    // As the feeds have it (corpus 72b5, 86d3, 7a51): spans between paragraphs, a link before the first block, a
    // lone <section> around a span, a list item's own text before its sub-list; zero-width joiners say nothing.
    const root = document.createElement('div');
    root.innerHTML = // test fixture markup
      '<a href="https://example.org/a.pdf">Download PDF</a><div><p>第一段</p></div>' +
      '<span>*注释：</span><span>说明文字。</span><p>第二段</p>' +
      '<section><section><p>第三段</p><section><br></section><section><span>独立的一段</span></section></section></section>' +
      '<ul><li>项目<ul><li>子项</li></ul></li></ul><div><p>结尾</p>\u200d\u200d</div><pre>code</pre>';
    const texts = () => readableBlocks(root).map((el) => el.textContent);
    const want = ['Download PDF', '第一段', '*注释：说明文字。', '第二段', '第三段', '独立的一段', '项目', '子项', '结尾'];
    expect(texts()).toEqual(want);
    // The runs were wrapped (display unchanged: inline spans), and nothing else.
    const runs = Array.from(root.querySelectorAll('[data-pnr-run]'));
    expect(runs.map((el) => [el.localName, el.textContent])).toEqual([
      ['span', 'Download PDF'],
      ['span', '*注释：说明文字。'],
      ['span', '项目'],
    ]);
    const html = root.innerHTML;
    // Asked again (every scroll save asks): the same elements, no wrapper added around a wrapper.
    const again = readableBlocks(root);
    expect(again.map((el) => el.textContent)).toEqual(want);
    expect(root.innerHTML).toBe(html);
    expect(again[0]).toBe(runs[0]);
  });
});
