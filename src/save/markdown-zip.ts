// Markdown with its pictures: a zip of `article.md` (YAML front matter as the plain Markdown save has it) and
// `images/`, the Markdown's image links pointing there. Pictures not fetched are links to their addresses.
// fflate writes the zip; pictures are stored (already compressed), the text deflated.
import { strToU8, zipSync, type Zippable } from 'fflate';
import { markdownWithHighlights } from '../core/highlight-export';
import type { Highlight } from '../core/highlights';
import { toMarkdown } from '../core/to-markdown';
import type { Article } from '../core/types';
import { fileBaseName, frontMatter, type SavedBytes } from '../ui/save';
import type { Picture } from './fetch-pictures';
import type { BuiltWithPictures } from './html-with-pictures';
import { extensionOf } from './picture-type';
import { rewritePictures } from './rewrite-pictures';

export const MARKDOWN_NAME = 'article.md';
export const IMAGES_DIR = 'images';

/** A fixed time stamp: the same article and pictures give the same zip. */
const ZIP_TIME = new Date(Date.UTC(2000, 0, 1));

export function buildMarkdownZip(
  article: Article,
  pictures: ReadonlyMap<string, Picture>,
  win: Window = window,
  highlights: readonly Highlight[] = [],
): BuiltWithPictures<SavedBytes> & { paths: Map<string, string> } {
  const paths = new Map<string, string>();
  const pathOf = (url: string): string | null => {
    const picture = pictures.get(url);
    if (!picture) return null;
    let path = paths.get(url);
    if (path === undefined) {
      path = `${IMAGES_DIR}/${String(paths.size + 1).padStart(3, '0')}.${extensionOf(picture.mime)}`;
      paths.set(url, path);
    }
    return path;
  };
  const body = rewritePictures(article.html, pathOf, win);
  const text = highlights.length ? markdownWithHighlights(body.html, highlights, win.document) : toMarkdown(body.html, win.document);
  const markdown = `${frontMatter(article)}\n${text.trim()}\n`;
  const entries: Zippable = { [MARKDOWN_NAME]: [strToU8(markdown), { level: 6, mtime: ZIP_TIME }] };
  for (const [url, path] of paths) entries[path] = [pictures.get(url)!.bytes, { level: 0, mtime: ZIP_TIME }];
  const file: SavedBytes = { name: `${fileBaseName(article.title)}.zip`, mime: 'application/zip', content: zipSync(entries) };
  return { file, embedded: paths.size, linked: body.linked, paths };
}
