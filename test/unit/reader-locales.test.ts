// Every UI string key in the reader, popup, options page and shared UI exists in both languages,
// with the same placeholders, and renders without a leftover `$NAME$`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getMessageFrom, loadMessages } from '../helpers/ui-browser-stub';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const SOURCES = ['src/ui', 'src/reader', 'src/popup', 'src/options'].flatMap((d) => files(resolve(process.cwd(), d)));
// Any quoted literal shaped like one of our keys counts as used (keys also sit in lookup tables).
const KEY = /['"`]((?:reader|tts|conv|save|set|options|popup|meta)_[A-Za-z]+(?:_[a-z]+)?)['"`]/g;

const used = new Set<string>();
for (const file of SOURCES) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(KEY)) used.add(m[1]!);
  if (text.includes('popup_copied_${format}')) for (const f of ['text', 'markdown', 'html']) used.add(`popup_copied_${f}`);
}

const en = loadMessages('en');
const zh = loadMessages('zh_CN');

describe('UI strings in en and zh_CN', () => {
  it('finds the keys of every new feature', () => {
    for (const prefix of ['reader_', 'tts_', 'conv_', 'save_', 'set_', 'options_']) {
      expect([...used].filter((k) => k.startsWith(prefix)).length).toBeGreaterThan(3);
    }
  });

  it.each([
    ['en', en],
    ['zh_CN', zh],
  ] as const)('every key the UI uses exists in %s and renders completely', (_lang, messages) => {
    expect([...used].filter((k) => !messages[k])).toEqual([]);
    const get = getMessageFrom(messages);
    for (const key of used) {
      const text = get(key, ['1', '2', '3']);
      expect(text, key).not.toBe('');
      expect(text, key).not.toMatch(/\$[A-Za-z_]+\$/);
    }
  });

  it('the two languages name the same placeholders', () => {
    for (const key of used) {
      expect(Object.keys(zh[key]?.placeholders ?? {}).sort(), key).toEqual(Object.keys(en[key]?.placeholders ?? {}).sort());
    }
  });

  it('zh_CN is translated (not a copy of the English) for the feature strings', () => {
    const same = [...used].filter((k) => /^(reader|tts|conv|save|set|options)_/.test(k) && /[a-z]{4}/i.test(en[k]!.message) && zh[k]!.message === en[k]!.message);
    // The preview sample is Chinese in both; brand and format names may stay as they are.
    expect(same.filter((k) => !/^options_(preview|format)/.test(k))).toEqual([]);
  });
});
