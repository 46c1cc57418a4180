// The in-place form the content script uses: unwrap every media address of the article and remove its tag
// links, through one undo log, so the page can be restored exactly.
import { THEMES } from './data/themes';
import { detect, findArticleRoot } from './detect';
import { unwrapMediaInPlace } from './media';
import { queryAll } from './select';
import { removeTagLinks } from './tag-links';
import type { Topic } from './types';
import { UndoLog } from './undo';

export interface CleanResult {
  /** The article root that was cleaned (null when the page is not an article). */
  root: Element | null;
  topics: Topic[];
  /** Media elements changed plus tag links removed. */
  changed: number;
  log: UndoLog;
  /** Restore the original DOM exactly. */
  undo(): void;
}

export function cleanDocument(doc: Document): CleanResult {
  const log = new UndoLog();
  const result = (root: Element | null, topics: Topic[], changed: number): CleanResult => ({
    root,
    topics,
    changed,
    log,
    undo: () => log.undo(),
  });
  const detection = detect(doc);
  const theme = THEMES.find((t) => t.id === detection.theme);
  if (detection.kind !== 'article' || !theme) return result(null, [], 0);
  const root = findArticleRoot(doc, theme);
  if (!root) return result(null, [], 0);
  const body = theme.body.map((sel) => queryAll(root, sel)[0]).find(Boolean) ?? null;
  const topics = body ? removeTagLinks(body, log) : [];
  const removed = log.size;
  // The whole article: cover and thumbnail sit outside the body.
  const media = unwrapMediaInPlace(root, log);
  return result(root, topics, removed + media);
}
