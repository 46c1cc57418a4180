// What a picture's bytes really are, read from their first bytes (magic numbers), never from the server's
// Content-Type: a proxy's error page or a tracking script served with 200 must not be embedded as a picture.
// SVG is not accepted at all: it is a document that can hold script and links, and the saved file would have to
// sanitize it as such; such a picture is kept as a link instead.

export type PictureMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/avif' | 'image/bmp';

const EXTENSIONS: Record<PictureMime, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
};

const ascii = (bytes: Uint8Array, at: number, text: string): boolean =>
  bytes.length >= at + text.length && Array.from(text).every((c, i) => bytes[at + i] === c.charCodeAt(0));

/** The picture format of `bytes`, or null when they are not a raster picture this module knows. */
export function sniffPicture(bytes: Uint8Array): PictureMime | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 'PNG\r\n\x1a\n')) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'image/gif';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  // ISO-BMFF: a `ftyp` box whose major brand is AVIF's (still or sequence).
  if (ascii(bytes, 4, 'ftyp') && (ascii(bytes, 8, 'avif') || ascii(bytes, 8, 'avis'))) return 'image/avif';
  if (ascii(bytes, 0, 'BM') && bytes.length >= 26) return 'image/bmp';
  return null;
}

/** SVG (by its type or its text): refused, see above. Told apart only to say why in the report. */
export function looksLikeSvg(bytes: Uint8Array, contentType: string | null): boolean {
  if (/image\/svg/i.test(contentType ?? '')) return true;
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  return head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'));
}

export function extensionOf(mime: PictureMime): string {
  return EXTENSIONS[mime];
}
