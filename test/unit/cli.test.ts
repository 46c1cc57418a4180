// The CLI: what one thread prints through main() in this process; stdin, worker threads and a stdout that closes
// through the built bin under plain node, as a user runs it (built once per run: test/setup/build-cli.ts).
import type { CliRecord } from '../../src/node/extract-text';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { START_SEMI_SPACE_MB, workerOptions } from '../../src/cli/pool';
import { decode } from '../../src/node/read-input';
import { BIN, ROOT, runBin, runMain } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';

/** The built bin: stdin, worker threads. */
const run = (args: string[], input?: string) => runBin(args, { input });

/** Every fixture the CLI reads: article pages, raw posts, listings, NexT renderings. */
function allFixtures(): string[] {
  return ['rendered', 'posts', 'listing', 'next'].flatMap((dir) =>
    readdirSync(join(FIXTURES, dir))
      .filter((f) => /\.(html|md)$/.test(f))
      .sort()
      .map((f) => join(FIXTURES, dir, f)),
  );
}

/** A fixed shuffle, so that input order is neither name nor size order. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let x = 7;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('proxied-news extract', () => {
  // One thread; that worker threads print the same, byte for byte, for every fixture: `--jobs` below.
  it('prints one JSON object per input with the documented fields', async () => {
    const page = join(FIXTURES, 'rendered', 'yystv-lazy-original.html');
    const post = join(FIXTURES, 'posts', 'ofweek-seed.md');
    const r = await runMain(['extract', '--format', 'json', '--jobs', '1', page, post]);
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as CliRecord);
    expect(lines).toHaveLength(2);
    const [a, b] = lines as [CliRecord, CliRecord];
    expect(a).toMatchObject({ file: page, detected: true, kind: 'article', categories: ['游戏', '游研社', '游研社 - 分类文章'] });
    expect(a.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const key of ['title', 'cover', 'images', 'topics', 'text', 'html', 'markdown']) expect(a).toHaveProperty(key);
    expect(b).toMatchObject({ kind: 'markdown-post', title: '美的集团与中国移动签署战略合作框架协议，共建5G+新生态' });
    expect(b.cover).toEqual({
      url: 'http://images.ofweek.com/Upload/News/2021-08/31/Leslie/1630398715070020564.jpg',
      placeholder: false,
      proxied: true,
    });
    expect(b.topics.map((t: { text: string }) => t.text)).toContain('移动通信');
    for (const rec of lines) {
      const copied = JSON.stringify([rec.text, rec.html, rec.markdown, rec.images.map((i: { url: string }) => i.url), rec.cover?.url]);
      expect(copied).not.toContain('cors.zfour.workers.dev');
    }
  });

  it('prints text, markdown and html, and reads stdin', async () => {
    const post = join(FIXTURES, 'posts', 'ofweek-seed.md');
    const text = await runMain(['extract', '--format', 'text', post]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('8月31日，美的集团股份有限公司');
    expect(text.out).not.toContain('<');
    const md = run(['extract', '--format', 'markdown', '-'], readFileSync(post, 'utf8'));
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/!\[[^\]]*\]\(http:\/\/images\.ofweek\.com\//);
    const html = await runMain(['extract', '--format=html', post]);
    expect(html.code).toBe(0);
    expect(html.out).toContain('<p>8月31日，美的集团');
    expect(html.out).not.toContain('style=');
  });

  // One thread; the same inputs with worker threads: `--jobs` below.
  it('names every bad input on stderr, still processes the rest, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pnr-cli-'));
    const empty = join(dir, 'empty.html');
    const binary = join(dir, 'image.png');
    writeFileSync(empty, '');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]));
    mkdirSync(join(dir, 'adir'));
    const good = join(FIXTURES, 'rendered', 'ithome-tag-links.html');
    const r = await runMain(['extract', '--jobs', '1', empty, join(dir, 'missing.html'), binary, join(dir, 'adir'), good]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${empty}: empty file`);
    expect(r.err).toContain('missing.html: no such file');
    expect(r.err).toContain(`${binary}: binary file`);
    expect(r.err).toContain('adir: is a directory (give --recursive to read the files under it)');
    const out = r.out.trim().split('\n');
    expect(out).toHaveLength(1);
    expect((JSON.parse(out[0]!) as CliRecord).file).toBe(good);
  });

  it('decodes a page whose meta charset says GBK', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pnr-cli-'));
    const page = join(dir, 'gbk.html');
    // 中文 in GBK is D6 D0 CE C4.
    const head = Buffer.from('<html><head><meta charset="gbk"><title>t</title></head><body><p>', 'latin1');
    writeFileSync(page, Buffer.concat([head, Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('</p></body></html>')]));
    const r = await runMain(['extract', page]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ detected: false, kind: 'none' });
    expect(decode(readFileSync(page), page)).toContain('<p>中文</p>');
  });

  it('says what is wrong with the command line and exits 2', async () => {
    expect((await runMain([])).code).toBe(2);
    expect((await runMain(['extract'])).err).toContain('no input files');
    const bad = await runMain(['extract', '--format', 'pdf', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--format must be one of');
  });

  it('reports a listing page as not an article, without failing', async () => {
    const listing = join(FIXTURES, 'listing', 'home.html');
    const json = await runMain(['extract', listing]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ detected: false, kind: 'listing' });
    const text = await runMain(['extract', '--format', 'text', listing]);
    expect(text.code).toBe(0);
    expect(text.err).toContain('not a proxied-news article (listing)');
  });
});

describe('proxied-news extract --jobs', () => {
  // One thread in this process, worker threads in the built bin.
  it('worker threads print byte for byte what one thread prints, in input order', async () => {
    const files = shuffled(allFixtures());
    expect(files.length).toBeGreaterThan(30);
    for (const [format, jobsList] of [
      ['json', ['2', '3']],
      ['text', ['2']],
    ] as const) {
      const one = await runMain(['extract', '--format', format, '--jobs', '1', ...files]);
      expect(one.code, one.err).toBe(0);
      for (const jobs of jobsList) {
        const many = run(['extract', '--format', format, '--jobs', jobs, ...files]);
        expect(many.code).toBe(0);
        expect(many.out === one.out, `--format ${format} --jobs ${jobs}: stdout differs from --jobs 1`).toBe(true);
        expect(many.err).toBe(one.err);
      }
      if (format === 'json')
        expect(
          one.out
            .trim()
            .split('\n')
            .map((l) => (JSON.parse(l) as CliRecord).file),
        ).toEqual(files);
    }
  }, 120_000);

  it('starts each worker with young-generation semi-spaces of START_SEMI_SPACE_MB (V8 alone: 4 MB)', async () => {
    const worker = new Worker(
      `require('node:worker_threads').parentPort.postMessage(
         require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size)`,
      { eval: true, ...workerOptions({ format: 'json', url: undefined }) },
    );
    const bytes = await new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(bytes / 2 ** 20).toBeGreaterThanOrEqual(START_SEMI_SPACE_MB);
  });

  it('the same page many times over stays the same page (one window serves every input)', () => {
    const page = join(FIXTURES, 'rendered', 'yystv-lazy-original.html');
    const files = Array.from({ length: 24 }, () => page);
    const r = run(['extract', '--jobs', '2', ...files]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(24);
    expect(new Set(lines).size).toBe(1);
  }, 60_000);

  it('bad inputs among good ones: each named on stderr in input order, the good ones printed in order, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pnr-cli-jobs-'));
    const empty = join(dir, 'empty.html');
    const binary = join(dir, 'image.png');
    writeFileSync(empty, '');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]));
    mkdirSync(join(dir, 'adir'));
    const missing = join(dir, 'missing.html');
    const good = [
      join(FIXTURES, 'rendered', 'ithome-tag-links.html'),
      join(FIXTURES, 'posts', 'ithome-tag-links.md'),
      join(FIXTURES, 'rendered', 'iplaysoft-keyword-links.html'),
    ];
    const inputs = [good[0]!, empty, missing, good[1]!, binary, join(dir, 'adir'), good[2]!, '/dev/zero'];
    const one = run(['extract', '--jobs', '1', ...inputs]); // the bin: /dev/zero read forever would be killed
    const many = run(['extract', '--jobs', '2', ...inputs]);
    for (const r of [one, many]) {
      expect(r.code).toBe(1);
      expect(r.err).toBe(
        [
          `${empty}: empty file`,
          `${missing}: no such file`,
          `${binary}: binary file (contains NUL bytes), not HTML or Markdown`,
          `${join(dir, 'adir')}: is a directory (give --recursive to read the files under it)`,
          `/dev/zero: too large (more than ${32 * 1024 * 1024} bytes)`,
        ].join('\n') + '\n',
      );
      expect(
        r.out
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as CliRecord).file),
      ).toEqual(good);
    }
    expect(many.out).toBe(one.out);
  }, 60_000);

  it('reads stdin in worker mode too: once, in its place among the files', () => {
    const post = join(FIXTURES, 'posts', 'ofweek-seed.md');
    const page = join(FIXTURES, 'rendered', 'ithome-tag-links.html');
    const input = readFileSync(post, 'utf8');
    const one = run(['extract', '--jobs', '1', page, '-', page, '-'], input);
    const many = run(['extract', '--jobs', '2', page, '-', page, '-'], input);
    for (const r of [one, many]) {
      expect(r.code).toBe(1);
      expect(r.err).toBe('<stdin>: empty file\n');
      const recs = r.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as CliRecord);
      expect(recs.map((x) => [x.file, x.kind])).toEqual([
        [page, 'article'],
        ['-', 'markdown-post'],
        [page, 'article'],
      ]);
    }
    expect(many.out).toBe(one.out);
  }, 60_000);

  it('--jobs takes a whole number from 1', async () => {
    for (const bad of [['--jobs', '0'], ['--jobs', 'two'], ['--jobs=-1'], ['--jobs', '1.5'], ['--jobs']]) {
      const r = await runMain(['extract', ...bad, join(FIXTURES, 'rendered', 'ithome-tag-links.html')]);
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.err).toContain('--jobs must be');
      expect(r.out).toBe('');
    }
    const r = run([
      'extract',
      '--jobs=64',
      join(FIXTURES, 'rendered', 'ithome-tag-links.html'),
      join(FIXTURES, 'posts', 'ithome-tag-links.md'),
    ]);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(2);
  }, 60_000);
});

describe('proxied-news extract when stdout closes early', () => {
  // Enough output to fill any pipe: the CLI is still writing when the reader goes.
  const files = Array.from({ length: 8 }, () => allFixtures()).flat();

  it.each([['1'], ['2']])(
    '| head -1 (--jobs %s): status 0, nothing on stderr',
    (jobs) => {
      const dir = mkdtempSync(join(tmpdir(), 'pnr-cli-pipe-'));
      const err = join(dir, 'err');
      // A real shell pipeline, as the user types it; PIPESTATUS[0] is the CLI's own status.
      const script = '"$0" "$1" extract --jobs "$2" "${@:4}" 2>"$3" | head -1 >/dev/null; echo "${PIPESTATUS[0]}"';
      const r = spawnSync('bash', ['-c', script, process.execPath, BIN, jobs, err, ...files], { encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('0');
      expect(readFileSync(err, 'utf8')).toBe('');
    },
    70_000,
  );

  it.each([['1'], ['2']])(
    'the reader goes after one line (--jobs %s): exit 0, stderr empty, workers stopped',
    async (jobs) => {
      // Last input: a named pipe nobody writes to. A CLI that went on reading its inputs after the reader left would
      // block on it for ever (and this test time out); one that stopped never opens it.
      const fifo = join(mkdtempSync(join(tmpdir(), 'pnr-cli-fifo-')), 'never-written');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      const child = spawn(process.execPath, [BIN, 'extract', '--jobs', jobs, ...files, fifo], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
      let seen = '';
      const status = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
        child.stdout.setEncoding('utf8').on('data', (c: string) => {
          seen += c;
          if (seen.includes('\n')) child.stdout.destroy();
        });
        child.on('close', (code, signal) => resolve({ code, signal }));
      });
      expect((JSON.parse(seen.slice(0, seen.indexOf('\n'))) as CliRecord).file).toBe(files[0]);
      expect(err).toBe('');
      expect(status).toEqual({ code: 0, signal: null });
    },
    60_000,
  );
});
