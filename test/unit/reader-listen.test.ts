// @vitest-environment jsdom
// Read aloud in the reader, end to end in jsdom with a fake speech engine: the sentence highlighted (Highlight API,
// or boxes where there is none), speed and voice from the Listen panel, skipping by button, key and click, and the
// offer to continue after the reader was closed.
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { Article } from '../../src/core/types';

const stub = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('../helpers/ui-browser-stub').uiBrowserStub> }));
vi.mock('webextension-polyfill', async () => {
  const { uiBrowserStub } = await import('../helpers/ui-browser-stub');
  stub.current = uiBrowserStub('en');
  return { default: stub.current };
});

const { openReader, READER_TAG } = await import('../../src/reader/overlay');
const rs = await import('../../src/settings/reader-settings');
const { PositionStore } = await import('../../src/reader/reading-position');
const { ListenPositionStore, LISTEN_POSITIONS_KEY } = await import('../../src/reader/listen-position');
const { HIGHLIGHT_NAME, BOX_LAYER_CLASS } = await import('../../src/reader/sentence-mark');
type ReaderHandle = import('../../src/reader/overlay').ReaderHandle;
type UtteranceLike = import('../../src/reader/read-aloud').UtteranceLike;
type ReaderEnv = import('../../src/reader/reader-env').ReaderEnv;

const KEY = 'https://news.zfe.space/p/listen.html';

function article(): Article {
  return {
    kind: 'article',
    url: KEY,
    theme: 'volantis',
    title: '标题',
    categories: [],
    feed: 'IT之家',
    published: null,
    cover: null,
    images: [],
    videos: [],
    topics: [],
    links: [],
    html: '<p>第一句。<b>第二句</b>！第三句？</p><p>Mr. Smith spoke. He <a href="https://example.org/">left</a>.</p><p>最后一段。</p>',
    markdown: '',
    text: '第一句。第二句！第三句？ Mr. Smith spoke. He left. 最后一段。',
    counts: { chars: 30, cjk: 20, words: 5, readingMinutes: 1 },
    origin: 'https://www.ithome.com',
    unescaped: false,
    notes: [],
  };
}

function fakeSpeech() {
  const queue: UtteranceLike[] = [];
  const spoken: UtteranceLike[] = [];
  const voices = [
    { name: 'Ting-Ting', lang: 'zh-CN', default: true, localService: true },
    { name: 'Li-Mu', lang: 'zh-CN', localService: true },
    { name: 'Mei-Jia', lang: 'zh-TW', localService: true },
    { name: 'Alex', lang: 'en-US', localService: true },
  ];
  const synth = {
    speak: (u: UtteranceLike) => void (queue.push(u), spoken.push(u)),
    cancel: () => void queue.splice(0).forEach((u) => u.onerror?.({ error: 'interrupted' })),
    pause: () => undefined,
    resume: () => undefined,
    getVoices: () => voices,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  class Utterance {
    lang = '';
    voice = null;
    rate = 1;
    onend: ((e: unknown) => void) | null = null;
    onerror: ((e: { error?: string }) => void) | null = null;
    constructor(public text: string) {}
  }
  return { speech: { synth, Utterance }, queue, spoken, finish: () => queue.shift()!.onend?.({}) };
}

/** A Highlight API over plain objects: what the registry holds is what the engine would paint. */
function fakeHighlights() {
  const registry = new Map<string, { ranges: Range[] }>();
  class Highlight {
    ranges: Range[];
    constructor(...ranges: Range[]) {
      this.ranges = ranges;
    }
  }
  return { registry, api: { registry, Highlight } };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await tick();
}
async function waitFor(check: () => void, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
      await tick(10);
    }
  }
}

const storage = () => stub.current!.storage;
let handle: ReaderHandle | null = null;

function open(env: Partial<ReaderEnv>, settings = rs.DEFAULT_READER_SETTINGS) {
  handle = openReader(article(), document, { settings: { ...settings }, env: { speech: null, positions: null, ...env } });
  const root = handle.host.shadowRoot!;
  return { root, $: <T extends Element = HTMLElement>(sel: string) => root.querySelector<T>(sel) };
}

function click(el: Element | null | undefined, init: MouseEventInit = {}): void {
  if (!el) throw new Error('nothing to click');
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, button: 0, ...init }));
}

function key(target: Element, k: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

beforeEach(() => {
  document.documentElement.removeAttribute('style');
  document.body.innerHTML = '<main><p>page</p></main>'; // test page setup
  for (const area of [storage().sync, storage().local]) for (const k of Object.keys(area.data)) delete area.data[k];
});

afterEach(() => {
  handle?.close();
  handle = null;
  for (const el of Array.from(document.querySelectorAll(READER_TAG))) el.remove();
  vi.restoreAllMocks();
});

describe('the sentence being read', () => {
  it('is registered with the Highlight API, sentence by sentence, inside the paragraph marked as being read', async () => {
    const { speech, queue, finish } = fakeSpeech();
    const { registry, api } = fakeHighlights();
    const { $ } = open({ speech, highlights: api });
    click($('[data-action=listen]'));
    await waitFor(() => expect(queue).toHaveLength(1));
    const painted = () => registry.get(HIGHLIGHT_NAME)?.ranges.map((r) => r.toString());
    const seen: Array<[string, string | undefined, string | undefined]> = [];
    for (let i = 0; i < 7 && queue[0]; i++) {
      seen.push([queue[0].text, painted()?.[0], $('.pnr-speaking')?.textContent ?? undefined]);
      finish();
      await settle();
    }
    expect(seen).toEqual([
      ['标题', '标题', '标题'],
      ['第一句。', '第一句。', '第一句。第二句！第三句？'],
      // Across an element boundary: the range spans <b>.
      ['第二句！', '第二句！', '第一句。第二句！第三句？'],
      ['第三句？', '第三句？', '第一句。第二句！第三句？'],
      ['Mr. Smith spoke.', 'Mr. Smith spoke.', 'Mr. Smith spoke. He left.'],
      ['He left.', 'He left.', 'Mr. Smith spoke. He left.'],
      ['最后一段。', '最后一段。', '最后一段。'],
    ]);
    // Done: nothing painted, nothing marked.
    expect(registry.has(HIGHLIGHT_NAME)).toBe(false);
    expect($('.pnr-speaking')).toBeNull();
  });

  it('without the Highlight API: boxes over its lines in a layer of their own, removed with nothing else changed', async () => {
    // jsdom lays nothing out (and has no Range.getClientRects): each range gets one line box from its length.
    Object.defineProperty(Range.prototype, 'getClientRects', {
      configurable: true,
      value(this: Range) {
        return [{ top: 10, left: 0, width: this.toString().length * 10, height: 20 }];
      },
    });
    onTestFinished(() => {
      delete (Range.prototype as { getClientRects?: unknown }).getClientRects;
    });
    const { speech, queue, finish } = fakeSpeech();
    const { $, root } = open({ speech, highlights: null });
    const bodyHtml = $('[data-testid=reader-body]')!.innerHTML;
    click($('[data-action=listen]'));
    await waitFor(() => expect(queue).toHaveLength(1));
    finish();
    await settle();
    const boxes = () => Array.from(root.querySelectorAll<HTMLElement>(`.${BOX_LAYER_CLASS} > div`)).map((b) => b.style.width);
    expect(queue[0]!.text).toBe('第一句。');
    expect(boxes()).toEqual(['40px']);
    finish();
    await settle();
    expect(boxes()).toEqual(['40px']);
    finish();
    await settle();
    finish();
    await settle();
    expect(queue[0]!.text).toBe('Mr. Smith spoke.');
    expect(boxes()).toEqual(['160px']);
    // The article's text nodes were never touched: no wrapper to remove.
    expect($('[data-testid=reader-body]')!.innerHTML.replace(/ class="pnr-speaking"/g, '')).toBe(bodyHtml);
    expect($('.pnr-speaking')!.textContent).toBe('Mr. Smith spoke. He left.');
    click($('[data-action=tts-stop]'));
    await settle();
    expect(boxes()).toEqual([]);
    expect($('[data-testid=reader-body]')!.innerHTML).toBe(bodyHtml);
    handle!.close();
    handle = null;
    expect(document.querySelector(`.${BOX_LAYER_CLASS}`)).toBeNull();
  });
});

describe('the Listen panel', () => {
  it('speed and voice: remembered in the settings, taken up from the next sentence', async () => {
    const { speech, queue, finish } = fakeSpeech();
    const { $ } = open({ speech, highlights: null });
    click($('[data-action=listen]'));
    await waitFor(() => expect(queue).toHaveLength(1));
    expect(queue[0]).toMatchObject({ rate: 1, voice: { name: 'Ting-Ting' } });
    // The voices offered: the article's language (Chinese), the exact region first.
    const voice = $<HTMLSelectElement>('[data-setting=ttsVoice]')!;
    expect(Array.from(voice.options).map((o) => o.textContent)).toEqual(['Automatic', 'Ting-Ting', 'Li-Mu', 'Mei-Jia (zh-TW)']);
    expect(voice.closest('label')!.textContent).toContain('Voice (zh-CN)');
    const rate = $<HTMLSelectElement>('[data-setting=ttsRate]')!;
    expect(Array.from(rate.options).map((o) => o.value)).toEqual(['0.5', '0.75', '1', '1.25', '1.5', '1.75', '2', '2.5', '3']);
    rate.value = '1.75';
    rate.dispatchEvent(new Event('change', { bubbles: true }));
    voice.value = 'Li-Mu';
    voice.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    // The title being read is not touched; the next sentence is.
    expect(queue[0]).toMatchObject({ text: '标题', rate: 1, voice: { name: 'Ting-Ting' } });
    finish();
    await settle();
    expect(queue[0]).toMatchObject({ text: '第一句。', rate: 1.75, voice: { name: 'Li-Mu' } });
    // Stored (after the reader's short save delay) in storage.sync.
    await waitFor(() => expect(storage().sync.data.readerPrefs).toMatchObject({ ttsRate: 1.75, ttsVoices: { 'zh-CN': 'Li-Mu' } }));
    // Back to automatic: the language is forgotten.
    $<HTMLSelectElement>('[data-setting=ttsVoice]')!.value = '';
    $('[data-setting=ttsVoice]')!.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(storage().sync.data.readerPrefs).toMatchObject({ ttsVoices: {} }));
  });

  it('previous and next paragraph buttons, and ←/→ with the reader focused; not in a select, not with Alt', async () => {
    const { speech, queue } = fakeSpeech();
    const { $ } = open({ speech, highlights: null });
    const scroller = $('[data-testid=reader-scroller]')!;
    expect(key(scroller, 'ArrowRight').defaultPrevented).toBe(false);
    click($('[data-action=listen]'));
    await waitFor(() => expect(queue).toHaveLength(1));
    expect($<HTMLButtonElement>('[data-action=tts-next]')!.disabled).toBe(false);
    click($('[data-action=tts-next]'));
    expect(queue.map((u) => u.text)).toEqual(['第一句。']);
    expect(key(scroller, 'ArrowRight').defaultPrevented).toBe(true);
    expect(queue.map((u) => u.text)).toEqual(['Mr. Smith spoke.']);
    key($('[data-action=tts-pause]')!, 'ArrowLeft');
    expect(queue.map((u) => u.text)).toEqual(['第一句。']);
    click($('[data-action=tts-previous]'));
    expect(queue.map((u) => u.text)).toEqual(['标题']);
    // Arrows belong to a select, and Alt+← is the browser's Back.
    expect(key($('[data-setting=ttsRate]')!, 'ArrowRight').defaultPrevented).toBe(false);
    expect(key(scroller, 'ArrowLeft', { altKey: true }).defaultPrevented).toBe(false);
    expect(queue.map((u) => u.text)).toEqual(['标题']);
    await settle();
    expect($('[data-testid=tts-status]')!.textContent).toMatch(/^Reading paragraph 1 of 4/);
  });

  it('in vertical writing (right to left) ← is the next paragraph, → the previous', async () => {
    const { speech, queue } = fakeSpeech();
    const { $ } = open({ speech, highlights: null }, { ...rs.DEFAULT_READER_SETTINGS, vertical: true });
    const scroller = $('[data-testid=reader-scroller]')!;
    expect(scroller.dataset.writing).toBe('vertical');
    click($('[data-action=listen]'));
    await waitFor(() => expect(queue).toHaveLength(1));
    key(scroller, 'ArrowLeft');
    expect(queue.map((u) => u.text)).toEqual(['第一句。']);
    key(scroller, 'ArrowLeft');
    expect(queue.map((u) => u.text)).toEqual(['Mr. Smith spoke.']);
    key(scroller, 'ArrowRight');
    expect(queue.map((u) => u.text)).toEqual(['第一句。']);
  });

  it('a click on a paragraph while reading reads from there; Alt+click starts from a paragraph; links and selections are left alone', async () => {
    const { speech, queue, spoken } = fakeSpeech();
    const { $, root } = open({ speech, highlights: null });
    const paragraphs = () => Array.from(root.querySelectorAll('[data-testid=reader-body] p'));
    // Idle: a plain click does nothing.
    click(paragraphs()[1]);
    await settle();
    expect(spoken).toEqual([]);
    click(paragraphs()[1], { altKey: true });
    await waitFor(() => expect(queue.map((u) => u.text)).toEqual(['Mr. Smith spoke.']));
    // Reading: a click on the bold text of the first paragraph reads from that paragraph's start.
    click(paragraphs()[0]!.querySelector('b'));
    await waitFor(() => expect(queue.map((u) => u.text)).toEqual(['第一句。']));
    // A link is followed, not read from.
    click(paragraphs()[1]!.querySelector('a'));
    await settle();
    expect(queue.map((u) => u.text)).toEqual(['第一句。']);
    expect($('.pnr-speaking')!.textContent).toBe('第一句。第二句！第三句？');
  });
});

describe('continuing where reading stopped', () => {
  function env(speech: ReturnType<typeof fakeSpeech>['speech']): Partial<ReaderEnv> {
    const local = storage().local;
    return { speech, highlights: null, positions: { store: new PositionStore(local), key: KEY, listen: new ListenPositionStore(local) } };
  }

  it('the place is saved while reading and on close; reopening offers it; Continue reads from that sentence', async () => {
    const first = fakeSpeech();
    let view = open(env(first.speech));
    click(view.$('[data-action=listen]'));
    await waitFor(() => expect(first.queue).toHaveLength(1));
    for (let i = 0; i < 3; i++) {
      first.finish();
      await settle();
    }
    expect(first.queue[0]!.text).toBe('第三句？');
    handle!.close();
    handle = null;
    await waitFor(() => expect(storage().local.data[LISTEN_POSITIONS_KEY]).toMatchObject({ [KEY]: { paragraph: 1, sentence: 2 } }));

    const second = fakeSpeech();
    view = open(env(second.speech));
    const offer = await waitFor(() => expect(view.$('[data-testid=tts-offer]')).not.toBeNull()).then(() =>
      view.$('[data-testid=tts-offer]')!,
    );
    expect(offer.textContent).toContain('You were listening to this article, at paragraph 2.');
    // Opening Listen does not start over from the top while the offer stands.
    click(view.$('[data-action=listen]'));
    await settle();
    expect(second.spoken).toEqual([]);
    click(view.$('[data-action=tts-continue]'));
    await waitFor(() => expect(second.queue.map((u) => u.text)).toEqual(['第三句？']));
    expect(view.$('[data-testid=tts-offer]')).toBeNull();
  });

  it('declining forgets the place; so does reading to the end', async () => {
    const local = storage().local;
    await new ListenPositionStore(local).save(KEY, { paragraph: 2, sentence: 0 });
    const one = fakeSpeech();
    let view = open(env(one.speech));
    await waitFor(() => expect(view.$('[data-testid=tts-offer]')).not.toBeNull());
    click(view.$('[data-action=tts-decline]'));
    await settle();
    expect(view.$('[data-testid=tts-offer]')).toBeNull();
    await waitFor(() => expect(local.data[LISTEN_POSITIONS_KEY]).toEqual({}));
    handle!.close();

    await new ListenPositionStore(local).save(KEY, { paragraph: 3, sentence: 0 });
    const two = fakeSpeech();
    view = open(env(two.speech));
    await waitFor(() => expect(view.$('[data-testid=tts-offer]')).not.toBeNull());
    click(view.$('[data-action=tts-continue]'));
    await waitFor(() => expect(two.queue.map((u) => u.text)).toEqual(['最后一段。']));
    two.finish();
    await waitFor(() => expect(local.data[LISTEN_POSITIONS_KEY]).toEqual({}));
  });
});
