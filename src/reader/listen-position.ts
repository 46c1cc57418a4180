// Where read aloud stopped, per article, in storage.local next to the reading positions (reading-position.ts): the
// paragraph and the sentence, so reopening the reader can offer to continue there. An item of its own, not a field
// of the reading positions: both are written while the reader is open, and two writers of one item would undo
// each other's changes. An article read aloud to its end is forgotten.
import { MAX_KEY_LENGTH, type StorageAreaLike } from './reading-position';

export interface ListenPosition {
  paragraph: number;
  sentence: number;
  /** When it was saved (ms since the epoch), for keeping the newest entries. */
  at: number;
}

export const LISTEN_POSITIONS_KEY = 'listenPositions';
/** Fewer than the reading positions: an offer to continue matters for the articles listened to lately. */
export const MAX_LISTEN_ENTRIES = 50;

const index = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function valid(value: unknown): value is ListenPosition {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return index(v.paragraph) && index(v.sentence) && typeof v.at === 'number' && Number.isFinite(v.at);
}

export class ListenPositionStore {
  constructor(
    private readonly area: StorageAreaLike,
    private readonly now: () => number = Date.now,
  ) {}

  private async all(): Promise<Record<string, ListenPosition>> {
    try {
      const raw = (await this.area.get(LISTEN_POSITIONS_KEY))[LISTEN_POSITIONS_KEY];
      const out: Record<string, ListenPosition> = {};
      if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
        for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (k.length <= MAX_KEY_LENGTH && valid(v)) out[k] = v;
      }
      return out;
    } catch {
      return {};
    }
  }

  async get(key: string): Promise<ListenPosition | null> {
    return (await this.all())[key] ?? null;
  }

  /** Saves where reading is (null: forgets it); keeps the newest MAX_LISTEN_ENTRIES. */
  async save(key: string, position: { paragraph: number; sentence: number } | null): Promise<void> {
    if (key.length > MAX_KEY_LENGTH) return;
    const entries = await this.all();
    if (!position) {
      if (!(key in entries)) return;
      delete entries[key];
    } else {
      entries[key] = {
        paragraph: Math.max(0, Math.floor(position.paragraph)),
        sentence: Math.max(0, Math.floor(position.sentence)),
        at: this.now(),
      };
    }
    const kept = Object.entries(entries)
      .sort((a, b) => b[1].at - a[1].at)
      .slice(0, MAX_LISTEN_ENTRIES);
    await this.area.set({ [LISTEN_POSITIONS_KEY]: Object.fromEntries(kept) });
  }
}
