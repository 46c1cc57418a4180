// The one way our settings are read from and written to storage.sync. Reads see the current layout
// (older data migrated in memory) plus this page's own changes still waiting to be written. Writes are
// changes to the whole area's items, which are
//   - serialized: two changes in this page never read the same state and overwrite each other;
//   - merged: changes made while a write waits go out together, in one set (and at most one remove);
//   - checked: a change that would break a storage.sync quota is refused with a QuotaError before
//     anything is written, and the other changes in the batch still go out;
//   - rate-limited: at most WRITE_LIMITS operations per window from this page (rapid −/+ clicks
//     become fewer writes, never a browser quota error).
// The storage area and the clock are injected: unit tests pass fakes.
import { QuotaError, WRITE_LIMITS, quotaProblem, writeDelay, type RateLimit } from './quota';
import { diffItems, migrateItems, type StoredItems } from './schema';

export interface SyncAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface StoreClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
}

/** A change to the area's items (a working copy: assign, or `delete` a key); its return value is the caller's. */
export type Change<T> = (items: StoredItems) => T;

interface Pending {
  change: Change<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const realClock: StoreClock = { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms) };

export class SyncStore {
  private pending: Pending[] = [];
  /** The batch being written: still shown by `read` until storage has it. */
  private inFlight: Pending[] = [];
  private scheduled = false;
  private running: Promise<void> = Promise.resolve();
  /** When each write operation started, oldest first (pruned to the longest window). */
  private readonly history: number[] = [];

  constructor(
    private readonly area: SyncAreaLike,
    private readonly clock: StoreClock = realClock,
    private readonly limits: readonly RateLimit[] = WRITE_LIMITS,
  ) {}

  /** The area's items in the current layout, with this page's unwritten changes applied. */
  async read(): Promise<StoredItems> {
    const items = migrateItems(await this.area.get(null)).items;
    for (const p of [...this.inFlight, ...this.pending]) {
      try {
        p.change(items);
      } catch {
        // It will fail again when written, and say so to its caller.
      }
    }
    return items;
  }

  /** Applies `change` to the stored items and writes the result; resolves once it is stored. */
  update<T>(change: Change<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ change, resolve, reject });
      this.schedule();
    });
  }

  /** Operations this page wrote in the last `windowMs` (tests and diagnostics). */
  writesWithin(windowMs: number): number {
    const since = this.clock.now() - windowMs;
    return this.history.filter((t) => t > since).length;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the write in progress, and when the rate limit allows: changes made meanwhile join this batch.
    this.running = this.running.then(
      () =>
        new Promise<void>((done) => {
          const go = () => {
            const wait = writeDelay(this.history, this.clock.now(), this.limits);
            if (wait > 0) this.clock.setTimeout(go, wait);
            else void this.flush().finally(done);
          };
          this.clock.setTimeout(go, 0);
        }),
    );
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    this.inFlight = batch;
    try {
      await this.write(batch);
    } finally {
      this.inFlight = [];
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    let before: StoredItems;
    try {
      before = await this.area.get(null);
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    let items = migrateItems(before).items;
    const done: Array<{ p: Pending; value: unknown }> = [];
    for (const p of batch) {
      const next = structuredCloneItems(items);
      try {
        const value = p.change(next);
        const problem = quotaProblem(next);
        if (problem) throw new QuotaError(problem);
        items = next;
        done.push({ p, value });
      } catch (error) {
        p.reject(error);
      }
    }
    // All refused: nothing at all is written (not even the migration of what was read).
    if (!done.length) return;
    const { set, remove } = diffItems(before, items);
    // Set before remove: should the second call fail, an old item is left next to its new form (merged
    // again on the next read), and nothing is lost.
    try {
      if (Object.keys(set).length) {
        this.recordWrite();
        await this.area.set(set);
      }
      if (remove.length) {
        this.recordWrite();
        await this.area.remove(remove);
      }
    } catch (error) {
      // The browser refused (its own quota or rate check, or no sync area): nobody's change is stored.
      for (const { p } of done) p.reject(error);
      return;
    }
    for (const { p, value } of done) p.resolve(value);
  }

  private recordWrite(): void {
    const now = this.clock.now();
    this.history.push(now);
    const longest = Math.max(...this.limits.map((l) => l.windowMs));
    while (this.history.length && this.history[0]! <= now - longest) this.history.shift();
  }
}

/** A deep copy of JSON-like items (what storage holds), so a failed change leaves nothing behind. */
function structuredCloneItems(items: StoredItems): StoredItems {
  return JSON.parse(JSON.stringify(items)) as StoredItems;
}
