// A save with pictures from start to end, for any extension page (the popup, the save page): fetch the article's
// pictures (when the user let us read their hosts), build the file, count what is in it. The fetch and the window
// are given, so the whole of it runs in unit tests too.
import type { Highlight } from '../core/highlights';
import type { Article } from '../core/types';
import type { SavedBytes, SavedFile } from '../ui/save';
import { fetchPictures, MAX_TOTAL_BYTES, type FetchLike, type MissReason, type Picture } from './fetch-pictures';
import { buildHtmlWithPictures } from './html-with-pictures';
import { buildMarkdownZip } from './markdown-zip';
import { pictureRefs } from './pictures';

export type PictureSaveKind = 'html' | 'zip';

export interface PictureSaveReport {
  /** Pictures of the article (body, and the cover for HTML). */
  total: number;
  /** Pictures inside the file. */
  saved: number;
  /** Why the others are links, counted. `refused`: the user did not let us read the hosts. */
  missed: Partial<Record<MissReason | 'refused', number>>;
  /** Bytes of the pictures inside, and of the whole file. */
  pictureBytes: number;
  fileBytes: number;
  /** The size bound in force. */
  limitBytes: number;
}

export interface PictureSaveOptions {
  /** False when the permission was refused: nothing is fetched, every picture is a link. */
  access: boolean;
  fetch: FetchLike;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  maxTotalBytes?: number;
  win?: Window;
  now?: Date;
  /** The reader's highlights: marked in the file (HTML: <mark> and footnotes; Markdown: ==text== and notes). */
  highlights?: readonly Highlight[];
}

export async function saveWithPictures(
  article: Article,
  kind: PictureSaveKind,
  options: PictureSaveOptions,
): Promise<{ file: SavedFile | SavedBytes; report: PictureSaveReport }> {
  const win = options.win ?? window;
  const limitBytes = options.maxTotalBytes ?? MAX_TOTAL_BYTES;
  const refs = pictureRefs(article, kind === 'html');
  let pictures = new Map<string, Picture>();
  const missed: PictureSaveReport['missed'] = {};
  if (options.access && refs.length > 0) {
    const fetched = await fetchPictures(refs, {
      fetch: options.fetch,
      maxTotalBytes: limitBytes,
      onProgress: options.onProgress,
      signal: options.signal,
    });
    pictures = fetched.pictures;
    for (const reason of fetched.missed.values()) missed[reason] = (missed[reason] ?? 0) + 1;
  } else if (refs.length > 0) {
    missed.refused = refs.length;
  }
  const built =
    kind === 'html'
      ? buildHtmlWithPictures(article, pictures, options.now, win, options.highlights)
      : buildMarkdownZip(article, pictures, win, options.highlights);
  const fileBytes =
    typeof built.file.content === 'string' ? new TextEncoder().encode(built.file.content).length : built.file.content.length;
  let pictureBytes = 0;
  for (const p of pictures.values()) pictureBytes += p.bytes.length;
  return {
    file: built.file,
    report: { total: refs.length, saved: built.embedded, missed, pictureBytes, fileBytes, limitBytes },
  };
}
