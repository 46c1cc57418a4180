// @vitest-environment jsdom
// The reader overlay's features, end to end in jsdom: settings applied and followed live, panels,
// copy and save, Chinese conversion, read aloud, reading position, custom CSS and printing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
type ReaderHandle = import('../../src/reader/overlay').ReaderHandle;
type UtteranceLike = import('../../src/reader/read-aloud').UtteranceLike;

function article(overrides: Partial<Article> = {}): Article {
  return {
    kind: 'article',
    url: 'https://news.zfe.space/p/86d3.html',
    theme: 'volantis',
    title: '这个国家们的发展',
    categories: ['新媒体', 'IT之家'],
    feed: 'IT之家',
    published: { date: '2022-09-15', raw: '2022年9月15日' },
    cover: null,
    images: [],
    videos: [],
    topics: [],
    links: [],
    html: '<p>第一段说这个iPhone。</p><p>第二段们。</p><pre><code>这个 = 1</code></pre><p><img src="http://img.ithome.com/a.jpg" alt="a"></p>',
    markdown: '第一段说这个iPhone。\n\n第二段们。',
    text: '第一段说这个iPhone。 第二段们。 这个 = 1',
    counts: { chars: 20, cjk: 16, words: 1, readingMinutes: 1 },
    origin: 'https://www.ithome.com',
    unescaped: false,
    notes: [],
    ...overrides,
  };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const storage = () => stub.current!.storage;

let handle: ReaderHandle | null = null;
function open(opts: Parameters<typeof openReader>[2] = {}, a = article()): { root: ShadowRoot; host: HTMLElement } {
  handle = openReader(a, document, {
    settings: { ...rs.DEFAULT_READER_SETTINGS },
    ...opts,
    env: { speech: null, positions: null, ...opts.env },
  });
  return { root: handle.host.shadowRoot!, host: handle.host };
}

function click(el: Element | null | undefined): void {
  if (!el) throw new Error('nothing to click');
  (el as HTMLElement).click();
}

/** Polls until `check` passes (Preact runs effects after the next frame: up to 100 ms in jsdom). */
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

/** Lets Preact re-render after state changes. */
async function settle(): Promise<void> {
  await tick();
  await tick();
}

beforeEach(() => {
  document.documentElement.removeAttribute('style');
  document.body.innerHTML = '<main><p id="page">page</p></main>'; // test page setup
  for (const area of [storage().sync, storage().local]) {
    for (const k of Object.keys(area.data)) delete area.data[k];
    area.writes.length = 0;
  }
});

afterEach(() => {
  handle?.close();
  handle = null;
  for (const el of Array.from(document.querySelectorAll(READER_TAG))) el.remove();
});

describe('reader settings', () => {
  it('applies the settings at once: custom properties on the host, theme and images on the root', () => {
    const { root, host } = open({
      settings: {
        ...rs.DEFAULT_READER_SETTINGS,
        theme: 'sepia',
        fontSize: 22,
        width: 30,
        lineHeight: 2,
        showImages: false,
        cjkFont: 'serif',
      },
    });
    expect(host.style.getPropertyValue('--pnr-reader-size')).toBe('22px');
    expect(host.style.getPropertyValue('--pnr-reader-width')).toBe('30em');
    expect(host.style.getPropertyValue('--pnr-reader-leading')).toBe('2');
    expect(host.style.getPropertyValue('--pnr-reader-font')).toContain('"Noto Serif CJK SC"');
    const mount = root.querySelector<HTMLElement>('.pnr-root')!;
    expect(mount.dataset.pnrTheme).toBe('sepia');
    expect(mount.dataset.images).toBe('hidden');
    // The host's pinning survives.
    expect(host.style.getPropertyValue('position')).toBe('fixed');
  });

  it('loads stored settings when none are given', async () => {
    await rs.saveReaderSettings({ theme: 'dark', fontSize: 24 });
    handle = openReader(article(), document, { env: { speech: null, positions: null } });
    await settle();
    expect(handle.host.shadowRoot!.querySelector<HTMLElement>('.pnr-root')!.dataset.pnrTheme).toBe('dark');
    expect(handle.host.style.getPropertyValue('--pnr-reader-size')).toBe('24px');
  });

  it('follows changes made elsewhere (popup, options, another tab) while open', async () => {
    const { root, host } = open();
    await rs.saveReaderSettings({ theme: 'dark', lineHeight: 1.9 });
    await settle();
    expect(root.querySelector<HTMLElement>('.pnr-root')!.dataset.pnrTheme).toBe('dark');
    expect(host.style.getPropertyValue('--pnr-reader-leading')).toBe('1.9');
  });

  it('changes from its own panel show at once and are stored shortly after, in one write', async () => {
    const { root, host } = open();
    click(root.querySelector('[data-action=appearance]'));
    await settle();
    const panel = root.querySelector('[data-testid=panel-appearance]')!;
    expect(root.querySelector('[data-action=appearance]')!.getAttribute('aria-expanded')).toBe('true');
    const more = panel.querySelector('[data-setting=fontSize] [data-step=more]')!;
    click(more);
    await settle();
    click(panel.querySelector('[data-setting=fontSize] [data-step=more]'));
    await settle();
    expect(host.style.getPropertyValue('--pnr-reader-size')).toBe('20px');
    expect(panel.querySelector('[data-setting=fontSize] output')?.textContent).toBe('20 px');
    click(panel.querySelector('[data-setting=theme] input[value=sepia]'));
    await settle();
    expect(root.querySelector<HTMLElement>('.pnr-root')!.dataset.pnrTheme).toBe('sepia');
    expect(storage().sync.writes).toHaveLength(0);
    await tick(450);
    expect(storage().sync.writes).toHaveLength(1);
    expect(await rs.loadReaderSettings()).toMatchObject({ fontSize: 20, theme: 'sepia' });
    // Its own write coming back does not undo anything.
    await settle();
    expect(host.style.getPropertyValue('--pnr-reader-size')).toBe('20px');
  });

  it('stores a pending change when closed before the save delay', async () => {
    const { root } = open();
    click(root.querySelector('[data-action=appearance]'));
    await settle();
    click(root.querySelector('[data-setting=showImages] input'));
    await settle();
    handle!.close();
    handle = null;
    await settle();
    expect((await rs.loadReaderSettings()).showImages).toBe(false);
  });

  it('Esc closes an open panel first, then the reader', async () => {
    const onClose = vi.fn();
    const { root, host } = open({ onClose });
    const toggle = root.querySelector<HTMLElement>('[data-action=save]')!;
    click(toggle);
    await settle();
    expect(root.querySelector('[data-testid=panel-save]')).not.toBeNull();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(root.querySelector('[data-testid=panel-save]')).toBeNull();
    expect(root.activeElement).toBe(toggle);
    expect(host.isConnected).toBe(true);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(host.isConnected).toBe(false);
    expect(onClose).toHaveBeenCalledTimes(1);
    handle = null;
  });

  it('applies custom CSS inside the shadow root, without anything that could load', async () => {
    const { root } = open({
      settings: { ...rs.DEFAULT_READER_SETTINGS, customCss: '.pnr-title { color: red; background: url(https://evil.test/x.png) }' },
    });
    const custom =
      handle!.host.dataset.styles === 'adopted'
        ? root.adoptedStyleSheets[1]!
        : (root.querySelector('style[data-custom]') as HTMLStyleElement).sheet!;
    const text = Array.from(custom.cssRules, (r) => r.cssText).join('\n');
    expect(text).toContain('color: red');
    expect(text).not.toContain('evil');
    expect(document.head.querySelector('style')).toBeNull();
  });
});

describe('copy and save', () => {
  it('copies in the default format from the settings, and says so', async () => {
    const copy = vi.fn(async (_payload: { text: string; html?: string }) => 'clipboard-api');
    const { root } = open({ settings: { ...rs.DEFAULT_READER_SETTINGS, copyFormat: 'html' }, env: { copy } });
    click(root.querySelector('[data-action=copy-default]'));
    await settle();
    expect(copy).toHaveBeenCalledTimes(1);
    expect(copy.mock.calls[0]![0]).toMatchObject({ html: expect.stringContaining('<h1>这个国家们的发展</h1>') as unknown });
    expect(root.querySelector('[data-testid=reader-status]')?.textContent).toBe('Copied as HTML');
  });

  it('saves Markdown and HTML files through the download hook, from the stored article', async () => {
    const files: Array<{ name: string; content: string }> = [];
    const { root } = open({ env: { download: (f) => void files.push(f) } });
    click(root.querySelector('[data-action=save]'));
    await settle();
    click(root.querySelector('[data-action=save-markdown]'));
    click(root.querySelector('[data-action=save-html]'));
    await settle();
    expect(files.map((f) => f.name)).toEqual(['这个国家们的发展.md', '这个国家们的发展.html']);
    expect(files[0]!.content).toMatch(/^---\ntitle: "这个国家们的发展"/);
    expect(root.querySelector('[data-testid=reader-status]')?.textContent).toBe('Saved 这个国家们的发展.html');
  });
});

const FAKE_S2T: Record<string, string> = { 这: '這', 个: '個', 国: '國', 们: '們', 发: '發', 展: '展', 说: '說' };
const fakeOpenCC = {
  Converter: (o: { from: string; to: string }) => (text: string) =>
    o.to === 'cn' ? text : Array.from(text, (ch) => FAKE_S2T[ch] ?? ch).join(''),
};

describe('Simplified ↔ Traditional', () => {
  it('converts the shown text only (not code, not the stored article), and back', async () => {
    const importer = vi.fn(async () => fakeOpenCC);
    const copy = vi.fn(async (_payload: { text: string; html?: string }) => 'clipboard-api');
    const { root } = open({ env: { importConverter: importer, copy } });
    const body = root.querySelector('[data-testid=reader-body]')!;
    click(root.querySelector('[data-action=convert]'));
    await settle();
    click(root.querySelector('[data-testid=panel-convert] input[value=traditional]'));
    await settle();
    expect(importer).toHaveBeenCalledWith('traditional');
    expect(root.querySelector('[data-testid=title]')?.textContent).toBe('這個國家們的發展');
    expect(body.querySelector('p')?.textContent).toBe('第一段說這個iPhone。');
    expect(body.querySelector('code')?.textContent).toBe('这个 = 1');
    expect(root.querySelector('article')?.getAttribute('lang')).toBe('zh-TW');
    // Copy uses the article as stored.
    click(root.querySelector('[data-action=copy-default]'));
    await settle();
    expect(copy.mock.calls[0]![0].text).toContain('第一段说这个iPhone。');

    click(root.querySelector('[data-testid=panel-convert] input[value=original]'));
    await settle();
    expect(body.querySelector('p')?.textContent).toBe('第一段说这个iPhone。');
    expect(root.querySelector('[data-testid=title]')?.textContent).toBe('这个国家们的发展');
    expect(root.querySelector('article')?.getAttribute('lang')).toBe('zh-CN');
  });

  it('shows a clear error and keeps the original when opencc-js is not available', async () => {
    const importer = vi.fn(async () => {
      throw new Error("Failed to resolve module specifier 'opencc-js/cn2t'");
    });
    const { root } = open({ env: { importConverter: importer } });
    click(root.querySelector('[data-action=convert]'));
    await settle();
    click(root.querySelector('[data-testid=panel-convert] input[value=traditional]'));
    await settle();
    expect(root.querySelector('[data-testid=reader-status]')?.textContent).toMatch(/^Chinese conversion is not available: .*opencc-js/);
    expect(root.querySelector<HTMLInputElement>('[data-testid=panel-convert] input[value=original]')!.checked).toBe(true);
    expect(root.querySelector('[data-testid=title]')?.textContent).toBe('这个国家们的发展');
  });

  it('combines with Han–Latin spacing in either order, text intact', async () => {
    const { root } = open({ env: { importConverter: async () => fakeOpenCC, autospaceCss: false } });
    const p = () => root.querySelector('[data-testid=reader-body] p')!;
    click(root.querySelector('[data-action=appearance]'));
    await settle();
    click(root.querySelector('[data-setting=cjkSpacing] input'));
    await settle();
    expect(root.querySelector('[data-testid=reader-body]')?.getAttribute('data-autospace')).toBe('spans');
    // Between 个 and iPhone; none before the full stop (punctuation is not spaced).
    expect(p().querySelectorAll('.pnr-autospace')).toHaveLength(1);
    click(root.querySelector('[data-action=convert]'));
    await settle();
    click(root.querySelector('[data-testid=panel-convert] input[value=traditional]'));
    await settle();
    expect(p().textContent).toBe('第一段說這個iPhone。');
    expect(p().querySelectorAll('.pnr-autospace')).toHaveLength(1);
    click(root.querySelector('[data-testid=panel-convert] input[value=original]'));
    await settle();
    expect(p().textContent).toBe('第一段说这个iPhone。');
    click(root.querySelector('[data-action=appearance]'));
    await settle();
    click(root.querySelector('[data-setting=cjkSpacing] input'));
    await settle();
    expect(p().querySelectorAll('.pnr-autospace')).toHaveLength(0);
    expect(p().childNodes).toHaveLength(1);
  });

  it('uses CSS text-autospace instead of spacers where the engine has it', async () => {
    const { root } = open({ settings: { ...rs.DEFAULT_READER_SETTINGS, cjkSpacing: true }, env: { autospaceCss: true } });
    expect(root.querySelector('[data-testid=reader-body]')?.getAttribute('data-autospace')).toBe('css');
    expect(root.querySelectorAll('.pnr-autospace')).toHaveLength(0);
  });
});

describe('read aloud', () => {
  function fakeSpeech() {
    const queue: UtteranceLike[] = [];
    const synth = {
      cancelled: 0,
      speak: (u: UtteranceLike) => void queue.push(u),
      cancel() {
        this.cancelled++;
        queue.length = 0;
      },
      pause: () => undefined,
      resume: () => undefined,
      getVoices: () => [{ name: 'Ting-Ting', lang: 'zh-CN' }],
    };
    class Utterance {
      lang = '';
      voice = null;
      rate = 1;
      onend: ((e: unknown) => void) | null = null;
      onerror: ((e: { error?: string }) => void) | null = null;
      constructor(public text: string) {}
    }
    return { synth, Utterance, queue, finish: () => queue.shift()!.onend?.({}) };
  }

  it('a long article: Listen pressed before its later groups are in reads every paragraph; the body is aria-busy until then', async () => {
    const speech = fakeSpeech();
    const groups = ['<p>第一组。</p>', '<p>第二组。</p>', '<p>第三组。</p>'];
    let at = 0;
    const htmlBreaks = groups.slice(0, -1).map((g) => (at += g.length));
    const long = article({ html: groups.join(''), htmlBreaks, text: '第一组。 第二组。 第三组。' });
    const { root } = open({ env: { speech: { synth: speech.synth, Utterance: speech.Utterance } } }, long);
    const body = root.querySelector<HTMLElement>('[data-testid=reader-body]')!;
    expect(body.getAttribute('aria-busy')).toBe('true');
    expect(body.querySelectorAll('p')).toHaveLength(1);
    click(root.querySelector('[data-action=listen]'));
    await waitFor(() => expect(speech.queue).toHaveLength(1));
    await waitFor(() => expect(body.hasAttribute('aria-busy')).toBe(false));
    const read: string[] = [];
    for (let i = 0; i < 10 && speech.queue[0]; i++) {
      read.push(speech.queue[0].text);
      speech.finish();
      await settle();
    }
    expect(read).toEqual([long.title, '第一组。', '第二组。', '第三组。']);
  });

  it('reads paragraph by paragraph from the title, highlighting the one being read, and stops on close', async () => {
    const speech = fakeSpeech();
    const { root } = open({ env: { speech: { synth: speech.synth, Utterance: speech.Utterance } } });
    click(root.querySelector('[data-action=listen]'));
    await settle();
    expect(speech.queue[0]!.text).toBe('这个国家们的发展');
    expect(speech.queue[0]!.lang).toBe('zh-CN');
    expect(root.querySelector('.pnr-speaking')?.id).toBe('pnr-reader-title');
    speech.finish();
    await settle();
    expect(speech.queue[0]!.text).toBe('第一段说这个iPhone。');
    expect(root.querySelectorAll('.pnr-speaking')).toHaveLength(1);
    expect(root.querySelector('.pnr-speaking')?.textContent).toBe('第一段说这个iPhone。');
    expect(root.querySelector('[data-testid=tts-status]')?.textContent).toMatch(/^Reading paragraph 2 of 3/);
    // Code is not read: after paragraph two, the queue ends.
    speech.finish();
    await settle();
    expect(speech.queue[0]!.text).toBe('第二段们。');
    click(root.querySelector('[data-action=tts-pause]'));
    await settle();
    expect(root.querySelector('[data-action=tts-play]')?.textContent).toContain('Resume');
    handle!.close();
    handle = null;
    expect(speech.synth.cancelled).toBeGreaterThan(0);
  });

  it('is disabled, with a reason, where the browser has no speech synthesis', () => {
    const { root } = open();
    const listen = root.querySelector<HTMLButtonElement>('[data-action=listen]')!;
    expect(listen.disabled).toBe(true);
    expect(listen.title).toBe('Speech is not available in this browser');
  });
});

describe('reading position', () => {
  it('returns to the stored position and saves the new one when closed', async () => {
    const store = new PositionStore(storage().local);
    const key = 'https://news.zfe.space/p/86d3.html';
    await store.save(key, { fraction: 0.5, paragraph: 0 });
    const { root } = open({ env: { positions: { store, key } } });
    const scroller = root.querySelector<HTMLElement>('[data-testid=reader-scroller]')!;
    Object.defineProperty(scroller, 'scrollHeight', { value: 2000, configurable: true });
    Object.defineProperty(scroller, 'clientHeight', { value: 800, configurable: true });
    await waitFor(() => expect(scroller.scrollTop).toBe(600));
    await waitFor(() => expect(root.querySelector('[data-testid=reader-status]')?.textContent).toBe('Continued where you left off'));
    scroller.scrollTop = 300;
    scroller.dispatchEvent(new Event('scroll'));
    handle!.close();
    handle = null;
    await settle();
    expect((await store.get(key))?.fraction).toBe(0.25);
  });
});

describe('printing', () => {
  it('hides the page and unpins the reader for the time of printing, then restores exactly', () => {
    document.body.setAttribute('style', 'color: red');
    const { host } = open();
    const before = host.getAttribute('style');
    window.dispatchEvent(new Event('beforeprint'));
    expect(document.body.style.getPropertyValue('display')).toBe('none');
    expect(document.head.style.getPropertyValue('display')).toBe('');
    expect(host.style.getPropertyValue('position')).toBe('static');
    expect(host.style.getPropertyValue('height')).toBe('auto');
    expect(document.documentElement.style.getPropertyValue('overflow')).toBe('visible');
    window.dispatchEvent(new Event('afterprint'));
    expect(document.body.getAttribute('style')).toBe('color: red');
    expect(host.getAttribute('style')).toBe(before);
    expect(document.documentElement.style.getPropertyValue('overflow')).toBe('hidden');
    handle!.close();
    handle = null;
    // Closed: printing leaves the page alone.
    window.dispatchEvent(new Event('beforeprint'));
    expect(document.body.getAttribute('style')).toBe('color: red');
    document.body.removeAttribute('style');
  });

  it('has a Print button that asks the browser to print', () => {
    const print = vi.fn();
    const { root } = open({ env: { print } });
    click(root.querySelector('[data-action=print]'));
    expect(print).toHaveBeenCalledTimes(1);
  });
});

describe('accessibility', () => {
  it('gives undescribed article images an empty alt (not their proxy file name), keeping given ones', () => {
    const { root } = open({}, article({ html: '<p><img src="http://a.test/1.jpg"><img src="http://a.test/2.jpg" alt="图二"></p>' }));
    const imgs = Array.from(root.querySelectorAll('[data-testid=reader-body] img'));
    expect(imgs.map((i) => i.getAttribute('alt'))).toEqual(['', '图二']);
  });

  it('names every control, and every panel toggle says what it controls', async () => {
    const { root } = open({ env: { importConverter: async () => fakeOpenCC } });
    for (const panel of ['appearance', 'convert', 'save']) {
      click(root.querySelector(`[data-action=${panel}]`));
      await settle();
      const toggle = root.querySelector(`[data-action=${panel}]`)!;
      expect(root.getElementById(toggle.getAttribute('aria-controls')!)).not.toBeNull();
      for (const button of Array.from(root.querySelectorAll('button'))) {
        expect((button.getAttribute('aria-label') ?? button.textContent ?? '').trim(), button.outerHTML).not.toBe('');
      }
      for (const input of Array.from(root.querySelectorAll('input'))) expect(input.closest('label'), input.outerHTML).not.toBeNull();
    }
  });
});

describe('a long article, a group at a time', () => {
  // The extraction's groups (htmlBreaks): whole elements each. The reader shows the first at once.
  const groups = ['<p>第一组说这个。</p><p>一</p>', '<p>第二组说这个。</p>', '这个<b>文字</b>', '<p>第四组说这个。</p>'];
  const long = () => {
    const html = groups.join('');
    let at = 0;
    const htmlBreaks = groups.slice(0, -1).map((g) => (at += g.length));
    return article({ html, htmlBreaks, text: '第一组说这个。 一 第二组说这个。 这个文字 第四组说这个。' });
  };

  it('shows the first group at once, the others after, and ends with the whole article as one parse has it', async () => {
    const { root } = open({}, long());
    const body = root.querySelector<HTMLElement>('[data-testid=reader-body]')!;
    expect(body.innerHTML).toBe(groups[0]);
    await waitFor(() => expect(body.querySelectorAll('p')).toHaveLength(4));
    const whole = new DOMParser().parseFromString(`<body>${groups.join('')}`, 'text/html').body;
    expect(body.innerHTML).toBe(whole.innerHTML);
    expect(body.childNodes.length).toBe(whole.childNodes.length);
  });

  it('a body that is one wrapper: the later groups go into it, the tail after it, as one parse has the whole', async () => {
    // What the extraction makes of `<div>…</div><p>尾</p>` divided inside the div (src/core/markup-groups.ts).
    const parts = ['<div><p>第一组说这个。</p>', '<p>第二组说这个。</p><p>第三组。</p>', '</div><p>尾巴说这个。</p>'];
    let at = 0;
    const htmlBreaks = parts.slice(0, -1).map((g) => (at += g.length));
    const wrapped = article({
      html: parts.join(''),
      htmlBreaks,
      htmlDepths: [1, 0],
      text: '第一组说这个。 第二组说这个。 第三组。 尾巴说这个。',
    });
    const { root } = open({}, wrapped);
    const body = root.querySelector<HTMLElement>('[data-testid=reader-body]')!;
    expect(body.innerHTML).toBe('<div><p>第一组说这个。</p></div>');
    await waitFor(() => expect(body.querySelectorAll('p')).toHaveLength(4));
    expect(body.innerHTML).toBe('<div><p>第一组说这个。</p><p>第二组说这个。</p><p>第三组。</p></div><p>尾巴说这个。</p>');
  });

  it('converted script and the reading position apply to the whole article, once it is all there', async () => {
    const store = new PositionStore(storage().local);
    const key = 'https://news.zfe.space/p/long.html';
    await store.save(key, { fraction: 0.5, paragraph: 0 });
    const { root } = open({ env: { importConverter: async () => fakeOpenCC, positions: { store, key } } }, long());
    const body = root.querySelector<HTMLElement>('[data-testid=reader-body]')!;
    const scroller = root.querySelector<HTMLElement>('[data-testid=reader-scroller]')!;
    // The height of the whole article, known only once its last group is in.
    Object.defineProperty(scroller, 'scrollHeight', {
      configurable: true,
      get: () => (body.querySelectorAll('p').length === 4 ? 2000 : 900),
    });
    Object.defineProperty(scroller, 'clientHeight', { value: 800, configurable: true });
    click(root.querySelector('[data-action=convert]'));
    await settle();
    click(root.querySelector('[data-testid=panel-convert] input[value=traditional]'));
    await waitFor(() =>
      expect(Array.from(body.querySelectorAll('p'), (p) => p.textContent)).toEqual([
        '第一组說這個。',
        '一',
        '第二组說這個。',
        '第四组說這個。',
      ]),
    );
    expect(body.textContent).toContain('這個文字');
    await waitFor(() => expect(scroller.scrollTop).toBe(600));
  });
});
