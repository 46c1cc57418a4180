// Every UI string key in the reader, popup, options page and shared UI exists in every locale (en, zh_CN,
// zh_TW), with the same placeholders, and renders without a leftover `$NAME$`; zh_TW is Traditional throughout.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTraditional } from '../../src/ui/text-lang';
import { getMessageFrom, loadMessages, LOCALES } from '../helpers/ui-browser-stub';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const SOURCES = ['src/ui', 'src/reader', 'src/popup', 'src/options'].flatMap((d) => files(resolve(process.cwd(), d)));
// Any quoted literal shaped like one of our keys counts as used (keys also sit in lookup tables).
const KEY = /['"`]((?:reader|tts|conv|save|set|options|popup|meta|outline|keys)_[A-Za-z]+(?:_[a-z]+)?)['"`]/g;

const used = new Set<string>();
for (const file of SOURCES) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(KEY)) used.add(m[1]!);
  if (text.includes('popup_copied_${format}')) for (const f of ['text', 'markdown', 'html']) used.add(`popup_copied_${f}`);
}

const en = loadMessages('en');
const zh = loadMessages('zh_CN');
const tw = loadMessages('zh_TW');

describe('UI strings in en, zh_CN and zh_TW', () => {
  it('finds the keys of every new feature', () => {
    for (const prefix of ['reader_', 'tts_', 'conv_', 'save_', 'set_', 'options_']) {
      expect([...used].filter((k) => k.startsWith(prefix)).length).toBeGreaterThan(3);
    }
  });

  it.each([
    ['en', en],
    ['zh_CN', zh],
    ['zh_TW', tw],
  ] as const)('every key the UI uses exists in %s and renders completely', (_lang, messages) => {
    expect([...used].filter((k) => !messages[k])).toEqual([]);
    const get = getMessageFrom(messages);
    for (const key of used) {
      const text = get(key, ['1', '2', '3']);
      expect(text, key).not.toBe('');
      expect(text, key).not.toMatch(/\$[A-Za-z_]+\$/);
    }
  });

  it('the languages name the same placeholders', () => {
    for (const key of used) {
      expect(Object.keys(zh[key]?.placeholders ?? {}).sort(), key).toEqual(Object.keys(en[key]?.placeholders ?? {}).sort());
      expect(Object.keys(tw[key]?.placeholders ?? {}).sort(), key).toEqual(Object.keys(en[key]?.placeholders ?? {}).sort());
    }
  });

  // The manifest's and the background's strings (ext_*, command_*, menu_*) too: every file has exactly en's keys.
  it.each(LOCALES.filter((l) => l !== 'en'))('%s has exactly the keys of en, with the same placeholders', (lang) => {
    const messages = loadMessages(lang);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries(en)) {
      // Same names and the same $1/$2 each stands for: only the text around them is translated.
      const contents = (e: typeof entry | undefined) =>
        Object.entries(e?.placeholders ?? {})
          .map(([name, p]) => `${name}=${p.content}`)
          .sort();
      expect(contents(messages[key]), key).toEqual(contents(entry));
      const named = (m: string) => [...m.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((x) => x[1]!.toLowerCase()).sort();
      expect(named(messages[key]!.message), key).toEqual(named(entry.message));
    }
  });

  it('zh_CN is translated (not a copy of the English) for the feature strings', () => {
    const same = [...used].filter(
      (k) => /^(reader|tts|conv|save|set|options)_/.test(k) && /[a-z]{4}/i.test(en[k]!.message) && zh[k]!.message === en[k]!.message,
    );
    // The preview sample is Chinese in both; brand and format names may stay as they are.
    expect(same.filter((k) => !/^options_(preview|format)/.test(k))).toEqual([]);
  });
});

describe('zh_TW (Traditional Chinese as used in Taiwan)', () => {
  // What src/reader/chinese-convert.ts uses for Simplified → Traditional (Taiwan standard characters).
  const toTraditional = async () => {
    const mod = (await import('opencc-js/cn2t')) as unknown as { default?: OpenCC; Converter?: OpenCC['Converter'] };
    const OpenCC = (mod.default ?? mod) as OpenCC;
    return OpenCC.Converter({ from: 'cn', to: 'tw' });
  };
  interface OpenCC {
    Converter(options: { from: string; to: string }): (text: string) => string;
  }

  it('has no Simplified character left: converting it to Traditional changes nothing', async () => {
    const convert = await toTraditional();
    const simplified = Object.entries(tw).filter(([, e]) => convert(e.message) !== e.message);
    expect(simplified.map(([k, e]) => `${k}: ${e.message} → ${convert(e.message)}`)).toEqual([]);
    expect(
      isTraditional(
        Object.values(tw)
          .map((e) => e.message)
          .join(''),
      ),
    ).toBe(true);
  });

  it('is not a copy of zh_CN: every string with a Traditional form differs', async () => {
    const convert = await toTraditional();
    const copied = Object.keys(zh).filter((k) => convert(zh[k]!.message) !== zh[k]!.message && tw[k]!.message === zh[k]!.message);
    expect(copied).toEqual([]);
    // And it is Chinese where zh_CN is, not English.
    const english = [...used].filter(
      (k) => /[a-z]{4}/i.test(en[k]!.message) && tw[k]!.message === en[k]!.message && zh[k]!.message !== en[k]!.message,
    );
    expect(english).toEqual([]);
  });

  it('uses the Taiwan terms, not the mainland ones in Traditional characters', () => {
    // 設置→設定, 文件→檔案, 信息→資訊, 默認→預設, 鏈接→連結, 網絡→網路, 擴展→擴充功能, 標籤頁→分頁, 字體→字型,
    // 打印→列印, 菜單→選單, 快捷鍵→快速鍵, 保存→儲存, 導出/導入→匯出/匯入, 支持→支援, 自定義→自訂, 純文本→純文字 …
    const MAINLAND =
      /設置|文件|信息|默認|視頻|鏈接|網絡|屏幕|剪貼板|擴展|標籤頁|字體|打印|程序|菜單|快捷鍵|保存|導出|導入|查看|支持|用戶|質量|數據|搜索|自定義|純文本|加載|釋出|宋體|地址|站點/;
    const found = Object.entries(tw).filter(([, e]) => MAINLAND.test(e.message));
    expect(found.map(([k, e]) => `${k}: ${e.message}`)).toEqual([]);
    expect(tw.options_title!.message).toBe('Proxied News Reader 選項');
    expect(tw.set_reset!.message).toBe('還原預設外觀');
    expect(tw.options_transfer!.message).toBe('匯出與匯入');
  });

  it('keeps the brand names as the site writes them', () => {
    for (const key of Object.keys(zh)) {
      for (const brand of ['小冰 RSSHub', 'Proxied News Reader', 'news.zfe.space', 'Readability', 'Markdown']) {
        if (zh[key]!.message.includes(brand)) expect(tw[key]!.message, key).toContain(brand);
      }
    }
  });
});
