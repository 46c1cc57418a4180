// The in-place form the content script uses: unwrap every media address of the article and remove its tag
// links, through one undo log, so the page can be restored exactly.
import { detectArticle } from './detect';
import { unwrapMediaSteps } from './media';
import { runSteps, type Steps } from './steps';
import { removeTagLinksSteps } from './tag-links';
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

export interface CleanOptions {
  /** Receives each media element's address as the page wrote it, before cleaning changes it. */
  written?: Map<Element, string>;
  /** The undo log to record into: a caller that abandons the steps half-way can still undo what was done. */
  log?: UndoLog;
  /** False after a pjax navigation: the head may describe another page (see DetectOptions). */
  trustHead?: boolean;
}

export function cleanDocument(doc: Document, options: CleanOptions = {}): CleanResult {
  return runSteps(cleanDocumentSteps(doc, options));
}

/** `cleanDocument` in steps: it pauses every few dozen elements (see steps.ts); the same edits in the same order. */
export function* cleanDocumentSteps(doc: Document, options: CleanOptions = {}): Steps<CleanResult> {
  const log = options.log ?? new UndoLog();
  const result = (root: Element | null, topics: Topic[], changed: number): CleanResult => ({
    root,
    topics,
    changed,
    log,
    undo: () => log.undo(),
  });
  const article = detectArticle(doc, { trustHead: options.trustHead ?? true });
  if (!article) return result(null, [], 0);
  const { root, body } = article;
  yield;
  const topics = yield* removeTagLinksSteps(body, log);
  const removed = log.size;
  // The whole article: cover and thumbnail sit outside the body.
  const media = yield* unwrapMediaSteps(root, log, options.written);
  return result(root, topics, removed + media);
}

/** On a listing page of the family: its pictures unwrapped (same edits and log as an article's), its text as is. */
export function* restoreImagesSteps(root: Element, options: CleanOptions = {}): Steps<CleanResult> {
  const log = options.log ?? new UndoLog();
  const changed = yield* unwrapMediaSteps(root, log, options.written);
  return { root, topics: [], changed, log, undo: () => log.undo() };
}
