// One CLI input → what it prints: the same code in the main thread (one input, --jobs 1) and in each worker.
import { readInput } from '../node/read-input';
import { extractText, type CliRecord } from '../node/extract-text';
import { failure, type Format, type JobResult, type Options } from './result';

function render(rec: CliRecord, format: Format): string {
  switch (format) {
    case 'json':
      return JSON.stringify(rec);
    case 'text':
      return rec.text;
    case 'markdown':
      return rec.markdown;
    case 'html':
      return rec.html;
  }
}

/** `text` when the caller has read the input already (stdin, which only the main thread reads). */
export function runJob(file: string, opts: Options, text?: string): JobResult {
  try {
    const rec = extractText(text ?? readInput(file), file, opts.url);
    if (opts.format !== 'json' && !rec.detected) return { err: `${file}: not a proxied-news article (${rec.kind})\n` };
    return { out: render(rec, opts.format) + '\n' };
  } catch (e) {
    return failure(file, e);
  }
}
