// A storage.sync stand-in that refuses what the browsers refuse: an item over QUOTA_BYTES_PER_ITEM, a
// total over QUOTA_BYTES, more than MAX_ITEMS items (Chromium's messages). Measured independently of
// the code under test: key length plus JSON length, in UTF-8 bytes, as Chromium counts them.
import { fakeStorageArea } from './ui-browser-stub';

const bytes = (key: string, value: unknown) => Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));

export function quotaSyncArea(emit: Parameters<typeof fakeStorageArea>[1] = () => undefined) {
  const area = fakeStorageArea('sync', emit);
  const set = area.set.bind(area);
  area.set = async (items: Record<string, unknown>) => {
    const after = { ...area.data, ...items };
    for (const [k, v] of Object.entries(items)) {
      if (bytes(k, v) > 8192) throw new Error('Resource::kQuotaBytesPerItem quota exceeded');
    }
    if (Object.entries(after).reduce((n, [k, v]) => n + bytes(k, v), 0) > 102_400) throw new Error('Resource::kQuotaBytes quota exceeded');
    if (Object.keys(after).length > 512) throw new Error('Resource::kMaxItems quota exceeded');
    return set(items);
  };
  return area;
}
