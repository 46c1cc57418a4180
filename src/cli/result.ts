// What the main thread and the workers share without loading jsdom: options, the result of one input, and how a
// failed input is reported.
import { InputError } from '../node/read-input';

export const FORMATS = ['json', 'text', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface Options {
  format: Format;
  url: string | undefined;
}

/** The outcome of one input: what it prints on stdout or on stderr; `failed` when it could not be read. */
export interface JobResult {
  out?: string;
  err?: string;
  failed?: boolean;
}

/** How a failed input is reported: every message names the input. */
export function failure(file: string, e: unknown): JobResult {
  return { failed: true, err: e instanceof InputError ? `${e.message}\n` : `${file}: ${(e as Error)?.message ?? String(e)}\n` };
}
