// One self-contained HTML file: the saved article of `buildHtmlFile` (metadata header, body, styles, its CSP:
// no script) with every fetched picture inside it as a data: URI, at the resolution it was fetched. Pictures not
// fetched are links. Pure: the article and the fetched bytes in, the file out.
import type { Highlight } from '../core/highlights';
import type { Article } from '../core/types';
import { buildHtmlFile, type SavedFile } from '../ui/save';
import { dataUri } from './data-uri';
import type { Picture } from './fetch-pictures';
import { shownCover } from './pictures';
import { rewritePictures } from './rewrite-pictures';

export interface BuiltWithPictures<F> {
  file: F;
  /** Pictures the file holds / pictures it shows as links (addresses, document order). */
  embedded: number;
  linked: string[];
}

export function buildHtmlWithPictures(
  article: Article,
  pictures: ReadonlyMap<string, Picture>,
  generatedAt: Date = new Date(),
  win: Window = window,
  highlights: readonly Highlight[] = [],
): BuiltWithPictures<SavedFile> {
  const uris = new Map<string, string>();
  const uriOf = (url: string): string | null => {
    const picture = pictures.get(url);
    if (!picture) return null;
    let uri = uris.get(url);
    if (uri === undefined) uris.set(url, (uri = dataUri(picture.mime, picture.bytes)));
    return uri;
  };
  const body = rewritePictures(article.html, uriOf, win);
  const cover = shownCover(article);
  const coverSrc = cover ? uriOf(cover) : undefined;
  const linked = [...body.linked];
  if (cover && coverSrc === null && !linked.includes(cover)) linked.push(cover);
  const file = buildHtmlFile(article, generatedAt, { body: body.html, coverSrc, selfContained: true, highlights });
  return { file, embedded: uris.size, linked };
}
