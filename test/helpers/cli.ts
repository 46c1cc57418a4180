// The CLI two ways. `runBin`: the built bin under plain node, as a user runs it — for what only a process shows
// (stdin, worker threads, exit status, a real stdout that fails or closes, ulimit). `runMain`: the same main() in
// this process, argv in, stdout and stderr caught — for what a one-thread run prints. A spawn costs ≈1.7 s of CPU,
// 0.9 s of it importing jsdom; main() here pays that once per file.
import { spawnSync, type StdioOptions } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/proxied-news';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'build', 'cli', 'proxied-news.js');

export interface Run {
  code: number | null;
  out: string;
  err: string;
  /** The signal that ended the process (runBin: the timeout kills it). */
  signal?: NodeJS.Signals | null;
}

export interface RunOptions {
  cwd?: string;
  /** stdin (runBin only). */
  input?: string | Buffer;
  /** A file descriptor for stdout (runBin only). */
  stdout?: number;
}

export function runBin(args: string[], opts: RunOptions = {}): Run {
  const stdio: StdioOptions = opts.stdout === undefined ? 'pipe' : ['pipe', opts.stdout, 'pipe'];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input,
    stdio,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout ?? '', err: r.stderr, signal: r.signal };
}

/**
 * main() in this process, in `cwd` (process.chdir: vitest's forks pool gives each file a process of its own).
 * One thread only: worker threads load the built worker beside the bundle, which src/ has not got — a run that
 * would start them fails here (use runBin, or --jobs 1). No stdin either: `-` would read this process's own.
 */
export async function runMain(args: string[], opts: { cwd?: string } = {}): Promise<Run> {
  if (args.includes('-')) throw new Error('runMain: stdin is the process boundary, use runBin');
  let out = '';
  let err = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      decodeStrings: false,
      write(chunk: string | Buffer, _enc, done) {
        add(String(chunk));
        done();
      },
    });
  const before = process.cwd();
  if (opts.cwd) process.chdir(opts.cwd);
  try {
    const code = await main(
      args,
      sink((s) => (out += s)),
      sink((s) => (err += s)),
    );
    return { code, out, err };
  } finally {
    process.chdir(before);
  }
}
