// @vitest-environment jsdom
// The reader's key map (src/reader/keymap.ts): which key does what, and which keys are left alone (modified keys
// belong to the browser and the system, composing keys to the input method, typing to the field).
import { describe, expect, it } from 'vitest';
import { actionFor, HELP_ROWS, isTypingTarget, keyLabel, READER_KEYS, type KeyLike } from '../../src/reader/keymap';

const press = (key: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key, ctrlKey: false, altKey: false, metaKey: false, ...mods });

describe('key → action', () => {
  it.each([
    ['j', {}, 'next'],
    ['k', {}, 'previous'],
    ['ArrowDown', { altKey: true }, 'next'],
    ['ArrowUp', { altKey: true }, 'previous'],
    ['o', {}, 'outline'],
    ['a', {}, 'appearance'],
    ['l', {}, 'listen'],
    // Shift+/ types `?`: Shift is not a modifier of it.
    ['?', { shiftKey: true }, 'help'],
    // A Russian layout types "о" on the J key, "л" on K: the physical key counts.
    ['о', { code: 'KeyJ' }, 'next'],
    ['л', { code: 'KeyK' }, 'previous'],
  ] as const)('%s %o → %s', (key, mods, action) => {
    expect(actionFor(press(key, mods))).toBe(action);
  });

  it.each([
    ['j', { ctrlKey: true }, 'Ctrl+J'],
    ['j', { metaKey: true }, 'Cmd+J'],
    ['j', { altKey: true }, 'Alt+J'],
    ['o', { ctrlKey: true }, 'Ctrl+O (open file)'],
    ['l', { ctrlKey: true }, 'Ctrl+L (address bar)'],
    ['a', { metaKey: true }, 'Cmd+A (select all)'],
    ['?', { ctrlKey: true, shiftKey: true }, 'Ctrl+?'],
    ['J', { shiftKey: true }, 'Shift+J'],
    ['ArrowDown', {}, '↓ alone (scrolls)'],
    ['ArrowDown', { ctrlKey: true, altKey: true }, 'Ctrl+Alt+↓ (switch workspace)'],
    ['ArrowUp', { metaKey: true }, 'Cmd+↑'],
    ['j', { isComposing: true }, 'j while an input method composes'],
    ['Process', {}, "an input method's key"],
    ['x', {}, 'a key not in the map'],
    ['/', {}, "Firefox's quick find"],
    [' ', {}, 'Space (scrolls)'],
  ] as const)('%s %o: left alone (%s)', (key, mods, _why) => {
    expect(actionFor(press(key, mods))).toBeNull();
  });

  it('every action has a key, and every bound action a row in the ? list', () => {
    const actions = new Set(READER_KEYS.map((b) => b.action));
    expect([...actions].sort()).toEqual(['appearance', 'help', 'listen', 'next', 'outline', 'previous']);
    for (const action of actions) expect(HELP_ROWS.some((r) => r.action === action)).toBe(true);
    // No key is bound twice.
    const combos = READER_KEYS.map((b) => `${b.alt ? 'Alt+' : ''}${b.key}`);
    expect(new Set(combos).size).toBe(combos.length);
  });

  it('writes the keys as the ? list shows them', () => {
    expect(READER_KEYS.filter((b) => b.action === 'next').map(keyLabel)).toEqual([['j'], ['Alt', '↓']]);
  });
});

describe('typing targets', () => {
  it.each([
    ['<input type="text">', true],
    ['<input type="range">', true],
    ['<input type="search">', true],
    ['<input>', true],
    // No text goes into these: a letter pressed on them is the reader's.
    ['<input type="radio">', false],
    ['<input type="checkbox">', false],
    ['<textarea></textarea>', true],
    ['<select><option>1</option></select>', true],
    ['<div contenteditable="true"><p>x</p></div>', true],
    ['<div contenteditable="false"><p>x</p></div>', false],
    ['<button>x</button>', false],
    ['<p>x</p>', false],
  ])('%s → %s', (html, typing) => {
    const host = document.createElement('div');
    host.innerHTML = html; // test markup
    document.body.append(host);
    const deepest = host.querySelector('p') ?? host.firstElementChild!;
    expect(isTypingTarget(deepest)).toBe(typing);
    host.remove();
  });

  it('no target, or a non-element target (the window), is not typing', () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget(window)).toBe(false);
  });
});
