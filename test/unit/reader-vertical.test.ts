// @vitest-environment jsdom
// Vertical writing (竖排, issue 11 item 6): which articles, the wheel and the keys on a right-to-left scroller, the
// runs set upright (and put back exactly), and the reading position along the horizontal axis.
import { describe, expect, it } from 'vitest';
import {
  firstVisibleParagraph,
  restorePosition,
  scrollAxis,
  scrollFraction,
  scrollProgress,
  type ScrollAxis,
} from '../../src/reader/reading-position';
import { markVerticalRuns, verticalFits, verticalKeyScroll, verticalRuns, wheelToScrollLeft } from '../../src/reader/vertical';

describe('which articles are set vertically', () => {
  it.each([
    ['zh-CN', true],
    ['zh-TW', true],
    ['ja', true],
    ['en', false],
    ['ko', false],
    ['zhx', false],
  ])('%s → %s', (lang, fits) => {
    expect(verticalFits(lang)).toBe(fits);
  });
});

describe('the wheel on a vertical-rl scroller', () => {
  const wheel = (over: Partial<Parameters<typeof wheelToScrollLeft>[0]>) => ({
    deltaX: 0,
    deltaY: 0,
    deltaMode: 0,
    shiftKey: false,
    ctrlKey: false,
    ...over,
  });
  it.each([
    ['down 100 px: onwards, 100 px to the left', wheel({ deltaY: 100 }), -100],
    ['up 100 px: back to the right', wheel({ deltaY: -100 }), 100],
    ['Firefox’s 3 lines down (deltaMode 1, 30 px lines)', wheel({ deltaY: 3, deltaMode: 1 }), -90],
    ['a page down (deltaMode 2, 900 px pages)', wheel({ deltaY: 1, deltaMode: 2 }), -900],
    ['a mostly vertical touchpad gesture', wheel({ deltaY: 40, deltaX: 10 }), -40],
    ['a sideways swipe: the browser scrolls it already', wheel({ deltaY: 10, deltaX: 40 }), null],
    ['Shift: the browsers scroll sideways themselves', wheel({ deltaY: 100, shiftKey: true }), null],
    ['Ctrl: zoom', wheel({ deltaY: 100, ctrlKey: true }), null],
    ['no vertical movement', wheel({}), null],
  ] as const)('%s', (_name, e, expected) => {
    expect(wheelToScrollLeft(e, 30, 900)).toBe(expected);
  });
});

describe('keys on a vertical-rl scroller', () => {
  const key = (k: string, over: Partial<Parameters<typeof verticalKeyScroll>[0]> = {}) => ({
    key: k,
    shiftKey: false,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    ...over,
  });
  it.each([
    ['ArrowDown', key('ArrowDown'), { by: -40 }],
    ['ArrowUp', key('ArrowUp'), { by: 40 }],
    ['PageDown', key('PageDown'), { by: -800 }],
    ['PageUp', key('PageUp'), { by: 800 }],
    ['Space', key(' '), { by: -800 }],
    ['Shift+Space', key(' ', { shiftKey: true }), { by: 800 }],
    ['Home: the start, at the right', key('Home'), { to: 0 }],
    ['End: the end, at the left', key('End'), { to: -5000 }],
    ['ArrowLeft: the browser’s own (already sideways)', key('ArrowLeft'), null],
    ['Ctrl+Home: someone else’s', key('Home', { ctrlKey: true }), null],
    ['Alt+ArrowDown: someone else’s', key('ArrowDown', { altKey: true }), null],
    ['j: not ours', key('j'), null],
  ] as const)('%s', (_name, e, expected) => {
    expect(verticalKeyScroll(e, 800, 40, 5000)).toEqual(expected);
  });
});

describe('runs set upright in vertical text', () => {
  const runs = (text: string) => verticalRuns(text).map((r) => `${r.kind}:${text.slice(r.start, r.end)}`);
  it.each([
    ['截至今年8月底', ['tcy:8']],
    ['12月3日', ['tcy:12', 'tcy:3']],
    ['2013年以来', []],
    ['资达8.6万亿元', []],
    ['以下15%', []],
    ['上午10:30', []],
    ['A股定增', ['upright:A']],
    ['AI芯片与CEO', ['upright:AI', 'upright:CEO']],
    ['iPhone 15 发布', ['tcy:15']],
    ['iPhone15', []],
    ['NASA宣布', []],
    ['OpenAI', []],
    ['第 5 届', ['tcy:5']],
  ])('%s → %j', (text, expected) => {
    expect(runs(text)).toEqual(expected);
  });

  it('wraps them in spans (not in code or tables) and puts the text back exactly, node for node', () => {
    const root = document.createElement('div');
    root.innerHTML =
      '<p>截至8月底，AI芯片<b>增长12倍</b>，2013年以来</p><pre>x = 12</pre><table><tr><td>5</td></tr></table><p><code>A</code> 与 3 月</p>';
    const before = root.innerHTML;
    const first = root.querySelector('p')!.firstChild!;
    const undo = markVerticalRuns(root);
    expect(Array.from(root.querySelectorAll('.pnr-tcy'), (s) => s.textContent)).toEqual(['8', '12', '3']);
    expect(Array.from(root.querySelectorAll('.pnr-upright'), (s) => s.textContent)).toEqual(['AI']);
    expect(root.textContent).toBe(new DOMParser().parseFromString(`<div>${before}</div>`, 'text/html').body.textContent);
    undo();
    expect(root.innerHTML).toBe(before);
    // The first text node is the same node, whole again: other display changes holding it still find their text.
    expect(root.querySelector('p')!.firstChild).toBe(first);
    expect(first.textContent).toBe('截至8月底，AI芯片');
  });
});

/** A scroller of `count` paragraphs 100 px apart along `axis` (vertical-rl: the first at the right), viewport 300 px. */
function fakeLayout(count: number, axis: ScrollAxis) {
  const scroller = document.createElement('div');
  const paras = Array.from({ length: count }, () => document.createElement('p'));
  scroller.append(...paras);
  const size = count * 100;
  Object.defineProperty(scroller, axis === 'y' ? 'scrollHeight' : 'scrollWidth', { value: size });
  Object.defineProperty(scroller, axis === 'y' ? 'clientHeight' : 'clientWidth', { value: 300 });
  scroller.getBoundingClientRect = () =>
    (axis === 'y' ? { top: 0, bottom: 300, left: 0, right: 800 } : { top: 0, bottom: 800, left: 0, right: 300 }) as DOMRect;
  paras.forEach((p, i) => {
    p.getBoundingClientRect = () =>
      (axis === 'y'
        ? { top: i * 100 - scroller.scrollTop, bottom: (i + 1) * 100 - scroller.scrollTop, left: 0, right: 800 }
        : // Right to left: paragraph i spans [300 - (i+1)·100, 300 - i·100], moved right as scrollLeft goes negative.
          { top: 0, bottom: 800, left: 300 - (i + 1) * 100 - scroller.scrollLeft, right: 300 - i * 100 - scroller.scrollLeft }) as DOMRect;
  });
  // jsdom clamps nothing: scrollLeft below 0 is kept, as in a vertical-rl box.
  return { scroller, paras };
}

describe('reading position along either axis', () => {
  it('knows the axis from the writing mode', () => {
    const el = document.createElement('div');
    document.body.append(el);
    expect(scrollAxis(el)).toBe('y');
    el.style.writingMode = 'vertical-rl';
    expect(scrollAxis(el)).toBe('x-rtl');
    el.remove();
  });

  it('measures progress from the right edge: fraction and first paragraph in view', () => {
    const { scroller, paras } = fakeLayout(10, 'x-rtl');
    scroller.scrollLeft = -350;
    expect(scrollProgress(scroller, 'x-rtl')).toEqual({ at: 350, range: 700 });
    expect(scrollFraction(scroller, 'x-rtl')).toBeCloseTo(0.5);
    expect(firstVisibleParagraph(scroller, paras, 'x-rtl')).toBe(3);
    // The same numbers as the vertical axis gives for the same place.
    const y = fakeLayout(10, 'y');
    y.scroller.scrollTop = 350;
    expect([scrollFraction(y.scroller, 'y'), firstVisibleParagraph(y.scroller, y.paras, 'y')]).toEqual([
      scrollFraction(scroller, 'x-rtl'),
      firstVisibleParagraph(scroller, paras, 'x-rtl'),
    ]);
  });

  it('restores to the saved paragraph (its right edge at the start), else to the fraction, leftwards', () => {
    const { scroller, paras } = fakeLayout(10, 'x-rtl');
    restorePosition(scroller, paras, { fraction: 0.1, paragraph: 6 }, 'x-rtl');
    expect(scroller.scrollLeft).toBe(-(600 - 16));
    expect(firstVisibleParagraph(scroller, paras, 'x-rtl')).toBe(5);
    restorePosition(scroller, paras, { fraction: 0.5, paragraph: 0 }, 'x-rtl');
    expect(scroller.scrollLeft).toBe(-350);
    restorePosition(scroller, paras, { fraction: 0.25, paragraph: 99 }, 'x-rtl');
    expect(scroller.scrollLeft).toBe(-175);
    // Never scrolled vertically on the way.
    expect(scroller.scrollTop).toBe(0);
  });
});
