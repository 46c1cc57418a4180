// proxied-news extract [--format json|text|markdown|html] [--url URL] [--jobs N] FILE... | -
// Exit codes: 0 every input was read (articles or not); 1 some input could not be read or parsed (each named
// on stderr, the others still processed); 2 usage error. A reader of stdout that goes away (`| head`) ends the
// run quietly with 0: the output it asked for was written.
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import { readInput } from '../node/read-input';
import { runPool, type Input, type Pool } from './pool';
import { failure, FORMATS, type Format, type JobResult, type Options } from './result';

/** The status when stdout closes early (`| head -1`): the reader had what it wanted, nothing went wrong. */
export const EXIT_PIPE_CLOSED = 0;

const USAGE = `usage: proxied-news extract [--format json|text|markdown|html] [--url URL] [--jobs N] FILE... | -

Reads proxied-news article pages (HTML) or raw posts (Markdown with front matter) and prints:
  json      one JSON object per line per input (default)
  text      the clean body text        markdown  the body as Markdown        html  the sanitized body HTML
Output is in the order of the inputs. --jobs N reads N inputs at a time in worker threads (default: one per
CPU, at most one per input; --jobs 1 reads them one after another in this thread).
Exit codes: 0 all inputs read, or stdout closed early (e.g. piped into head: it stops quietly); 1 some input
unreadable (named on stderr; the rest still processed); 2 usage.`;

export async function main(argv: string[], out: Writable = process.stdout, err: Writable = process.stderr): Promise<number> {
  // The reader of stdout may go away (`| head -1`): the write fails with EPIPE (ECONNRESET on a socket) and the
  // stream emits 'error'. Stop there, quietly: no stack trace, no further input read, the workers ended.
  let closed: NodeJS.ErrnoException | null = null;
  let pool: Pool | null = null;
  out.on('error', (e: NodeJS.ErrnoException) => {
    closed ??= e;
    pool?.stop();
  });
  err.on('error', () => {}); // nowhere left to say anything
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    out.write(USAGE + '\n');
    return 0;
  }
  if (command !== 'extract') {
    err.write((command ? `unknown command: ${command}\n` : '') + USAGE + '\n');
    return 2;
  }
  let format: Format = 'json';
  let url: string | undefined;
  let jobs: number | undefined;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice(9) : rest[++i];
      if (!FORMATS.includes(value as Format)) {
        err.write(`--format must be one of ${FORMATS.join(', ')}\n`);
        return 2;
      }
      format = value as Format;
    } else if (arg === '--url' || arg.startsWith('--url=')) {
      url = arg.includes('=') ? arg.slice(6) : rest[++i];
    } else if (arg === '--jobs' || arg.startsWith('--jobs=')) {
      const value = arg.includes('=') ? arg.slice(7) : rest[++i];
      if (!value || !/^[1-9]\d{0,3}$/.test(value)) {
        err.write(`--jobs must be a whole number from 1 to 9999\n`);
        return 2;
      }
      jobs = Number(value);
    } else if (arg === '--help' || arg === '-h') {
      out.write(USAGE + '\n');
      return 0;
    } else if (arg.startsWith('--')) {
      err.write(`unknown option: ${arg}\n${USAGE}\n`);
      return 2;
    } else files.push(arg);
  }
  if (files.length === 0) {
    err.write(`no input files\n${USAGE}\n`);
    return 2;
  }
  const opts: Options = { format, url };
  const threads = Math.min(jobs ?? availableParallelism(), files.length);

  let failed = 0;
  const emit = (r: JobResult): Promise<void> | void => {
    if (r.failed) failed++;
    if (r.err) err.write(r.err);
    if (r.out && !out.write(r.out) && !closed) return drained(out);
  };
  const status = (): number => {
    if (closed) {
      if (closed.code === 'EPIPE' || closed.code === 'ECONNRESET') return EXIT_PIPE_CLOSED;
      err.write(`cannot write the output: ${closed.message}\n`);
      return 1;
    }
    return failed ? 1 : 0;
  };

  if (threads <= 1) {
    const { runJob } = await import('./job');
    for (const file of files) {
      const wait = emit(runJob(file, opts));
      if (wait) await wait;
      // A turn of the event loop: a closed stdout shows (its 'error' comes on a later tick), and a jsdom window
      // that src/node/extract-text.ts replaced is freed.
      await new Promise((resolve) => setImmediate(resolve));
      if (closed) break;
    }
    return status();
  }

  // Workers read files themselves; stdin only this thread can read, once, in the order given.
  const inputs: Input[] = files.map((file) => {
    if (file !== '-') return { file };
    try {
      return { file, text: readInput(file) };
    } catch (e) {
      return { result: failure(file, e) };
    }
  });
  const tasks = inputs.filter((input) => !('result' in input)).length;
  pool = runPool(inputs, Math.min(threads, tasks), opts, emit);
  await pool.done;
  return status();
}

/** Settles when `out` can take more, or is gone. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}
