// The CLI on bad input, beyond test/unit/cli.test.ts: malformed and truncated HTML, binary files that hold
// no NUL byte, inputs over MAX_INPUT_BYTES (a file, a device that never ends, stdin), a GBK-encoded article,
// odd stdin, odd command lines, hostile pages. Each bad input gets one clear stderr line naming it; the others are
// still processed; exit codes are the documented 0 / 1 / 2. main() in this process, one thread (test/helpers/cli.ts);
// stdin through the built bin; and every input of the one-thread runs again through the bin's worker threads, in
// one spawn, which must print the same.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliRecord } from '../../src/node/extract-text';
import { beforeAll, describe, expect, it } from 'vitest';
import { decode, MAX_INPUT_BYTES } from '../../src/node/read-input';
import { runBin, runMain, type Run } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';
import { buildPage } from '../helpers/page-builder';
import { htmlProblems, markdownProblems } from '../security/safety';
import { XSS_VECTORS } from '../security/xss-vectors';

const GOOD = join(FIXTURES, 'rendered', 'ithome-tag-links.html');
let dir = '';

/** The inputs of every one-thread run below, in order: read again with worker threads at the end. */
const threaded: string[] = [];

/** main() in this process, one thread (`extract --jobs 1 ...inputs` for `extract ...inputs`). */
async function run(args: string[]): Promise<Run> {
  if (args[0] !== 'extract') return runMain(args);
  const rest = args.slice(1);
  const inputs = rest.filter((a, i) => !a.startsWith('-') && rest[i - 1] !== '--format');
  if (rest.length === inputs.length) threaded.push(...inputs);
  return runMain(['extract', '--jobs', '1', ...rest]);
}

/** stdin: the built bin. */
const withStdin = (args: string[], input: string | Buffer) => runBin(args, { input });
/** A test with spawns of the bin: a few seconds each, many times that on a busy machine. */
const SPAWNS = 120_000;

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The JSON records printed, one per line. */
function records(out: string): { file: string; detected: boolean; kind: string; title: string | null; text: string }[] {
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CliRecord);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pnr-cli-bad-'));
}, 60_000);

// ---------------------------------------------------------------- a GBK encoder from Node's GBK decoder

let gbkTable: Map<string, number[]> | null = null;

/** The text as a GBK page holds it: characters outside GBK as character references. */
function gbkText(text: string): string {
  gbkEncode('');
  return Array.from(text, (ch) => (ch.codePointAt(0)! < 0x80 || gbkTable!.has(ch) ? ch : `&#${ch.codePointAt(0)};`)).join('');
}

/** Every two-byte GBK code, decoded once with TextDecoder('gbk'): the reverse map is an encoder. */
function gbkEncode(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk', { fatal: true });
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        try {
          const ch = dec.decode(Uint8Array.of(hi, lo));
          if (ch.length === 1 && !gbkTable.has(ch)) gbkTable.set(ch, [hi, lo]);
        } catch {
          /* not a GBK code */
        }
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else {
      const code = gbkTable.get(ch);
      // Outside GBK, as a GBK page writes it: a character reference.
      if (code) bytes.push(...code);
      else for (const c of `&#${cp};`) bytes.push(c.charCodeAt(0));
    }
  }
  return Buffer.from(bytes);
}

describe('malformed input', () => {
  it('malformed and truncated HTML: read without a crash, exit 0', async () => {
    const garbage = file('garbage.html', '<<<>>>&&&<div<p>< /b></i><table><tr><td>\u0007 <!-- <![CDATA[ ]]> <x y="""""">');
    const page = readFileSync(GOOD, 'utf8');
    const truncated = file('truncated.html', page.slice(0, page.indexOf('三星购买没有最低交易金额') + 20));
    const r = await run(['extract', garbage, truncated]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [a, b] = records(r.out);
    expect(a).toMatchObject({ file: garbage, detected: false, kind: 'none' });
    expect(b).toMatchObject({ file: truncated, detected: true, kind: 'article' });
    expect(b!.text).toContain('三星购买没有最低交易金额');
  });

  it('a binary file without NUL bytes is refused as binary; the rest still run', async () => {
    // Bytes 1..255 in a fixed shuffle: like compressed or encrypted data, no NUL, many control bytes.
    const bytes = Buffer.alloc(20_000);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = 1 + (x % 255);
    }
    const noise = file('noise.bin', bytes);
    const r = await run(['extract', noise, GOOD]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${noise}: binary file (control bytes), not HTML or Markdown\n`);
    expect(records(r.out).map((x) => x.file)).toEqual([GOOD]);
  });

  it('text with a few stray control characters is still text', async () => {
    const page = readFileSync(GOOD, 'utf8').replace('三星购买', '三星\u0008购买\u0001');
    const r = await run(['extract', file('stray-controls.html', page)]);
    expect(r.code).toBe(0);
    expect(records(r.out)[0]).toMatchObject({ detected: true });
  });
});

describe('inputs over the size limit', () => {
  it(`a 50 MB file is refused by size (limit ${MAX_INPUT_BYTES} bytes) before it is read; the others still run`, async () => {
    const big = join(dir, 'big.html');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x61));
    const r = await run(['extract', big, GOOD]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${big}: too large (${50 * 1024 * 1024} bytes; limit ${MAX_INPUT_BYTES})\n`);
    expect(records(r.out).map((x) => x.file)).toEqual([GOOD]);
  });

  // The bin, so that a read that never ends is killed (timeout) rather than hanging this process.
  it(
    'a device that never ends (/dev/zero) is refused once the limit is passed, not read forever',
    () => {
      const r = runBin(['extract', '--jobs', '1', '/dev/zero', GOOD]);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(1);
      expect(r.err).toBe(`/dev/zero: too large (more than ${MAX_INPUT_BYTES} bytes)\n`);
      expect(records(r.out).map((x) => x.file)).toEqual([GOOD]);
    },
    SPAWNS,
  );

  it(
    'stdin over the limit is refused the same way',
    () => {
      const r = withStdin(['extract', '-'], Buffer.alloc(MAX_INPUT_BYTES + 10, 0x61));
      expect(r.code).toBe(1);
      expect(r.err).toBe(`<stdin>: too large (more than ${MAX_INPUT_BYTES} bytes)\n`);
      expect(r.out).toBe('');
    },
    SPAWNS,
  );
});

describe('GBK', () => {
  it('the test encoder round-trips through TextDecoder("gbk")', () => {
    const text = '三星在印度推出信用卡服务，购买智能手机、电脑、电视等可获得返现。IT之家 9 月 26 日消息';
    const bytes = gbkEncode(text);
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xc8, 0xfd])); // 三
    expect(new TextDecoder('gbk').decode(bytes)).toBe(text);
  });

  it.each([
    ['<meta charset=gbk>', 'meta charset'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', 'http-equiv gb2312'],
  ])('a GBK-encoded article page (%s) reads as the article', async (meta) => {
    const title = '三星在印度推出信用卡服务，购买智能手机等可获得返现';
    const html = buildPage({
      title,
      categories: ['新媒体', 'IT 之家', '分类资讯'],
      body: '<p>三星印度宣布与 Axis Bank 合作推出一款信用卡。该公司提供 10% 的购物返现。😀</p>',
    }).replace('<meta charset=utf-8>', meta);
    const bytes = gbkEncode(html);
    expect(bytes.includes(Buffer.from('三星', 'utf8'))).toBe(false); // really not UTF-8
    const page = file(`gbk-${meta.length}.html`, bytes);
    expect(decode(readFileSync(page), page)).toBe(gbkText(html));
    expect(gbkText(html)).toContain('&#128512;'); // the emoji, outside GBK
    const r = await run(['extract', page]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [rec] = records(r.out) as unknown as { title: string; categories: string[]; text: string; detected: boolean }[];
    expect(rec).toMatchObject({ detected: true, title, categories: ['新媒体', 'IT 之家', '分类资讯'] });
    expect(rec!.text).toContain('三星印度宣布与 Axis Bank 合作推出一款信用卡。该公司提供 10% 的购物返现。😀');
  });
});

describe('stdin and the command line', () => {
  it(
    'empty stdin, whitespace-only stdin and binary stdin each name <stdin>',
    () => {
      expect(withStdin(['extract', '-'], '')).toMatchObject({ code: 1, err: '<stdin>: empty file\n', out: '' });
      const blank = withStdin(['extract', '-'], '  \n\t\n');
      expect(blank.code).toBe(0);
      expect(records(blank.out)[0]).toMatchObject({ file: '-', detected: false, kind: 'none' });
      const bin = withStdin(['extract', '-', GOOD], Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]));
      expect(bin.code).toBe(1);
      expect(bin.err).toBe('<stdin>: binary file (contains NUL bytes), not HTML or Markdown\n');
      expect(records(bin.out).map((x) => x.file)).toEqual([GOOD]);
    },
    SPAWNS,
  );

  it(
    'stdin given twice is read once; the second is empty',
    () => {
      const r = withStdin(['extract', '-', '-'], readFileSync(GOOD));
      expect(r.code).toBe(1);
      expect(records(r.out)).toHaveLength(1);
      expect(r.err).toBe('<stdin>: empty file\n');
    },
    SPAWNS,
  );

  it('file names with spaces, CJK and a leading dash are files', async () => {
    const spaced = file('带 空格 的.html', readFileSync(GOOD));
    const dashed = file('-dash.html', readFileSync(GOOD));
    const r = await run(['extract', spaced, dashed]);
    expect(r.code).toBe(0);
    expect(records(r.out).map((x) => x.file)).toEqual([spaced, dashed]);
  });

  it('usage errors exit 2 and name the problem; nothing is read', async () => {
    expect(await runMain(['extract', '--format'])).toMatchObject({ code: 2 });
    expect((await runMain(['extract', '--format'])).err).toContain('--format must be one of');
    expect((await runMain(['extract', '--url'])).err).toContain('no input files');
    expect((await runMain(['extract', '--url'])).code).toBe(2);
    const unknown = await runMain(['extract', '--verbose', GOOD]);
    expect(unknown).toMatchObject({ code: 2, out: '' });
    expect(unknown.err).toContain('unknown option: --verbose');
    expect((await runMain(['frobnicate', GOOD])).err).toContain('unknown command: frobnicate');
    expect(await runMain(['--help'])).toMatchObject({ code: 0 });
  });

  it('a missing file among good ones: exit 1, the good ones printed in order', async () => {
    const missing = join(dir, 'nope.html');
    const r = await run(['extract', '--format', 'text', GOOD, missing, GOOD]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${missing}: no such file\n`);
    expect(r.out.split('\n').filter((l) => l.includes('三星')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('hostile pages through the CLI', () => {
  const body = XSS_VECTORS.filter((v) => v.where === 'body')
    .map((v) => v.payload)
    .join('\n<p>—</p>\n');
  it('--format html and --format markdown print safe output for a page holding every body vector', async () => {
    const page = file('xss.html', buildPage({ title: '<img src=x onerror=top.__pwned++>', body }));
    const html = await run(['extract', '--format', 'html', page]);
    expect(html.code).toBe(0);
    expect(htmlProblems(html.out)).toEqual([]);
    const md = await run(['extract', '--format', 'markdown', page]);
    expect(md.code).toBe(0);
    expect(markdownProblems(md.out)).toEqual([]);
    const json = records((await run(['extract', page])).out)[0]!;
    expect(json.title).toBe('<img src=x onerror=top.__pwned++>');
  });
});

describe('the same inputs with worker threads', () => {
  // After every test above (files run their tests in order): one spawn of the built bin, its default --jobs (a
  // thread per core, at least two here), over every input the one-thread runs read.
  it('print byte for byte what one thread prints, and fail the same inputs the same way', async () => {
    expect(threaded.length).toBeGreaterThan(10);
    const one = await runMain(['extract', '--jobs', '1', ...threaded]);
    const many = runBin(['extract', '--jobs', '2', ...threaded]);
    expect(many.code).toBe(1);
    expect(many.err).toBe(one.err);
    expect(many.out === one.out, 'stdout with worker threads differs from one thread').toBe(true);
    // The bad ones are there to fail: each named once.
    expect(one.err).toContain('too large (52428800 bytes');
    expect(one.err).toContain('binary file (control bytes)');
  }, 120_000);
});
