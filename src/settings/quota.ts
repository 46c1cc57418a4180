// storage.sync's limits, measured the way the browsers measure them, and a write-rate limiter. Pure: no
// extension API here, so the figures can be checked in unit tests.
//
// Chrome and Firefox document the same limits (developer.chrome.com storage API; MDN storage.sync):
// an item counts its key's length plus the length of JSON.stringify(value); Chromium counts the UTF-8
// bytes of both. Every set/remove/clear call is one write operation, however many keys it touches.

export const SYNC_QUOTA = {
  QUOTA_BYTES: 102_400,
  QUOTA_BYTES_PER_ITEM: 8_192,
  MAX_ITEMS: 512,
  MAX_WRITE_OPERATIONS_PER_MINUTE: 120,
  MAX_WRITE_OPERATIONS_PER_HOUR: 1_800,
} as const;

const utf8 = new TextEncoder();

/** The bytes one item takes in storage.sync: UTF-8 of the key plus UTF-8 of the JSON value. */
export function syncItemBytes(key: string, value: unknown): number {
  return utf8.encode(key).length + utf8.encode(JSON.stringify(value) ?? '').length;
}

export interface SyncUsage {
  /** Bytes per key. */
  items: Record<string, number>;
  total: number;
  count: number;
  /** The largest item's key and size. */
  largest: { key: string; bytes: number } | null;
}

/** What `items` (a whole storage area's contents) take against the quotas. */
export function measureSync(items: Record<string, unknown>): SyncUsage {
  const sizes: Record<string, number> = {};
  let total = 0;
  let largest: SyncUsage['largest'] = null;
  for (const [key, value] of Object.entries(items)) {
    if (value === undefined) continue;
    const bytes = syncItemBytes(key, value);
    sizes[key] = bytes;
    total += bytes;
    if (!largest || bytes > largest.bytes) largest = { key, bytes };
  }
  return { items: sizes, total, count: Object.keys(sizes).length, largest };
}

export type QuotaKind = 'item' | 'total' | 'count';

export interface QuotaProblem {
  kind: QuotaKind;
  /** The item over QUOTA_BYTES_PER_ITEM, for `item`. */
  key?: string;
  /** Bytes (or items, for `count`) the write would make. */
  size: number;
  limit: number;
}

/** The first limit `items` (the area's whole contents after a write) would break, or null. */
export function quotaProblem(items: Record<string, unknown>): QuotaProblem | null {
  const usage = measureSync(items);
  for (const [key, bytes] of Object.entries(usage.items)) {
    if (bytes > SYNC_QUOTA.QUOTA_BYTES_PER_ITEM) return { kind: 'item', key, size: bytes, limit: SYNC_QUOTA.QUOTA_BYTES_PER_ITEM };
  }
  if (usage.total > SYNC_QUOTA.QUOTA_BYTES) return { kind: 'total', size: usage.total, limit: SYNC_QUOTA.QUOTA_BYTES };
  if (usage.count > SYNC_QUOTA.MAX_ITEMS) return { kind: 'count', size: usage.count, limit: SYNC_QUOTA.MAX_ITEMS };
  return null;
}

/** A write refused before it reached the browser: it would not fit storage.sync. Nothing was written. */
export class QuotaError extends Error {
  readonly problem: QuotaProblem;
  constructor(problem: QuotaProblem) {
    const what = problem.kind === 'item' ? `item "${problem.key}"` : problem.kind === 'total' ? 'total' : 'item count';
    super(`storage.sync ${what} would be ${problem.size}, over the limit of ${problem.limit}`);
    this.name = 'QuotaError';
    this.problem = problem;
  }
}

export interface RateLimit {
  windowMs: number;
  max: number;
}

/**
 * Half of each browser limit, per page: the options page, the popup and a reader tab each write on their
 * own, and two of them at full speed still stay inside the browser's 120 a minute and 1,800 an hour.
 */
export const WRITE_LIMITS: readonly RateLimit[] = [
  { windowMs: 60_000, max: SYNC_QUOTA.MAX_WRITE_OPERATIONS_PER_MINUTE / 2 },
  { windowMs: 3_600_000, max: SYNC_QUOTA.MAX_WRITE_OPERATIONS_PER_HOUR / 2 },
];

/**
 * How long to wait before the next write operation, given the times of the earlier ones (ascending):
 * 0 while every sliding window has room, else until the oldest operation that fills a window leaves it.
 */
export function writeDelay(history: readonly number[], now: number, limits: readonly RateLimit[] = WRITE_LIMITS): number {
  let wait = 0;
  for (const { windowMs, max } of limits) {
    const inWindow = history.filter((t) => t > now - windowMs);
    if (inWindow.length < max) continue;
    // The write that must leave the window before one more fits.
    const leaving = inWindow[inWindow.length - max]!;
    wait = Math.max(wait, leaving + windowMs - now);
  }
  return wait;
}
