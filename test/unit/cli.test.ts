// The CLI as a user runs it: built JS under plain node (npm test builds it first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decode } from '../../src/node/read-input';
import { FIXTURES } from '../helpers/fixtures';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'build', 'cli', 'proxied-news.js');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  const r = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}, 60_000);

describe('proxied-news extract', () => {
  it('prints one JSON object per input with the documented fields', () => {
    const page = join(FIXTURES, 'rendered', '72b5.html');
    const post = join(FIXTURES, 'posts', 'midea-china-mobile-5g.md');
    const r = run(['extract', '--format', 'json', page, post]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    const [a, b] = lines;
    expect(a).toMatchObject({ file: page, detected: true, kind: 'article', categories: ['游戏', '游研社', '游研社 - 分类文章'] });
    expect(a.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const key of ['title', 'cover', 'images', 'topics', 'text', 'html', 'markdown']) expect(a).toHaveProperty(key);
    expect(b).toMatchObject({ kind: 'markdown-post', title: '美的集团与中国移动签署战略合作框架协议，共建5G+新生态' });
    expect(b.cover).toEqual({ url: 'http://images.ofweek.com/Upload/News/2021-08/31/Leslie/1630398715070020564.jpg', placeholder: false, proxied: true });
    expect(b.topics.map((t: { text: string }) => t.text)).toContain('移动通信');
    for (const rec of lines) {
      const copied = JSON.stringify([rec.text, rec.html, rec.markdown, rec.images.map((i: { url: string }) => i.url), rec.cover?.url]);
      expect(copied).not.toContain('cors.zfour.workers.dev');
    }
  });

  it('prints text, markdown and html, and reads stdin', () => {
    const post = join(FIXTURES, 'posts', 'midea-china-mobile-5g.md');
    const text = run(['extract', '--format', 'text', post]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('8月31日，美的集团股份有限公司');
    expect(text.out).not.toContain('<');
    const md = run(['extract', '--format', 'markdown', '-'], readFileSync(post, 'utf8'));
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/!\[[^\]]*\]\(http:\/\/images\.ofweek\.com\//);
    const html = run(['extract', '--format=html', post]);
    expect(html.code).toBe(0);
    expect(html.out).toContain('<p>8月31日，美的集团');
    expect(html.out).not.toContain('style=');
  });

  it('names every bad input on stderr, still processes the rest, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pnr-cli-'));
    const empty = join(dir, 'empty.html');
    const binary = join(dir, 'image.png');
    writeFileSync(empty, '');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]));
    mkdirSync(join(dir, 'adir'));
    const good = join(FIXTURES, 'rendered', '44d7.html');
    const r = run(['extract', empty, join(dir, 'missing.html'), binary, join(dir, 'adir'), good]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${empty}: empty file`);
    expect(r.err).toContain('missing.html: no such file');
    expect(r.err).toContain(`${binary}: binary file`);
    expect(r.err).toContain('adir: is a directory');
    const out = r.out.trim().split('\n');
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]!).file).toBe(good);
  });

  it('decodes a page whose meta charset says GBK', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pnr-cli-'));
    const page = join(dir, 'gbk.html');
    // 中文 in GBK is D6 D0 CE C4.
    const head = Buffer.from('<html><head><meta charset="gbk"><title>t</title></head><body><p>', 'latin1');
    writeFileSync(page, Buffer.concat([head, Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('</p></body></html>')]));
    const r = run(['extract', page]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ detected: false, kind: 'none' });
    expect(decode(readFileSync(page), page)).toContain('<p>中文</p>');
  });

  it('says what is wrong with the command line and exits 2', () => {
    expect(run([]).code).toBe(2);
    expect(run(['extract']).err).toContain('no input files');
    const bad = run(['extract', '--format', 'pdf', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--format must be one of');
  });

  it('reports a listing page as not an article, without failing', () => {
    const listing = join(FIXTURES, 'listing', 'index.html');
    const json = run(['extract', listing]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ detected: false, kind: 'listing' });
    const text = run(['extract', '--format', 'text', listing]);
    expect(text.code).toBe(0);
    expect(text.err).toContain('not a proxied-news article (listing)');
  });
});
