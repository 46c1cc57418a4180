// Display formatting of article metadata; pure functions so both UIs show the same thing.
import type { Counts, Published } from '../core/types';
import { isTraditional, type TextLang } from './text-lang';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const han = (y: number, m: number, d: number): string => `${y}年${m}月${d}日`;

/**
 * The medium date of the languages most readers of these sites use, written here as Intl writes it (a test holds
 * them to Intl's output): a page's first Intl date format loads the language's data, one call of 60-150 ms on the
 * page's thread (the longest task of a page load in the bench, where the content script prepares the reader).
 * Other languages go through Intl.
 */
const MEDIUM_DATE: Readonly<Record<string, (y: number, m: number, d: number) => string>> = {
  en: (y, m, d) => `${MONTHS_EN[m - 1]} ${d}, ${y}`,
  'en-US': (y, m, d) => `${MONTHS_EN[m - 1]} ${d}, ${y}`,
  zh: han,
  'zh-CN': han,
  'zh-TW': han,
  'zh-HK': han,
  'zh-SG': han,
  'zh-Hans': han,
  'zh-Hant': han,
};

/** Languages whose grouping of digits is `1,234,567` (Intl's, held by a test); see MEDIUM_DATE. */
const COMMA_GROUPS = new Set(Object.keys(MEDIUM_DATE));

/** `2021-08-31` shown in the UI language; null when the page gave no usable date. */
export function formatDate(published: Published | null, lang: string): string | null {
  if (!published?.date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(published.date);
  if (!m) return published.date;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const fast = Object.hasOwn(MEDIUM_DATE, lang) ? MEDIUM_DATE[lang] : undefined;
  // A real calendar day only (Intl would roll 2021-02-30 over into March).
  if (fast && y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()) return fast(y, mo, d);
  const when = new Date(Date.UTC(y, mo - 1, d));
  try {
    // UTC both ways: the date is a calendar day, not an instant.
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(when);
  } catch {
    return published.date;
  }
}

export function formatNumber(n: number, lang: string): string {
  if (COMMA_GROUPS.has(lang) && Number.isSafeInteger(n)) return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
  try {
    return new Intl.NumberFormat(lang).format(n);
  } catch {
    return String(n);
  }
}

/** Host of an http(s) URL without `www.`, or null. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** Only http(s) links become clickable: article data comes from the page. */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A byline that already says it is one ("By Jane Doe", "Written by …", "作者：张三", "文/李四", "记者 王五"): the
 * reader's own "By" label would double it.
 */
const LABELLED_BYLINE =
  /^\s*(?:(?:written|posted|reported|words|text|story)\s+by\b|by\s*[:：]|by\s+(?=\S)|作者|撰文|文\s*[/／|｜:：]|[记記]者|编辑|編輯|来源|來源|出处|出處)/i;

export function bylineHasLabel(byline: string): boolean {
  return LABELLED_BYLINE.test(byline);
}

/**
 * The article's language, for `lang` on the rendered body: it picks CJK glyph variants and the
 * screen reader's voice. Kana means Japanese; otherwise mostly-Han text is Chinese (the site's),
 * Traditional when its characters say so (src/ui/text-lang.ts).
 */
export function articleLang(article: { text: string; counts: Counts }): TextLang {
  // A stray の in a Chinese headline is not Japanese: require kana to be a real share of the text.
  const kana = /[\u3040-\u30ff]/.test(article.text) ? (article.text.match(/[\u3040-\u30ff]/g)?.length ?? 0) : 0;
  if (kana > 0 && kana * 10 >= article.counts.cjk) return 'ja';
  if (article.counts.cjk < article.counts.words) return 'en';
  return isTraditional(article.text) ? 'zh-TW' : 'zh-CN';
}
