// How long an utterance may go without a sign of life before read aloud calls its engine stalled. Engines do
// stall: Chrome's network voices stop about 15 s into an utterance and never fire `end`; a `speak` right after
// `cancel` is sometimes dropped; an utterance object collected by the garbage collector loses its events. Pure.

/** The timers the watchdog runs on: the page's, or fake ones in tests. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/** Slow speech at rate 1, per character: about 4 Han characters or 16 Latin letters a second. */
const MS_PER_HAN = 250;
const MS_PER_OTHER = 65;
/** Head room for starting up (a network voice fetches its audio first) on top of twice the slow estimate. */
const GRACE_MS = 4000;

const HAN_OR_KANA = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/g;

/** The time `text` may take at `rate` before its engine counts as stalled: twice a slow reading, plus a start-up. */
export function stallTimeoutMs(text: string, rate: number): number {
  const han = text.match(HAN_OR_KANA)?.length ?? 0;
  const other = text.replace(/\s+/g, ' ').length - han;
  const slow = (han * MS_PER_HAN + other * MS_PER_OTHER) / Math.max(0.1, rate);
  return Math.round(GRACE_MS + 2 * slow);
}

/**
 * While a network voice speaks, Chrome's engine is nudged (pause, then resume) this often: the known way to keep
 * it from going silent after about 15 s. Local voices are left alone.
 */
export const KEEP_ALIVE_MS = 10_000;

/** Restarts of one sentence before read aloud gives up and says so. */
export const MAX_RESTARTS = 2;
