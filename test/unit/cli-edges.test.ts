// The built CLI at its edges (issue 15, item 6): directory trees with --recursive (symbolic link loops), 2,000
// inputs, a file named `-` and names that look like options, names with spaces and CJK, output that cannot be
// written; and each documented exit code (0 read, 1 some input failed, 2 usage, 3 output failed).
// One-thread runs call main() in this process (`one`, test/helpers/cli.ts); worker threads, stdin, stdout that
// fails or closes, ulimit and exit statuses run the built bin (`run`).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliRecord } from '../../src/node/extract-text';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runBin, runMain, type Run } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';

/** A small raw post (a few hundred bytes), detected as one: the pages of the trees below. */
const POST = join(FIXTURES, 'posts', 'tophub-title-only.md');
const PAGE = join(FIXTURES, 'rendered', 'ithome-tag-links.html');
let dir = '';
/** Per test: each CLI run is a second or two, many times that when the shared 2-core machine is busy. */
const SLOW = 120_000;

/** The built bin, in `dir` unless told. */
function run(args: string[], opts: { cwd?: string; input?: string; stdout?: number } = {}): Run {
  return runBin(args, { ...opts, cwd: opts.cwd ?? dir });
}

/** main() in this process, one thread, in `dir` unless told. */
function one(args: string[], cwd = dir): Promise<Run> {
  return runMain(args, { cwd });
}

/** The `file` field of each JSON record printed. */
function files(out: string): string[] {
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as CliRecord).file);
}

function put(path: string, from = POST): string {
  mkdirSync(join(path, '..'), { recursive: true });
  copyFileSync(from, path);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pnr-cli-edges-'));
});

describe('--recursive', () => {
  let tree = '';
  beforeAll(() => {
    tree = join(dir, 'site');
    // Pages at several depths, names out of creation order, every kind the walk reads, and what it leaves.
    for (const rel of ['b.md', 'a.html', 'c/z.HTM', 'c/y.markdown', 'c/d/x.htm', 'A.md', '新闻 报道/文章 一.html', 'e/only.md'])
      put(join(tree, rel));
    writeFileSync(join(tree, 'c', 'notes.txt'), 'not a page');
    writeFileSync(join(tree, 'c', 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    // Hexo's .deploy_git holds a copy of public/; node_modules holds packages' READMEs: neither is walked.
    put(join(tree, '.deploy_git', 'a.html'));
    put(join(tree, 'node_modules', 'pkg', 'README.md'));
    put(join(tree, 'c', '.hidden.md'));
    mkdirSync(join(tree, 'empty'));
  });

  it(
    'reads the pages under a directory, depth first in name order, the same with one thread or two',
    async () => {
      const single = await one(['extract', '--jobs', '1', '-r', 'site']);
      const two = run(['extract', '--recursive', '--jobs', '2', 'site']);
      const expected = [
        'site/A.md',
        'site/a.html',
        'site/b.md',
        'site/c/d/x.htm',
        'site/c/y.markdown',
        'site/c/z.HTM',
        'site/e/only.md',
        'site/新闻 报道/文章 一.html',
      ];
      for (const r of [single, two]) {
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        expect(files(r.out)).toEqual(expected);
      }
      expect(two.out).toBe(single.out);
      // The directory as written: a trailing slash or ./ is kept, not normalized away (the walk is the main thread's).
      expect(files((await one(['extract', '--jobs', '1', '-r', './site/c/'])).out)).toEqual([
        './site/c/d/x.htm',
        './site/c/y.markdown',
        './site/c/z.HTM',
      ]);
    },
    SLOW,
  );

  it(
    'a hidden directory or node_modules named on the command line is read',
    async () => {
      const r = await one(['extract', '--jobs', '1', '-r', 'site/.deploy_git', 'site/node_modules']);
      expect(r.code).toBe(0);
      expect(files(r.out)).toEqual(['site/.deploy_git/a.html', 'site/node_modules/pkg/README.md']);
    },
    SLOW,
  );

  it(
    'a directory without --recursive fails as that input, naming the flag; the others are read; exit 1',
    async () => {
      for (const jobs of ['1', '2']) {
        const args = ['extract', '--jobs', jobs, 'site/a.html', 'site/c', 'site/b.md'];
        const r = jobs === '1' ? await one(args) : run(args);
        expect(r.code).toBe(1);
        expect(r.err).toBe('site/c: is a directory (give --recursive to read the files under it)\n');
        expect(files(r.out)).toEqual(['site/a.html', 'site/b.md']);
      }
    },
    SLOW,
  );

  it(
    'a directory with nothing to read fails as that input; the others are read',
    async () => {
      const r = await one(['extract', '-r', 'site/empty', 'site/e']);
      expect(r.code).toBe(1);
      expect(r.err).toBe('site/empty: no .html, .htm, .md or .markdown files under it\n');
      expect(files(r.out)).toEqual(['site/e/only.md']);
    },
    SLOW,
  );

  it(
    'follows symbolic links; a loop is one warning on stderr, not followed, and the run goes on with 0',
    async () => {
      const root = join(dir, 'loops');
      put(join(root, 'a', 'one.md'));
      put(join(root, 'a', 'b', 'two.md'));
      put(join(root, 'shared', 'three.md'));
      symlinkSync('..', join(root, 'a', 'b', 'up')); // back to a
      symlinkSync('.', join(root, 'a', 'b', 'self'));
      symlinkSync('../shared', join(root, 'a', 'linked')); // not a loop: followed
      symlinkSync('../../shared/three.md', join(root, 'a', 'b', 'three-link.md'));
      for (const jobs of ['1', '2']) {
        const args = ['extract', '--jobs', jobs, '-r', 'loops/a'];
        const r = jobs === '1' ? await one(args) : run(args);
        expect(r.code).toBe(0);
        expect(r.err).toBe(
          'warning: loops/a/b/self: symbolic link loop (leads back to loops/a/b), not followed\n' +
            'warning: loops/a/b/up: symbolic link loop (leads back to loops/a), not followed\n',
        );
        expect(files(r.out)).toEqual(['loops/a/b/three-link.md', 'loops/a/b/two.md', 'loops/a/linked/three.md', 'loops/a/one.md']);
      }
    },
    SLOW,
  );

  it(
    'a link that loops through a directory above the one named is caught where it comes back round',
    async () => {
      const root = join(dir, 'round');
      put(join(root, 'x', 'p.md'));
      symlinkSync('..', join(root, 'x', 'top')); // `round` itself, above the `round/x` walked
      const r = await one(['extract', '-r', 'round/x']);
      expect(r.code).toBe(0);
      expect(r.err).toBe('warning: round/x/top/x: symbolic link loop (leads back to round/x), not followed\n');
      expect(files(r.out)).toEqual(['round/x/p.md']);
    },
    SLOW,
  );

  it(
    'a dangling link with a page name fails as that input; other dangling links are not inputs',
    async () => {
      const root = join(dir, 'dangling');
      put(join(root, 'ok.md'));
      symlinkSync('nowhere.html', join(root, 'gone.html'));
      symlinkSync('nowhere', join(root, 'gone-dir'));
      const r = await one(['extract', '--jobs', '1', '-r', 'dangling']);
      expect(r.code).toBe(1);
      expect(r.err).toBe('dangling/gone.html: broken symbolic link\n');
      expect(files(r.out)).toEqual(['dangling/ok.md']);
    },
    SLOW,
  );
});

describe('2,000 inputs', () => {
  it('a tree of 2,000 pages: every record, in order, no EMFILE with 128 file descriptors, memory bounded', async () => {
    const root = join(dir, 'many');
    const post = readFileSync(POST, 'utf8');
    const expected: string[] = [];
    // 20 directories of 100 pages; zero-padded names, so name order is creation order.
    for (let d = 0; d < 20; d++) {
      mkdirSync(join(root, `d${String(d).padStart(2, '0')}`), { recursive: true });
      for (let p = 0; p < 100; p++) {
        const n = d * 100 + p;
        const rel = join('many', `d${String(d).padStart(2, '0')}`, `p${String(p).padStart(3, '0')}.md`);
        writeFileSync(join(dir, rel), post.replace(/^title: .*$/m, `title: '第 ${n} 篇'`));
        expected.push(rel);
      }
    }
    // A low limit on open files: the CLI must not hold one per input (ulimit, then exec: the pid stays node's).
    const started = Date.now();
    const child = spawn('bash', ['-c', 'ulimit -n 128 && exec "$0" "$@"', process.execPath, BIN, 'extract', '-r', 'many'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    // The process's peak resident memory, workers included, from /proc (VmHWM only grows: the last read counts).
    let peakKB = 0;
    const sample = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKB = Math.max(peakKB, Number(m[1]));
      } catch {
        /* exited */
      }
    }, 100);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(sample);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `2,000 inputs: ${seconds.toFixed(1)} s, ${(2000 / seconds).toFixed(0)} inputs/s, peak RSS ${(peakKB / 1024).toFixed(0)} MB`,
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const recs = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as CliRecord);
    expect(recs).toHaveLength(2000);
    expect(recs.map((r) => r.file)).toEqual(expected);
    expect(recs.every((r, i) => r.title === `第 ${i} 篇` && r.kind === 'markdown-post')).toBe(true);
    // Bounded: output waits for its turn a few dozen inputs ahead at most, so 2,000 small pages stay far below
    // what the corpus run of large pages takes (about 500 MB). Linux only has /proc; there it must have sampled.
    if (existsSync('/proc/self/status')) {
      expect(peakKB).toBeGreaterThan(0);
      expect(peakKB / 1024).toBeLessThan(1024);
    }
  }, 600_000);
});

describe('a file named -, and names that look like options', () => {
  it(
    '- alone is stdin; a file named - is ./-',
    async () => {
      put(join(dir, 'dash', '-'), PAGE);
      const stdin = run(['extract', '-'], { cwd: join(dir, 'dash'), input: readFileSync(POST, 'utf8') });
      expect(stdin.code).toBe(0);
      expect(JSON.parse(stdin.out)).toMatchObject({ file: '-', kind: 'markdown-post' });
      const file = await one(['extract', './-'], join(dir, 'dash'));
      expect(file.code).toBe(0);
      expect(JSON.parse(file.out)).toMatchObject({ file: './-', kind: 'article' });
      // After -- a lone - still means stdin, as with cat and most tools.
      const after = run(['extract', '--', '-', './-'], { cwd: join(dir, 'dash'), input: readFileSync(POST, 'utf8') });
      expect(after.code).toBe(0);
      expect(files(after.out)).toEqual(['-', './-']);
    },
    SLOW,
  );

  it(
    '-- ends the options: files named --help and -x are read',
    async () => {
      const d = join(dir, 'optnames');
      put(join(d, '--help'));
      put(join(d, '-x'));
      for (const jobs of ['1', '2']) {
        const args = ['extract', '--jobs', jobs, '--', '--help', '-x', '--jobs'];
        const r = jobs === '1' ? await one(args, d) : run(args, { cwd: d });
        expect(r.code).toBe(1); // the file named --jobs does not exist
        expect(r.err).toBe('--jobs: no such file\n');
        expect(files(r.out)).toEqual(['--help', '-x']);
      }
      expect(files((await one(['extract', '--jobs', '1', './-x', './--help'], d)).out)).toEqual(['./-x', './--help']);
    },
    SLOW,
  );

  it(
    'without --, a word with a leading dash is an option: an unknown one is a usage error with the way out',
    async () => {
      const r = await one(['extract', '-x'], join(dir, 'optnames'));
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.split('\n')[0]).toBe('unknown option: -x (a file whose name starts with -: write ./-x, or put -- before it)');
    },
    SLOW,
  );
});

describe('names with spaces and CJK', () => {
  it(
    'are read and shown as given: the file field, the error messages',
    async () => {
      const good = put(join(dir, '新闻 报道', '文章 一.html'));
      put(join(dir, '新闻 报道', '列 表.html'), join(FIXTURES, 'listing', 'home.html'));
      writeFileSync(join(dir, '新闻 报道', '空 白.md'), '');
      for (const jobs of ['1', '2']) {
        const args = ['extract', '--jobs', jobs, '新闻 报道/文章 一.html', '新闻 报道/缺 失.html', '新闻 报道/空 白.md', good];
        const r = jobs === '1' ? await one(args) : run(args);
        expect(r.code).toBe(1);
        expect(r.err).toBe('新闻 报道/缺 失.html: no such file\n新闻 报道/空 白.md: empty file\n');
        expect(files(r.out)).toEqual(['新闻 报道/文章 一.html', good]);
      }
      const text = await one(['extract', '--format', 'text', '新闻 报道/列 表.html']);
      expect(text.code).toBe(0);
      expect(text.err).toBe('新闻 报道/列 表.html: not a proxied-news article (listing)\n');
      const walked = await one(['extract', '--jobs', '1', '-r', '新闻 报道']);
      expect(walked.code).toBe(1);
      expect(walked.err).toBe('新闻 报道/空 白.md: empty file\n');
      // 列 (U+5217) before 文 (U+6587): code unit order.
      expect(files(walked.out)).toEqual(['新闻 报道/列 表.html', '新闻 报道/文章 一.html']);
    },
    SLOW,
  );
});

describe('names that are not UTF-8', () => {
  it(
    'a page in a tree whose name is not UTF-8 fails as that input, saying why',
    async () => {
      const d = join(dir, 'latin1');
      put(join(d, 'ok\uFFFD.md')); // U+FFFD itself is a valid name
      // "é.html" in Latin-1: byte E9, not UTF-8; Node reads the name back as U+FFFD.
      writeFileSync(Buffer.concat([Buffer.from(d + '/'), Buffer.from([0xe9]), Buffer.from('.html')]), readFileSync(POST));
      const r = await one(['extract', '--jobs', '1', '-r', 'latin1']);
      expect(r.code).toBe(1);
      expect(r.err).toBe('latin1/\uFFFD.html: the name is not valid UTF-8, so it cannot be opened (rename it)\n');
      expect(files(r.out)).toEqual(['latin1/ok\uFFFD.md']);
    },
    SLOW,
  );
});

describe('output that cannot be written', () => {
  /** The CLI with stdout on `target` opened with `flags`. */
  function runTo(target: string, flags: string, args: string[]): Run {
    const fd = openSync(target, flags);
    try {
      return run(args, { stdout: fd });
    } finally {
      closeSync(fd);
    }
  }

  it.each([['1'], ['2']])(
    'stdout on a full device (/dev/full, ENOSPC, --jobs %s): one line on stderr, exit 3',
    (jobs) => {
      const r = runTo('/dev/full', 'w', ['extract', '--jobs', jobs, PAGE, POST, PAGE]);
      expect(r.code).toBe(3);
      expect(r.err).toBe('cannot write to stdout: no space left on device (ENOSPC); the output is incomplete\n');
    },
    SLOW,
  );

  it(
    'stdout open for reading only (EBADF): exit 3, named',
    () => {
      const r = runTo(POST, 'r', ['extract', PAGE]);
      expect(r.code).toBe(3);
      expect(r.err).toBe('cannot write to stdout: bad file descriptor (EBADF); the output is incomplete\n');
    },
    SLOW,
  );

  it(
    'an output failure outranks a failed input: 3, after the input named',
    () => {
      const r = runTo('/dev/full', 'w', ['extract', '--jobs', '1', join(dir, 'missing.html'), PAGE]);
      expect(r.code).toBe(3);
      expect(r.err).toBe(
        `${join(dir, 'missing.html')}: no such file\ncannot write to stdout: no space left on device (ENOSPC); the output is incomplete\n`,
      );
    },
    SLOW,
  );

  it(
    'a reader that goes away (EPIPE) still ends quietly with 0',
    () => {
      const script = '"$0" "$1" extract -r "$2" 2>"$3" | head -1 >/dev/null; echo "${PIPESTATUS[0]}"';
      const errFile = join(dir, 'epipe-err');
      const r = spawnSync('bash', ['-c', script, process.execPath, BIN, join(FIXTURES, 'rendered'), errFile], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.stdout.trim()).toBe('0');
      expect(readFileSync(errFile, 'utf8')).toBe('');
    },
    SLOW,
  );
});

describe('too few file descriptors to start a worker', () => {
  it(
    'every input fails with one clear message naming the limit to raise, no stack trace; exit 1',
    () => {
      // 20 descriptors: node itself starts, its worker threads cannot (EMFILE at their start).
      const inputs = [PAGE, POST];
      const r = spawnSync('bash', ['-c', 'ulimit -n 20 && exec "$0" "$@"', process.execPath, BIN, 'extract', '--jobs', '2', ...inputs], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(inputs.length);
      for (const [i, line] of lines.entries()) {
        expect(line.startsWith(`${inputs[i]}: cannot start a worker thread (`)).toBe(true);
        expect(line).toContain('raise the open-file limit (ulimit -n)');
      }
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    },
    SLOW,
  );
});

describe('exit codes', () => {
  it(
    '0, 1, 2 and 3, each as --help and the README document them',
    () => {
      const help = run(['extract', '--help']);
      expect(help.code).toBe(0);
      const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
      for (const code of ['0', '1', '2', '3']) {
        expect(help.out).toMatch(new RegExp(`^  ${code}  \\S`, 'm'));
        expect(readme).toMatch(new RegExp(`^\\| ${code} \\| `, 'm'));
      }
      expect(run(['extract', PAGE]).code).toBe(0);
      expect(run(['extract', join(dir, 'missing.html'), PAGE]).code).toBe(1);
      expect(run(['extract', '--recursive']).code).toBe(2);
      const fd = openSync('/dev/full', 'w');
      try {
        expect(run(['extract', PAGE], { stdout: fd }).code).toBe(3);
      } finally {
        closeSync(fd);
      }
    },
    SLOW,
  );
});
