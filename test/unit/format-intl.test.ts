// src/ui/format.ts writes dates and numbers of its commonest languages itself (a page's first Intl date format
// loads the language's data: 60-150 ms on the page's thread). It must write exactly what Intl writes.
import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from '../../src/ui/format';

const LANGS = ['en', 'en-US', 'zh', 'zh-CN', 'zh-TW', 'zh-HK', 'zh-SG', 'zh-Hans', 'zh-Hant'];

function intlDate(iso: string, lang: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Every day of a few years (leap years, the turn of a century) and some odd ones. */
function days(): string[] {
  const out: string[] = [];
  for (const year of [1999, 2000, 2020, 2021, 2024, 2100]) {
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

describe('dates and numbers written without Intl', () => {
  it.each(LANGS)('%s: every day as Intl writes it', (lang) => {
    const all = days();
    const ours = all.map((date) => formatDate({ date, raw: date }, lang));
    expect(ours).toEqual(all.map((date) => intlDate(date, lang)));
  });

  it.each(LANGS)('%s: numbers as Intl writes them', (lang) => {
    const numbers = [
      0,
      7,
      12,
      999,
      1000,
      1001,
      9999,
      12345,
      100000,
      999999,
      1000000,
      1234567,
      -1234,
      -999,
      2 ** 31,
      Number.MAX_SAFE_INTEGER,
    ];
    for (let i = 0; i < 200; i++) numbers.push(Math.floor(Math.random() * 10 ** (1 + (i % 12))));
    expect(numbers.map((n) => formatNumber(n, lang))).toEqual(numbers.map((n) => new Intl.NumberFormat(lang).format(n)));
  });

  it('other languages, impossible days and fractions still go through Intl', () => {
    expect(formatDate({ date: '2021-08-03', raw: '' }, 'de')).toBe(intlDate('2021-08-03', 'de'));
    expect(formatDate({ date: '2021-08-03', raw: '' }, 'en-GB')).toBe('3 Aug 2021');
    // Intl rolls an impossible day over; so does the fallback (as before).
    expect(formatDate({ date: '2021-02-30', raw: '' }, 'en')).toBe(intlDate('2021-02-30', 'en'));
    expect(formatNumber(1234.5, 'en')).toBe(new Intl.NumberFormat('en').format(1234.5));
    expect(formatNumber(1234567, 'de')).toBe('1.234.567');
  });
});
