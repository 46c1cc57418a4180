// proxied-news extract [--format json|text|markdown|html] [--url URL] [--jobs N] [--recursive] [--] FILE|DIR... | -
// Exit codes (EXIT_* below, in --help and the README): 0 every input was read (articles or not); 1 some input
// could not be read or parsed (each named on stderr, the others still processed); 2 usage error; 3 stdout could
// not be written (disk full, a bad descriptor): the output is incomplete. A reader of stdout that goes away
// (`| head`) ends the run quietly with 0: the output it asked for was written.
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import { readInput } from '../node/read-input';
import { expandInputs, WALKED_NAMES } from './inputs';
import { runPool, type Input, type Pool } from './pool';
import { failure, FORMATS, type Format, type JobResult, type Options } from './result';

export const EXIT_OK = 0;
export const EXIT_INPUT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_OUTPUT_FAILED = 3;
/** The status when stdout closes early (`| head -1`): the reader had what it wanted, nothing went wrong. */
export const EXIT_PIPE_CLOSED = EXIT_OK;

const USAGE = `usage: proxied-news extract [--format json|text|markdown|html] [--url URL] [--jobs N] [--recursive]
                            [--] FILE|DIR... | -

Reads proxied-news article pages (HTML) or raw posts (Markdown with front matter) and prints:
  json      one JSON object per line per input (default)
  text      the clean body text        markdown  the body as Markdown        html  the sanitized body HTML
Output is in the order of the inputs. --jobs N reads N inputs at a time in worker threads (default: one per
CPU, at most one per input; --jobs 1 reads them one after another in this thread).
-r, --recursive  reads the ${WALKED_NAMES} files under each DIR, depth first, each
  directory's entries sorted by name; hidden entries (.name) and node_modules are skipped (a DIR named on the
  command line is read even so); symbolic links are followed, and one that leads back to a directory above it
  is a loop: a warning on stderr, not followed. Without --recursive a DIR is an input that cannot be read.
- alone is standard input; a file named - is ./-. -- ends the options: -- --help reads a file named --help.
Exit codes:
  0  every input was read (articles or not), or stdout closed early (piped into head: it stops quietly)
  1  some input could not be read (each named on stderr; the rest still processed)
  2  usage error (nothing read)
  3  stdout could not be written (e.g. disk full): named on stderr; the output is incomplete`;

export async function main(argv: string[], out: Writable = process.stdout, err: Writable = process.stderr): Promise<number> {
  // The reader of stdout may go away (`| head -1`): the write fails with EPIPE (ECONNRESET on a socket) and the
  // stream emits 'error'. Stop there, quietly: no stack trace, no further input read, the workers ended. Any
  // other write error (ENOSPC on a full disk, EBADF) stops the run the same way but is an error: status 3.
  let closed: NodeJS.ErrnoException | null = null;
  let pool: Pool | null = null;
  out.on('error', (e: NodeJS.ErrnoException) => {
    closed ??= e;
    pool?.stop();
  });
  err.on('error', () => {}); // nowhere left to say anything
  const usage = (message: string): number => {
    err.write(`${message}\n${USAGE}\n`);
    return EXIT_USAGE;
  };
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    out.write(USAGE + '\n');
    return EXIT_OK;
  }
  if (command !== 'extract') {
    err.write((command ? `unknown command: ${command}\n` : '') + USAGE + '\n');
    return EXIT_USAGE;
  }
  let format: Format = 'json';
  let url: string | undefined;
  let jobs: number | undefined;
  let recursive = false;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--') {
      files.push(...rest.slice(i + 1));
      break;
    } else if (arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice(9) : rest[++i];
      if (!FORMATS.includes(value as Format)) {
        err.write(`--format must be one of ${FORMATS.join(', ')}\n`);
        return EXIT_USAGE;
      }
      format = value as Format;
    } else if (arg === '--url' || arg.startsWith('--url=')) {
      url = arg.includes('=') ? arg.slice(6) : rest[++i];
    } else if (arg === '--jobs' || arg.startsWith('--jobs=')) {
      const value = arg.includes('=') ? arg.slice(7) : rest[++i];
      if (!value || !/^[1-9]\d{0,3}$/.test(value)) {
        err.write(`--jobs must be a whole number from 1 to 9999\n`);
        return EXIT_USAGE;
      }
      jobs = Number(value);
    } else if (arg === '--recursive' || arg === '-r') {
      recursive = true;
    } else if (arg === '--help' || arg === '-h') {
      out.write(USAGE + '\n');
      return EXIT_OK;
    } else {
      // Any other word with a leading dash is an option, so that a mistyped one is not read as a missing file.
      return usage(`unknown option: ${arg} (a file whose name starts with -: write ./${arg}, or put -- before it)`);
    }
  }
  if (files.length === 0) return usage('no input files');
  const opts: Options = { format, url };
  const inputs: Input[] = expandInputs(files, recursive);
  const tasks = inputs.filter((input) => 'file' in input).length;
  const threads = Math.min(jobs ?? availableParallelism(), tasks);

  let failed = 0;
  const emit = (r: JobResult): Promise<void> | void => {
    if (r.failed) failed++;
    if (r.err) err.write(r.err);
    if (r.out && !closed && !out.write(r.out)) return drained(out);
  };
  const status = async (): Promise<number> => {
    // What was written may still be on its way (and fail): the status waits for the last write.
    if (!closed) await flushed(out);
    if (closed) {
      if (closed.code === 'EPIPE' || closed.code === 'ECONNRESET') return EXIT_PIPE_CLOSED;
      err.write(`cannot write to stdout: ${describe(closed)}; the output is incomplete\n`);
      return EXIT_OUTPUT_FAILED;
    }
    return failed ? EXIT_INPUT_FAILED : EXIT_OK;
  };

  if (threads <= 1) {
    const { runJob } = await import('./job');
    for (const input of inputs) {
      const wait = emit('result' in input ? input.result : runJob(input.file, opts));
      if (wait) await wait;
      // A turn of the event loop: a closed stdout shows (its 'error' comes on a later tick), and a jsdom window
      // that src/node/extract-text.ts replaced is freed.
      await new Promise((resolve) => setImmediate(resolve));
      if (closed) break;
    }
    return status();
  }

  // Workers read files themselves; stdin only this thread can read, once, in the order given.
  const read: Input[] = inputs.map((input) => {
    if (!('file' in input) || input.file !== '-') return input;
    try {
      return { file: input.file, text: readInput(input.file) };
    } catch (e) {
      return { result: failure(input.file, e) };
    }
  });
  pool = runPool(read, Math.min(threads, read.filter((input) => 'file' in input).length), opts, emit);
  await pool.done;
  return status();
}

/** "no space left on device (ENOSPC)" from Node's "ENOSPC: no space left on device, write". */
function describe(e: NodeJS.ErrnoException): string {
  const m = /^[A-Z0-9_]+: (.*?)(?:, \w+)?$/.exec(e.message);
  return m && e.code ? `${m[1]} (${e.code})` : e.message;
}

/** Settles once everything written to `out` so far has gone out, or failed (its 'error' then emitted). */
function flushed(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    if (out.destroyed || out.writableEnded) return resolve();
    // Writes complete in order: this empty one's callback comes after all the others.
    out.write('', () => setImmediate(resolve));
  });
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
