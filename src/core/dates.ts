// Publication dates as the site and its posts write them, read to a calendar day.
// The day is taken from the string's own fields, never via `Date` and a time zone: a post dated
// 'Tue, 31 Aug 2021 23:31:00 GMT' is shown by the site as 2021-08-31, and the zone-less crawl
// times ('2021-10-28 14:08:07') carry no zone to convert from anyway.

import type { Published } from './types';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_NAME = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';

// Tried in order; each returns [year, month, day] or null. First match wins.
const FORMS: Array<{ re: RegExp; ymd: (m: RegExpMatchArray) => [number, number, number] }> = [
  // Chinese, as the theme prints it: '2022年9月15日', '发布于：2022年9月15日'.
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/, ymd: (m) => [+m[1]!, +m[2]!, +m[3]!] },
  // ISO and the zone-less crawl time: '2021-10-28 14:08:07', '2022-09-26T15:12:52+00:00', '2022/9/15'.
  {
    re: /(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/,
    ymd: (m) => [+m[1]!, +m[3]!, +m[4]!],
  },
  // RFC 2822 / toUTCString: 'Tue, 31 Aug 2021 08:31:00 GMT', also '31 Aug 21' (obsolete 2-digit year).
  {
    re: new RegExp(`(?<!\\d)(\\d{1,2})[\\s-]+${MONTH_NAME}[\\s-]+(\\d{4}|\\d{2})(?!\\d)`, 'i'),
    ymd: (m) => [fullYear(m[3]!), MONTHS[m[2]!.toLowerCase()]!, +m[1]!],
  },
  // Month first, as English pages write it: 'September 15, 2022', 'Sep 15 2022'.
  {
    re: new RegExp(`\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, 'i'),
    ymd: (m) => [+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!],
  },
];

/** RFC 2822 §4.3: two-digit years 00–49 are 20xx, 50–99 are 19xx. */
function fullYear(y: string): number {
  if (y.length === 4) return +y;
  const n = +y;
  return n < 50 ? 2000 + n : 1900 + n;
}

function isRealDay(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1]!;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Read a date to `YYYY-MM-DD`. `Invalid Date` (what the generator writes for a feed item without a
 * date) and anything unreadable give `date: null`. 1970 dates (a feed's seconds read as
 * milliseconds) are returned as written: the true day is not recoverable from the string.
 * `raw` is the input with outer white space trimmed. Never throws.
 */
export function parseDate(raw: string): Published {
  const text = typeof raw === 'string' ? raw.trim() : String(raw ?? '').trim();
  const result: Published = { date: null, raw: text };
  if (!text || /^invalid date$/i.test(text)) return result;
  for (const form of FORMS) {
    const m = text.match(form.re);
    if (!m) continue;
    const [y, mo, d] = form.ymd(m);
    // A matched but impossible day (2022-13-45) is garbage, not a cue to try looser forms.
    if (isRealDay(y, mo, d)) result.date = `${y}-${pad(mo)}-${pad(d)}`;
    return result;
  }
  return result;
}

/** True for a 1970 day: the signature of a feed whose epoch seconds were read as milliseconds. */
export function isEpochSlip(p: Published | null): boolean {
  return !!p?.date && p.date.startsWith('1970-');
}
