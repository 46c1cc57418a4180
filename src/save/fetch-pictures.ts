// Fetching an article's pictures for a save: each from the first address of its chain that answers with the
// bytes of a picture, a few at a time, within one size bound for the whole file. The fetch function is given
// (the extension page's own, or a test's), so this module runs anywhere.
import { looksLikeSvg, sniffPicture, type PictureMime } from './picture-type';
import type { PictureRef } from './pictures';

/** The pictures of one saved file together, as fetched (before base64): 50 MB. */
export const MAX_TOTAL_BYTES = 50 * 1024 * 1024;
const CONCURRENCY = 4;
const TIMEOUT_MS = 30_000;

export interface Picture {
  bytes: Uint8Array;
  mime: PictureMime;
  /** The address it came from (one of the chain's). */
  from: string;
}

/** Why a picture is kept as a link: no address answered, none answered with a picture, it was an SVG, or it did
 *  not fit in the size bound. */
export type MissReason = 'network' | 'not-image' | 'svg' | 'too-large';

export interface FetchedPictures {
  pictures: Map<string, Picture>;
  missed: Map<string, MissReason>;
  /** Pictures asked for. */
  total: number;
  /** Bytes of the pictures kept. */
  bytes: number;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface FetchOptions {
  fetch: FetchLike;
  maxTotalBytes?: number;
  /** After each picture, done or missed. */
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

async function fetchOne(ref: PictureRef, options: FetchOptions, room: () => number): Promise<Picture | MissReason> {
  let reason: MissReason = 'network';
  for (const url of ref.candidates) {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), TIMEOUT_MS);
    const abort = () => timeout.abort();
    options.signal?.addEventListener('abort', abort);
    try {
      // No cookies, no referrer: the same anonymous request the reader's <img referrerpolicy=no-referrer> makes.
      const response = await options.fetch(url, {
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        redirect: 'follow',
        // Pictures wanted (a CORS-safelisted header): servers that negotiate send a picture format.
        headers: { Accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8' },
        signal: timeout.signal,
      });
      if (!response.ok) continue;
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > room()) {
        reason = 'too-large';
        void response.body?.cancel().catch(() => undefined);
        continue;
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      const mime = sniffPicture(bytes);
      if (!mime) {
        if (reason !== 'too-large') reason = looksLikeSvg(bytes, response.headers.get('content-type')) ? 'svg' : 'not-image';
        continue;
      }
      if (bytes.length > room()) {
        reason = 'too-large';
        continue;
      }
      return { bytes, mime, from: url };
    } catch {
      if (options.signal?.aborted) return 'network';
      // a dead host, a refused connection, a timeout: the next address
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
    }
  }
  return reason;
}

export async function fetchPictures(refs: readonly PictureRef[], options: FetchOptions): Promise<FetchedPictures> {
  const limit = options.maxTotalBytes ?? MAX_TOTAL_BYTES;
  const result: FetchedPictures = { pictures: new Map(), missed: new Map(), total: refs.length, bytes: 0 };
  let next = 0;
  let done = 0;
  const room = () => limit - result.bytes;
  const worker = async (): Promise<void> => {
    while (next < refs.length && !options.signal?.aborted) {
      const ref = refs[next++]!;
      const got = await fetchOne(ref, options, room);
      // Checked again on arrival: the others fetched meanwhile took their share.
      if (typeof got !== 'string' && got.bytes.length <= room()) {
        result.pictures.set(ref.url, got);
        result.bytes += got.bytes.length;
      } else {
        result.missed.set(ref.url, typeof got === 'string' ? got : 'too-large');
      }
      options.onProgress?.(++done, refs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, refs.length) }, worker));
  for (const ref of refs) if (!result.pictures.has(ref.url) && !result.missed.has(ref.url)) result.missed.set(ref.url, 'network');
  return result;
}
