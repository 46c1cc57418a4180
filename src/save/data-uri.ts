// Bytes as a data: URI, base64 in chunks: String.fromCharCode over a whole 10 MB picture would overflow the stack.
const CHUNK = 3 * 8192; // a multiple of 3: each chunk's base64 has no padding but the last

export function dataUri(mime: string, bytes: Uint8Array): string {
  let out = `data:${mime};base64,`;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += btoa(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  }
  return out;
}
