// What storage holds where an object is expected, as an object or null. Old versions, other devices and
// hand edits (DevTools, sync conflicts) can leave a JSON string there, whole or cut short, or null, an
// array, a number: a string is parsed when it is a whole JSON object, everything else is no object.
export function storedObject(value: unknown): Record<string, unknown> | null {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      return null;
    }
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
