// @vitest-environment jsdom
// The picture lightbox (issue 11 item 2), in the real overlay in jsdom: which pictures open it, the keys (Esc before
// the reader, ←/→ wrapping and stopped there), focus in and back, the caption as text, the reader's fallback chain
// followed rather than run again, and "Show images" off opening nothing.
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
const { Layers } = await import('../../src/reader/layers');
const { imageCandidates } = await import('../../src/core/media');
const { swipeOf, SWIPE_MIN_PX, SWIPE_MAX_MS } = await import('../../src/reader/lightbox/swipe');
type ReaderHandle = import('../../src/reader/overlay').ReaderHandle;

const IMG = (n: number) => `http://img.example.com/${n}.jpg`;

/** 1 in a figure (its caption holds markup-like text), 2 plain, 3 in a link elsewhere, 4 in a link to its larger
 *  file, 5 in a link to itself. */
const BODY = [
  `<figure><img src="${IMG(1)}" alt="one"><figcaption>Cap <b>one</b> &lt;img src=x onerror=alert(1)&gt;</figcaption></figure>`,
  `<p>Text.</p><p><img src="${IMG(2)}" alt="second picture"></p>`,
  `<p><a href="https://shop.example.com/buy"><img src="${IMG(3)}" alt="advert"></a></p>`,
  `<p><a href="http://img.example.com/4-large.jpg"><img src="${IMG(4)}" alt="thumb"></a></p>`,
  `<p><a href="${IMG(5)}"><img src="${IMG(5)}" alt=""></a></p>`,
].join('');

function article(overrides: Partial<Article> = {}): Article {
  return {
    kind: 'article',
    url: 'https://news.zfe.space/p/86d3.html',
    theme: 'volantis',
    title: 'Pictures',
    categories: [],
    feed: null,
    published: null,
    cover: null,
    images: [],
    videos: [],
    topics: [],
    links: [],
    html: BODY,
    markdown: '',
    text: 'Text.',
    counts: { chars: 5, cjk: 0, words: 1, readingMinutes: 1 },
    origin: null,
    unescaped: false,
    notes: [],
    ...overrides,
  };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

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

let handle: ReaderHandle | null = null;
let root: ShadowRoot;

async function open(settings: Partial<import('../../src/settings/reader-settings').ReaderSettings> = {}, a = article()) {
  const onClose = vi.fn();
  handle = openReader(a, document, {
    settings: { ...rs.DEFAULT_READER_SETTINGS, ...settings },
    env: { speech: null, positions: null },
    onClose,
  });
  root = handle.host.shadowRoot!;
  // The pictures are made controls in an effect.
  if (settings.showImages !== false) await waitFor(() => expect(picture(1).getAttribute('role')).toBe('button'));
  return { onClose };
}

const picture = (n: number) => root.querySelector<HTMLImageElement>(`.pnr-body img[src*="/${n}.jpg"]`)!;
const lightbox = () => root.querySelector<HTMLElement>('[data-testid=lightbox]');
const shown = () => root.querySelector<HTMLImageElement>('[data-testid=lightbox-img]');
const count = () => root.querySelector('[data-testid=lightbox-count]')?.textContent;
const key = (k: string, init: KeyboardEventInit = {}) => {
  const event = new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true, ...init });
  (root.activeElement ?? document).dispatchEvent(event);
  return event;
};

/** As the browser has it once `img` has loaded `src`. */
function loaded(img: HTMLImageElement, src = img.getAttribute('src')!, [width, height] = [1600, 900]): void {
  Object.defineProperty(img, 'complete', { configurable: true, value: true });
  Object.defineProperty(img, 'naturalWidth', { configurable: true, value: width });
  Object.defineProperty(img, 'naturalHeight', { configurable: true, value: height });
  Object.defineProperty(img, 'currentSrc', { configurable: true, value: src });
  img.dispatchEvent(new Event('load'));
}

function loadAll(): void {
  for (const n of [1, 2, 3, 4, 5]) loaded(picture(n));
}

beforeEach(() => {
  document.documentElement.removeAttribute('style');
  document.body.innerHTML = '<main><p id="page">page</p></main>'; // test page setup
});

afterEach(() => {
  handle?.close();
  handle = null;
  for (const el of Array.from(document.querySelectorAll(READER_TAG))) el.remove();
});

describe('which pictures open the lightbox', () => {
  it('a picture, or one linked to a picture file, opens it; a picture linking elsewhere stays a link', async () => {
    await open();
    expect(picture(1).getAttribute('tabindex')).toBe('0');
    expect(picture(1).getAttribute('aria-label')).toBe('View at full size: Cap one <img src=x onerror=alert(1)>');
    expect(picture(2).getAttribute('aria-label')).toBe('View at full size: second picture');
    // In a link: the link stays the control (no button inside a link).
    for (const n of [4, 5]) {
      expect(picture(n).getAttribute('data-pnr-lightbox')).toBe('link');
      expect(picture(n).hasAttribute('role')).toBe(false);
    }
    expect(picture(3).hasAttribute('data-pnr-lightbox')).toBe(false);
    expect(picture(3).hasAttribute('tabindex')).toBe(false);

    const toShop = new MouseEvent('click', { bubbles: true, cancelable: true });
    picture(3).dispatchEvent(toShop);
    await tick();
    expect(lightbox()).toBeNull();
    expect(toShop.defaultPrevented).toBe(false);

    // A link to its own file: opened here instead of in a new tab.
    const ownFile = new MouseEvent('click', { bubbles: true, cancelable: true });
    picture(5).dispatchEvent(ownFile);
    await waitFor(() => expect(lightbox()).not.toBeNull());
    expect(ownFile.defaultPrevented).toBe(true);
    expect(count()).toBe('4 / 4');
    expect(root.querySelector('[data-testid=lightbox-file]')).toBeNull();
  });

  it('a tiny picture (a tracking pixel, an emoji: under 24 × 24 px) is no control once its size is known', async () => {
    await open();
    loaded(picture(2), undefined, [20, 16]);
    expect(picture(2).hasAttribute('role')).toBe(false);
    expect(picture(2).hasAttribute('tabindex')).toBe(false);
    picture(2).click();
    await tick(150);
    expect(lightbox()).toBeNull();
    loaded(picture(1), undefined, [24, 10]);
    picture(1).click();
    await waitFor(() => expect(count()).toBe('1 / 3'));
  });

  it('a linked larger file is offered from the lightbox; Ctrl-click keeps the browser’s new tab', async () => {
    await open();
    const ctrl = new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true });
    picture(4).dispatchEvent(ctrl);
    await tick();
    expect(lightbox()).toBeNull();
    expect(ctrl.defaultPrevented).toBe(false);
    picture(4).closest('a')!.click();
    await waitFor(() => expect(lightbox()).not.toBeNull());
    const file = root.querySelector<HTMLAnchorElement>('[data-testid=lightbox-file]')!;
    expect([file.getAttribute('href'), file.target, file.rel]).toEqual([
      'http://img.example.com/4-large.jpg',
      '_blank',
      'noopener noreferrer',
    ]);
  });

  it('"Show images" off: pictures are no controls and open nothing; turned off while open, the lightbox closes', async () => {
    await open({ showImages: false });
    await tick(150);
    expect(picture(2).hasAttribute('tabindex')).toBe(false);
    expect(picture(2).hasAttribute('data-pnr-lightbox')).toBe(false);
    picture(2).click();
    picture(2).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await tick(150);
    expect(lightbox()).toBeNull();
    handle!.close();

    await open();
    picture(2).click();
    await waitFor(() => expect(lightbox()).not.toBeNull());
    await rs.saveReaderSettings({ showImages: false });
    await waitFor(() => expect(lightbox()).toBeNull());
    expect(picture(2).hasAttribute('tabindex')).toBe(false);
  });
});

describe('the lightbox', () => {
  it('is a labelled modal dialog showing the address the reader loaded, with its caption as text and the focus inside', async () => {
    await open();
    // The reader's picture got there through its fallback: the proxy.
    const proxied = imageCandidates(IMG(1)).at(-1)!;
    expect(proxied).toContain('cors.zfour.workers.dev');
    loaded(picture(1), proxied);
    picture(1).click();
    await waitFor(() => expect(shown()).not.toBeNull());
    const dialog = lightbox()!;
    expect([dialog.getAttribute('role'), dialog.getAttribute('aria-modal'), dialog.getAttribute('aria-label')]).toEqual([
      'dialog',
      'true',
      'Picture at full size',
    ]);
    expect(shown()!.getAttribute('src')).toBe(proxied);
    expect(shown()!.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(count()).toBe('1 / 4');
    const caption = root.querySelector('[data-testid=lightbox-caption]')!;
    expect(caption.textContent).toBe('Cap one <img src=x onerror=alert(1)>');
    expect(caption.children).toHaveLength(0);
    expect(dialog.getAttribute('aria-describedby')).toBe(caption.id);
    expect(root.activeElement?.getAttribute('data-action')).toBe('lightbox-close');
  });

  it('←/→ step through the article’s pictures and wrap round at the ends; the keys go no further', async () => {
    await open();
    loadAll();
    const seen = vi.fn();
    document.addEventListener('keydown', seen);
    root.querySelector('.pnr-scroller')!.addEventListener('keydown', seen);
    picture(1).click();
    await waitFor(() => expect(count()).toBe('1 / 4'));
    expect(key('ArrowLeft').defaultPrevented).toBe(true);
    await waitFor(() => expect(count()).toBe('4 / 4'));
    expect(shown()!.getAttribute('src')).toBe(IMG(5));
    key('ArrowRight');
    await waitFor(() => expect(count()).toBe('1 / 4'));
    key('ArrowRight');
    await waitFor(() => expect(count()).toBe('2 / 4'));
    expect(shown()!.getAttribute('alt')).toBe('second picture');
    root.querySelector<HTMLElement>('[data-action=lightbox-next]')!.click();
    await waitFor(() => expect(count()).toBe('3 / 4'));
    root.querySelector<HTMLElement>('[data-action=lightbox-previous]')!.click();
    await waitFor(() => expect(count()).toBe('2 / 4'));
    // Alt+← is the browser's Back: left alone.
    expect(key('ArrowLeft', { altKey: true }).defaultPrevented).toBe(false);
    expect(count()).toBe('2 / 4');
    expect(seen).not.toHaveBeenCalled();
    document.removeEventListener('keydown', seen);
  });

  it('Esc closes the lightbox, focus back on the picture shown last; the next Esc closes the reader', async () => {
    const { onClose } = await open();
    loadAll();
    picture(1).click();
    await waitFor(() => expect(lightbox()).not.toBeNull());
    key('ArrowRight');
    await waitFor(() => expect(count()).toBe('2 / 4'));
    key('Escape');
    await waitFor(() => expect(lightbox()).toBeNull());
    expect(root.activeElement).toBe(picture(2));
    expect(handle!.host.isConnected).toBe(true);
    key('Escape');
    expect(handle!.host.isConnected).toBe(false);
    expect(onClose).toHaveBeenCalledTimes(1);
    handle = null;
  });

  it('a click on the backdrop or Close closes it; a click on the picture or "100 %" toggles fit and full size', async () => {
    await open();
    loadAll();
    picture(2).focus();
    key('Enter');
    await waitFor(() => expect(shown()).not.toBeNull());
    const stage = root.querySelector<HTMLElement>('[data-testid=lightbox-stage]')!;
    const zoom = root.querySelector<HTMLElement>('[data-action=lightbox-zoom]')!;
    expect([stage.dataset.zoom, zoom.getAttribute('aria-pressed')]).toEqual(['fit', 'false']);
    shown()!.click();
    await waitFor(() => expect([stage.dataset.zoom, zoom.getAttribute('aria-pressed')]).toEqual(['full', 'true']));
    zoom.click();
    await waitFor(() => expect(stage.dataset.zoom).toBe('fit'));
    // A click on the picture is not one on the backdrop.
    expect(lightbox()).not.toBeNull();
    stage.click();
    await waitFor(() => expect(lightbox()).toBeNull());
    expect(root.activeElement).toBe(picture(2));

    const space = new KeyboardEvent('keydown', { key: ' ', bubbles: true, composed: true, cancelable: true });
    picture(1).focus();
    picture(1).dispatchEvent(space);
    expect(space.defaultPrevented).toBe(true);
    await waitFor(() => expect(lightbox()).not.toBeNull());
    root.querySelector<HTMLElement>('[data-action=lightbox-close]')!.click();
    await waitFor(() => expect(lightbox()).toBeNull());
    expect(root.activeElement).toBe(picture(1));
  });

  it('Tab and Shift+Tab go round its own controls', async () => {
    await open();
    loadAll();
    picture(1).click();
    await waitFor(() => expect(lightbox()).not.toBeNull());
    const at = () => root.activeElement?.getAttribute('data-action');
    expect(at()).toBe('lightbox-close');
    const walk: Array<string | null | undefined> = [];
    for (let i = 0; i < 4; i++) {
      expect(key('Tab').defaultPrevented).toBe(true);
      walk.push(at());
    }
    expect(walk).toEqual(['lightbox-previous', 'lightbox-next', 'lightbox-zoom', 'lightbox-close']);
    key('Tab', { shiftKey: true });
    expect(at()).toBe('lightbox-zoom');
    key('Tab', { shiftKey: true });
    expect(at()).toBe('lightbox-next');
  });

  it('follows the reader’s picture while its fallback runs, and says so when every address failed', async () => {
    await open();
    const img = picture(2);
    img.setAttribute('loading', 'lazy');
    img.click();
    await waitFor(() => expect(root.querySelector('[data-testid=lightbox-note]')?.textContent).toBe('Loading the picture…'));
    // Asked to load now, not when scrolled to.
    await waitFor(() => expect(img.getAttribute('loading')).toBe('eager'));
    const tried = [img.getAttribute('src')];
    // Each error moves the reader's picture on (the overlay's installImageFallback); the lightbox asks for nothing.
    img.dispatchEvent(new Event('error'));
    tried.push(img.getAttribute('src'));
    await tick(20);
    expect(shown()).toBeNull();
    img.dispatchEvent(new Event('error'));
    tried.push(img.getAttribute('src'));
    expect(tried).toEqual([IMG(2), 'https://img.example.com/2.jpg', imageCandidates(IMG(2)).at(-1)]);
    loaded(img);
    await waitFor(() => expect(shown()?.getAttribute('src')).toBe(tried[2]));

    key('ArrowRight');
    await waitFor(() => expect(count()).toBe('3 / 4'));
    const four = picture(4);
    for (let i = 0; i < 4; i++) four.dispatchEvent(new Event('error'));
    expect(four.hasAttribute('data-pnr-failed')).toBe(true);
    await waitFor(() =>
      expect(root.querySelector('[data-testid=lightbox-note]')?.textContent).toBe(
        'This picture could not be loaded: neither its own site nor the proxy answered.',
      ),
    );
    expect(shown()).toBeNull();
    // A picture that failed for good is no longer one to open.
    key('Escape');
    await waitFor(() => expect(four.hasAttribute('data-pnr-lightbox')).toBe(false));
  });

  it('includes the cover, first', async () => {
    await open({}, article({ cover: { url: 'http://img.example.com/cover.jpg', placeholder: false, proxied: false, original: null } }));
    const cover = root.querySelector<HTMLImageElement>('[data-testid=reader-cover] img')!;
    await waitFor(() => expect(cover.getAttribute('role')).toBe('button'));
    loaded(cover);
    cover.click();
    await waitFor(() => expect(count()).toBe('1 / 5'));
    expect(shown()!.getAttribute('src')).toBe('http://img.example.com/cover.jpg');
  });
});

describe('touch', () => {
  it.each([
    ['a quick swipe left: the next picture', { x: -120, y: 10, t: 150 }, 'next'],
    ['a quick swipe right: the previous one', { x: 120, y: -10, t: 150 }, 'previous'],
    ['just long enough', { x: -SWIPE_MIN_PX, y: 0, t: 100 }, 'next'],
    ['too short', { x: -(SWIPE_MIN_PX - 1), y: 0, t: 100 }, null],
    ['too slow: someone looking, not swiping', { x: -200, y: 0, t: SWIPE_MAX_MS + 1 }, null],
    ['diagonal', { x: -100, y: 60, t: 150 }, null],
    ['a long swipe down: close', { x: 10, y: 2 * SWIPE_MIN_PX, t: 200 }, 'close'],
    ['a short swipe down: nothing', { x: 0, y: 2 * SWIPE_MIN_PX - 1, t: 200 }, null],
    ['a swipe up: nothing', { x: 0, y: -200, t: 200 }, null],
  ] as const)('%s', (_, to, expected) => {
    expect(swipeOf({ x: 200, y: 300, t: 1000 }, { x: 200 + to.x, y: 300 + to.y, t: 1000 + to.t })).toBe(expected);
  });

  /** A pointer of `type` going down and up `dx`, `dy` further on the lightbox's stage, at once. */
  function drag(dx: number, dy: number, type = 'touch'): void {
    const stage = root.querySelector<HTMLElement>('[data-testid=lightbox-stage]')!;
    const init = { bubbles: true, composed: true, pointerId: 7, pointerType: type, isPrimary: true };
    stage.dispatchEvent(new PointerEvent('pointerdown', { ...init, clientX: 300, clientY: 300 }));
    stage.dispatchEvent(new PointerEvent('pointerup', { ...init, clientX: 300 + dx, clientY: 300 + dy }));
  }

  it('swipes step through the pictures (wrapping), a mouse drag does not, a swipe down closes with the focus back', async () => {
    await open();
    loadAll();
    picture(2).click();
    await waitFor(() => expect(count()).toBe('2 / 4'));
    drag(-150, 5);
    await waitFor(() => expect(count()).toBe('3 / 4'));
    drag(150, 0, 'pen');
    await waitFor(() => expect(count()).toBe('2 / 4'));
    drag(150, 0);
    await waitFor(() => expect(count()).toBe('1 / 4'));
    drag(150, 0);
    await waitFor(() => expect(count()).toBe('4 / 4'));
    drag(-150, 0, 'mouse');
    await tick(20);
    expect(count()).toBe('4 / 4');
    drag(0, 200);
    await waitFor(() => expect(lightbox()).toBeNull());
    // The fourth is picture 5, the control its link to itself.
    expect(root.activeElement).toBe(picture(5).closest('a'));
  });

  it('the click a swipe ends with is not a tap; at 100 % a drag pans and does not step', async () => {
    await open();
    loadAll();
    picture(1).click();
    await waitFor(() => expect(shown()).not.toBeNull());
    const stage = root.querySelector<HTMLElement>('[data-testid=lightbox-stage]')!;
    drag(-150, 0);
    await waitFor(() => expect(count()).toBe('2 / 4'));
    await waitFor(() => expect(shown()).not.toBeNull());
    // The browser's click after that swipe, on the new picture: no zoom.
    shown()!.click();
    await tick(20);
    expect(stage.dataset.zoom).toBe('fit');
    // A tap later is one.
    shown()!.click();
    await waitFor(() => expect(stage.dataset.zoom).toBe('full'));
    drag(-150, 0);
    await tick(20);
    expect(count()).toBe('2 / 4');
    expect(lightbox()).not.toBeNull();
  });
});

describe('Layers', () => {
  it('hands a key to the top-most layer only, and stops it there', () => {
    const layers = new Layers();
    const below = vi.fn();
    const above = vi.fn();
    const target = document.createElement('div');
    document.body.append(target);
    const after = vi.fn();
    target.addEventListener('keydown', after);
    const removeBelow = layers.push({ onKeyDown: below });
    const removeAbove = layers.push({ onKeyDown: above });
    const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true });
    document.body.addEventListener('keydown', (e) => layers.routeKey(e), { capture: true, once: true });
    target.dispatchEvent(event);
    expect(above).toHaveBeenCalledWith(event);
    expect(below).not.toHaveBeenCalled();
    expect(after).not.toHaveBeenCalled();
    removeAbove();
    removeBelow();
    expect(layers.routeKey(new KeyboardEvent('keydown', { key: 'Escape' }))).toBe(false);
  });
});
