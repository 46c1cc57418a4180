import { describe, expect, it } from 'vitest';
import { isEpochSlip, parseDate } from '../../src/core/dates';

describe('parseDate', () => {
  it.each([
    // RFC 2822 as the generator writes it (seed post); the day as written, not shifted to a zone
    ['Tue, 31 Aug 2021 08:31:00 GMT', '2021-08-31'],
    ['Tue, 31 Aug 2021 23:59:59 GMT', '2021-08-31'],
    ['Mon, 24 Aug 2020 14:42:27 GMT', '2020-08-24'],
    ['Tue, 31 Aug 2021 08:31:00 +0800', '2021-08-31'],
    ['31 Aug 21 08:31 GMT', '2021-08-31'],
    ['Fri, 01 Jan 99 00:00:00 GMT', '1999-01-01'],
    // zone-less crawl time and ISO
    ['2021-10-28 14:08:07', '2021-10-28'],
    ['2022-09-26T15:12:52+00:00', '2022-09-26'],
    ['2022-09-26T23:30:00-05:00', '2022-09-26'],
    ['2022/9/5', '2022-09-05'],
    // the theme's Chinese forms
    ['2022年9月15日', '2022-09-15'],
    ['发布于：2022年9月15日', '2022-09-15'],
    ['  更新于：2022 年 10 月 1 日  ', '2022-10-01'],
    // month-name-first English
    ['September 15, 2022', '2022-09-15'],
    ['Sep 5th 2022', '2022-09-05'],
    // 1970 (a feed's seconds read as milliseconds): as written
    ['Tue, 20 Jan 1970 06:00:00 GMT', '1970-01-20'],
    ['发布于：1970年1月20日', '1970-01-20'],
    ['2024-02-29 00:00:00', '2024-02-29'],
  ])('%s -> %s', (raw, date) => {
    expect(parseDate(raw)).toEqual({ date, raw: raw.trim() });
  });

  it.each([
    'Invalid Date',
    'invalid date',
    '',
    '   ',
    'yesterday',
    'garbage 12345',
    '2022-13-01 00:00:00',
    '2023-02-29',
    'Wed, 32 Aug 2021 08:31:00 GMT',
    '2022年13月1日',
    '1663200000',
  ])('%j -> null date', (raw) => {
    expect(parseDate(raw)).toEqual({ date: null, raw: raw.trim() });
  });

  it('never throws, whatever it is given', () => {
    for (const v of [undefined, null, 42, {}, [], 'x'.repeat(100_000)] as unknown as string[]) {
      expect(() => parseDate(v)).not.toThrow();
      expect(parseDate(v).date).toBeNull();
    }
  });

  it('flags 1970 days as an epoch slip, and only those', () => {
    expect(isEpochSlip(parseDate('Tue, 20 Jan 1970 06:00:00 GMT'))).toBe(true);
    expect(isEpochSlip(parseDate('Tue, 31 Aug 2021 08:31:00 GMT'))).toBe(false);
    expect(isEpochSlip(parseDate('Invalid Date'))).toBe(false);
    expect(isEpochSlip(null)).toBe(false);
  });
});
