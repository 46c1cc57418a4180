// @vitest-environment jsdom
// Read aloud's smaller parts: where reading stopped (storage.local, bounded), offsets mapped onto text nodes, the
// view following the sentence, and the sentence tint's contrast in every theme.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LISTEN_POSITIONS_KEY, ListenPositionStore, MAX_LISTEN_ENTRIES } from '../../src/reader/listen-position';
import { textRange } from '../../src/reader/sentence-mark';
import { followTarget } from '../../src/reader/speaking-marks';
import { fakeStorageArea } from '../helpers/ui-browser-stub';

describe('ListenPositionStore', () => {
  it('saves, reads back and forgets the place per article', async () => {
    const area = fakeStorageArea('local', () => undefined);
    const store = new ListenPositionStore(area, () => 1000);
    await store.save('https://a.test/1', { paragraph: 4, sentence: 2 });
    expect(await store.get('https://a.test/1')).toEqual({ paragraph: 4, sentence: 2, at: 1000 });
    expect(await store.get('https://a.test/2')).toBeNull();
    await store.save('https://a.test/1', null);
    expect(await store.get('https://a.test/1')).toBeNull();
    // Forgetting what is not there writes nothing.
    const writes = area.writes.length;
    await store.save('https://a.test/9', null);
    expect(area.writes.length).toBe(writes);
  });

  it(`keeps the newest ${MAX_LISTEN_ENTRIES}, drops invalid entries and over-long keys`, async () => {
    const area = fakeStorageArea('local', () => undefined);
    let now = 0;
    const store = new ListenPositionStore(area, () => ++now);
    area.data[LISTEN_POSITIONS_KEY] = { bad: { paragraph: -1, sentence: 0, at: 1 }, worse: 'x' };
    for (let i = 0; i < MAX_LISTEN_ENTRIES + 5; i++) await store.save(`https://a.test/${i}`, { paragraph: i, sentence: 0 });
    const kept = Object.keys(area.data[LISTEN_POSITIONS_KEY] as object);
    expect(kept).toHaveLength(MAX_LISTEN_ENTRIES);
    expect(kept).not.toContain('https://a.test/0');
    expect(kept).not.toContain('bad');
    await store.save(`https://a.test/${'x'.repeat(3000)}`, { paragraph: 1, sentence: 0 });
    expect(Object.keys(area.data[LISTEN_POSITIONS_KEY] as object)).toHaveLength(MAX_LISTEN_ENTRIES);
  });

  it('reads a broken item as nothing', async () => {
    const area = fakeStorageArea('local', () => undefined);
    area.data[LISTEN_POSITIONS_KEY] = [1, 2];
    expect(await new ListenPositionStore(area).get('k')).toBeNull();
  });
});

describe('textRange', () => {
  it('maps offsets of the text onto the text nodes, across elements', () => {
    const p = document.createElement('p');
    p.innerHTML = 'One. <b>Two</b> three. <a href="#">Four</a>.'; // test fixture markup
    const text = p.textContent;
    const at = (s: string) => [text.indexOf(s), text.indexOf(s) + s.length] as const;
    expect(textRange(p, ...at('One.'))!.toString()).toBe('One.');
    expect(textRange(p, ...at('Two three.'))!.toString()).toBe('Two three.');
    expect(textRange(p, ...at('Four.'))!.toString()).toBe('Four.');
    // Text that is no longer there (the paragraph changed under the reading): no range.
    expect(textRange(p, 10, text.length + 5)).toBeNull();
  });
});

describe('followTarget', () => {
  const view = { top: 100, bottom: 900, left: 0, right: 800, width: 800, height: 800 };
  const line = (top: number, left = 100) => ({ top, bottom: top + 30, left, right: left + 300, width: 300, height: 30 });
  const scroll = { top: 5000, left: 0, canScrollX: false };

  it('leaves a sentence in the middle band where it is', () => {
    expect(followTarget(view, line(400), scroll)).toBeNull();
  });

  it('brings a sentence below or above the band to a third of the height', () => {
    expect(followTarget(view, line(850), scroll)).toEqual({ top: 5000 + 750 - 240, left: 0 });
    expect(followTarget(view, line(80), scroll)).toEqual({ top: 5000 - 20 - 240, left: 0 });
    expect(followTarget(view, line(-3000), { ...scroll, top: 1000 })).toEqual({ top: 0, left: 0 });
  });

  it('scrolls sideways where the text runs sideways (vertical writing)', () => {
    expect(followTarget(view, line(400, -500), { ...scroll, left: 2000, canScrollX: true })).toEqual({
      top: 5000,
      left: 2000 - 500 + 150 - 400,
    });
    expect(followTarget(view, line(400, -500), scroll)).toBeNull();
    // vertical-rl counts scrollLeft from the right, negative towards the end (the left).
    expect(followTarget(view, line(400, -500), { ...scroll, left: -1200, canScrollX: true })).toEqual({
      top: 5000,
      left: -1200 - 500 + 150 - 400,
    });
  });
});

describe('the sentence tint', () => {
  function luminance(hex: string): number {
    const n = parseInt(hex.slice(1), 16);
    const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255].map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  }
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };
  /** The value of `--pnr-<name>` in the rule for `selector` in `css`. */
  const value = (css: string, selector: string, name: string): string => {
    const block = css.slice(css.indexOf(`${selector} {`));
    return /#[0-9a-f]{6}/i.exec(block.slice(block.indexOf(`--pnr-${name}:`)))![0];
  };

  it('keeps the text at 4.5:1 or more in the light, sepia and dark themes', () => {
    const theme = readFileSync('src/ui/theme.css', 'utf8');
    const reader = readFileSync('src/reader/reader.css', 'utf8');
    const tail = reader.slice(reader.indexOf('---- Read aloud'));
    const pairs = [
      [value(theme, '.pnr-theme', 'fg'), value(tail, '.pnr-theme', 'sentence')],
      [value(theme, '.pnr-theme[data-pnr-theme="sepia"]', 'fg'), value(tail, '.pnr-theme[data-pnr-theme="sepia"]', 'sentence')],
      [value(theme, '.pnr-theme[data-pnr-theme="dark"]', 'fg'), value(tail, '.pnr-theme[data-pnr-theme="dark"]', 'sentence')],
    ];
    for (const [fg, bg] of pairs) expect(contrast(fg!, bg!), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    expect(new Set(pairs.map((p) => p[1])).size).toBe(3);
  });
});
