// The reader's keyboard shortcuts, as data: which key does what, and how the `?` list shows it. Bound only while the
// reader is open (hooks/use-reader-keys.ts listens on the reader's own dialog), so the page's and the browser's keys
// are untouched the rest of the time. Single letters without modifiers, as in Gmail, GitHub and Feedly.

export type ReaderAction = 'next' | 'previous' | 'outline' | 'appearance' | 'listen' | 'help';

export interface KeyBinding {
  /** `KeyboardEvent.key`. */
  key: string;
  /** The one modifier this binding needs; none means none of Ctrl, Alt and Meta may be held. */
  alt?: boolean;
  action: ReaderAction;
}

export const READER_KEYS: readonly KeyBinding[] = [
  { key: 'j', action: 'next' },
  // Plain ↓/↑ scroll the page, as everywhere; with Alt they step by paragraph (no browser binds Alt+↓/↑).
  { key: 'ArrowDown', alt: true, action: 'next' },
  { key: 'k', action: 'previous' },
  { key: 'ArrowUp', alt: true, action: 'previous' },
  { key: 'o', action: 'outline' },
  { key: 'a', action: 'appearance' },
  { key: 'l', action: 'listen' },
  // Shift+/ on most layouts: Shift is part of typing `?`, so it is not a modifier here.
  { key: '?', action: 'help' },
];

/**
 * The `?` list, in this order: the map's actions, and keys handled elsewhere, written out here (`keys`): ←/→ are read
 * aloud's while it reads (hooks/use-listen-keys.ts), Esc the overlay's (the top-most layer or panel first, then the
 * reader).
 */
export const HELP_ROWS: ReadonlyArray<{ action: ReaderAction | 'skip' | 'close'; message: string; keys?: string[][] }> = [
  { action: 'next', message: 'keys_next' },
  { action: 'previous', message: 'keys_previous' },
  { action: 'outline', message: 'keys_outline' },
  { action: 'appearance', message: 'keys_appearance' },
  { action: 'listen', message: 'keys_listen' },
  { action: 'skip', message: 'keys_skip', keys: [['←'], ['→']] },
  { action: 'help', message: 'keys_help' },
  { action: 'close', message: 'keys_close', keys: [['Esc']] },
];

export interface KeyLike {
  key: string;
  /** `KeyboardEvent.code`: the physical key, for letters typed on a non-Latin layout. */
  code?: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** Not looked at: Shift changes `key` itself (`?`, `J`). */
  shiftKey?: boolean;
  isComposing?: boolean;
}

/**
 * The action for a key press, or null to leave it alone: modified keys (Ctrl, Alt, Meta: the browser's and the
 * system's), keys an input method is composing, and keys not in the table.
 */
export function actionFor(event: KeyLike): ReaderAction | null {
  if (event.isComposing || event.key === 'Process') return null;
  if (event.ctrlKey || event.metaKey) return null;
  const key = latinKey(event);
  return READER_KEYS.find((b) => b.key === key && !!b.alt === event.altKey)?.action ?? null;
}

/** On a Russian or Greek layout J types "о": the physical key still says KeyJ. Latin letters are taken as typed. */
function latinKey({ key, code }: KeyLike): string {
  if (key.length === 1 && /\p{L}/u.test(key) && !/[a-z]/i.test(key) && code && /^Key[A-Z]$/.test(code)) {
    return code.slice(3).toLowerCase();
  }
  return key;
}

/** Inputs that take no typed text: a letter on a focused radio button is still the reader's. */
const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file', 'image']);

/** Typing goes to the field, not to us: text inputs (and ranges: their arrows), text areas, selects (type-ahead)
 *  and editable content. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as Element | null;
  if (!el || typeof el.closest !== 'function') return false;
  const input = el.closest('input');
  if (input) return !NOT_TYPED.has(input.type);
  if (el.closest('textarea, select')) return true;
  return (el as HTMLElement).isContentEditable === true || el.closest('[contenteditable]:not([contenteditable="false"])') !== null;
}

/** How a binding is written in the `?` list. */
export function keyLabel(binding: KeyBinding): string[] {
  const name = binding.key === 'ArrowDown' ? '↓' : binding.key === 'ArrowUp' ? '↑' : binding.key;
  return binding.alt ? ['Alt', name] : [name];
}

/**
 * Sent (cancelable, not bubbling) to the reader's dialog when Esc is pressed: whatever is open on top (a panel, the
 * shortcuts list) closes and cancels it; when nothing does, the overlay closes the reader.
 */
export const ESCAPE_EVENT = 'pnr-escape';
