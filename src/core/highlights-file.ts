// The file the options page exports all highlights to and imports them from. Pure: building the file and
// validating one whole (any bad value refuses the file; nothing is half-imported).
import { checkArticleHighlights, type ArticleHighlights } from './highlights';

export const HIGHLIGHTS_FILE_APP = 'proxied-news-reader';
export const HIGHLIGHTS_FILE_KIND = 'highlights';
export const HIGHLIGHTS_FILE_VERSION = 1;
export const HIGHLIGHTS_FILE_NAME = 'proxied-news-highlights.json';
/** Well above what storage keeps (2 MB); a larger file is not read. */
export const HIGHLIGHTS_IMPORT_MAX_CHARS = 8 * 1024 * 1024;

export function buildHighlightsFile(
  articles: ArticleHighlights[],
  exportedAt: Date = new Date(),
): { name: string; mime: string; content: string } {
  const file = {
    app: HIGHLIGHTS_FILE_APP,
    kind: HIGHLIGHTS_FILE_KIND,
    version: HIGHLIGHTS_FILE_VERSION,
    exportedAt: exportedAt.toISOString(),
    articles,
  };
  return { name: HIGHLIGHTS_FILE_NAME, mime: 'application/json', content: `${JSON.stringify(file, null, 2)}\n` };
}

export type HighlightsImportError =
  | { code: 'tooLarge' }
  | { code: 'notJson' }
  | { code: 'notOurs' }
  | { code: 'newer'; version: number }
  | { code: 'invalid'; field: string };

export type HighlightsImportResult = { ok: true; articles: ArticleHighlights[] } | { ok: false; error: HighlightsImportError };

export function parseHighlightsFile(text: string): HighlightsImportResult {
  const fail = (error: HighlightsImportError): HighlightsImportResult => ({ ok: false, error });
  if (text.length > HIGHLIGHTS_IMPORT_MAX_CHARS) return fail({ code: 'tooLarge' });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail({ code: 'notJson' });
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return fail({ code: 'notOurs' });
  const file = data as Record<string, unknown>;
  if (file.app !== HIGHLIGHTS_FILE_APP || file.kind !== HIGHLIGHTS_FILE_KIND) return fail({ code: 'notOurs' });
  const version = file.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return fail({ code: 'invalid', field: 'version' });
  if (version > HIGHLIGHTS_FILE_VERSION) return fail({ code: 'newer', version });
  if (!Array.isArray(file.articles)) return fail({ code: 'invalid', field: 'articles' });
  const articles: ArticleHighlights[] = [];
  const urls = new Set<string>();
  for (const [i, raw] of file.articles.entries()) {
    const a = checkArticleHighlights(raw);
    if (typeof a === 'string') return fail({ code: 'invalid', field: `articles[${i}]${a ? `.${a}` : ''}` });
    if (urls.has(a.url)) return fail({ code: 'invalid', field: `articles[${i}].url` });
    urls.add(a.url);
    articles.push(a);
  }
  return { ok: true, articles };
}
