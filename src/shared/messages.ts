// The messages between extension contexts. One discriminated union, so every sender and
// handler is type-checked against the same contract.
import type { Article, Detection } from '../core/types';

export interface PageState {
  url: string;
  detection: Detection;
  /** null when the page is not an article (or extraction failed: see `error`). */
  article: Article | null;
  /** `document.documentElement.dataset.proxiedNewsReader`: 'cleaned' | 'reader' | undefined. */
  mode: 'cleaned' | 'reader' | 'none';
  autoClean: { global: boolean; site: boolean };
  error: string | null;
}

export type Request =
  | { type: 'pnr:get-state' }
  | { type: 'pnr:toggle-reader' }
  | { type: 'pnr:set-reader'; on: boolean }
  | { type: 'pnr:clean-now' };

export type Response<R extends Request> = R extends { type: 'pnr:get-state' }
  ? PageState
  : R extends { type: 'pnr:toggle-reader' | 'pnr:set-reader' }
    ? { reader: boolean }
    : R extends { type: 'pnr:clean-now' }
      ? { cleaned: boolean }
      : never;

export function isRequest(value: unknown): value is Request {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    (value as { type: string }).type.startsWith('pnr:')
  );
}
