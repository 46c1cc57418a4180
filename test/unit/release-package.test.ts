// The store packages (scripts/package.mjs): the zips are byte-identical from one packaging to the next and in any
// time zone, and the sources archive given to addons.mozilla.org rebuilds the Firefox package byte for byte in
// another directory. Two Firefox builds (about 2 s each here), so this file runs once, in the unit project.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnvironment, fillBuildEnvironment, sourcesZip, trackedFiles } from '../../scripts/lib/sources.mjs';
import { LISTING_LOCALES, parseListing, permissionsOf } from '../../scripts/lib/store-listing.mjs';
import { BUILD_BOOKKEEPING, extensionZip, listFiles, unzipFiles, zipFiles } from '../../scripts/lib/zip.mjs';

const ROOT = path.join(import.meta.dirname, '..', '..');
const BUILD_TIMEOUT = 180_000;

let work: string;
let firefoxDir: string;

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} in ${cwd} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** `vite build --mode firefox` as `npm run build:firefox` runs it, into `outDir` when given. */
function buildFirefox(cwd: string, outDir?: string): void {
  run(
    process.execPath,
    [
      path.join(cwd, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--mode',
      'firefox',
      '--logLevel',
      'error',
      ...(outDir ? ['--outDir', outDir] : []),
    ],
    cwd,
  );
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'pnr-release-'));
  // The repository's own Firefox build, outside dist/ (the browser tests build there).
  firefoxDir = path.join(work, 'firefox');
  buildFirefox(ROOT, firefoxDir);
}, BUILD_TIMEOUT);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('store zips', () => {
  it('two packagings of the same build give the same bytes, whatever the time zone', () => {
    const first = extensionZip(firefoxDir);
    expect(Buffer.compare(Buffer.from(first), Buffer.from(extensionZip(firefoxDir)))).toBe(0);
    // fflate stamps entries in local time: the fixed stamp must not move with the zone (two small files suffice).
    const script = `import { zipFiles } from './scripts/lib/zip.mjs';
      const z = zipFiles([{ name: 'b.js', data: Buffer.from('b') }, { name: 'a/c.txt', data: Buffer.from('c'.repeat(100)) }]);
      process.stdout.write(Buffer.from(z).toString('base64'));`;
    const inZone = (tz: string) => run(process.execPath, ['--input-type=module', '-e', script], ROOT, { ...process.env, TZ: tz });
    const reference = inZone('UTC');
    expect(inZone('America/Los_Angeles')).toBe(reference);
    expect(inZone('Asia/Shanghai')).toBe(reference);
  });

  it('holds every built file, sorted, with its bytes, and no build bookkeeping', () => {
    const zip = Buffer.from(extensionZip(firefoxDir));
    const entries = unzipFiles(zip);
    const files = listFiles(firefoxDir, BUILD_BOOKKEEPING);
    expect(Object.keys(entries)).toEqual(files);
    expect(files).toContain('manifest.json');
    expect(files.some((f) => f.startsWith('.vite/'))).toBe(false);
    for (const f of files) expect(Buffer.compare(Buffer.from(entries[f]!), readFileSync(path.join(firefoxDir, f))), f).toBe(0);
    // First local header: DOS time 00:00, date 1980-01-01 ((0 << 9) | (1 << 5) | 1).
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt16LE(10)).toBe(0);
    expect(zip.readUInt16LE(12)).toBe(0x21);
  });

  it('orders entries by name, not by the order given, and refuses unsafe or duplicate names', () => {
    const a = { name: 'b/x.js', data: Buffer.from('x') };
    const b = { name: 'a.txt', data: Buffer.from('a') };
    expect(Buffer.compare(Buffer.from(zipFiles([a, b])), Buffer.from(zipFiles([b, a])))).toBe(0);
    expect(Object.keys(unzipFiles(zipFiles([a, b])))).toEqual(['a.txt', 'b/x.js']);
    expect(() => zipFiles([{ name: '../evil', data: Buffer.from('') }])).toThrow(/unsafe/);
    expect(() => zipFiles([b, { ...b }])).toThrow(/duplicate/);
  });
});

describe('sources archive for addons.mozilla.org', () => {
  it(
    'rebuilds the Firefox package byte for byte in another directory',
    () => {
      const firefoxZip = unzipFiles(extensionZip(firefoxDir));
      const env = buildEnvironment();
      const { archive, files } = sourcesZip(ROOT, env);
      const sources = unzipFiles(archive);
      // Tracked files only: nothing installed, built or local.
      expect(files).toEqual(trackedFiles(ROOT).map((f) => f.name));
      expect(files.filter((f) => /^(node_modules|dist|build|artifacts)\//.test(f))).toEqual([]);
      expect(files).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'BUILDING.md', 'vite.config.ts']));
      const building = Buffer.from(sources['BUILDING.md']!).toString('utf8');
      expect(building).toContain(`Node.js ${env.node}`);
      expect(building).toContain(`npm ${env.npm}`);

      const dir = path.join(work, 'sources');
      for (const [name, data] of Object.entries(sources)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), data);
      }
      // In place of `npm ci`: the repository's node_modules, installed from the same package-lock.json that the
      // archive carries (npm ci would take minutes and the network, and prove only npm).
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      buildFirefox(dir);

      const rebuilt = path.join(dir, 'dist', 'firefox');
      const rebuiltFiles = listFiles(rebuilt, BUILD_BOOKKEEPING);
      expect(rebuiltFiles).toEqual(Object.keys(firefoxZip));
      const differing = rebuiltFiles.filter((f) => Buffer.compare(readFileSync(path.join(rebuilt, f)), Buffer.from(firefoxZip[f]!)) !== 0);
      expect(differing).toEqual([]);
    },
    BUILD_TIMEOUT,
  );

  it('every permission of the built Firefox manifest is explained in every listing', () => {
    const manifest = JSON.parse(readFileSync(path.join(firefoxDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const required = permissionsOf(manifest);
    expect(required.length).toBeGreaterThan(0);
    for (const locale of LISTING_LOCALES) {
      const listing = parseListing(readFileSync(path.join(ROOT, 'store', `${locale}.md`), 'utf8'));
      const explained = listing.permissions.flatMap((p) => p.keys);
      expect(
        required.filter((k) => !explained.includes(k)),
        locale,
      ).toEqual([]);
    }
  });

  it('BUILDING.md gets the environment filled in, and a template without the block is refused', () => {
    const filled = fillBuildEnvironment('a\n<!-- build-environment -->\nold\n<!-- /build-environment -->\nb\n', {
      node: '20.20.2',
      npm: '11.19.1',
      os: 'Debian',
    });
    expect(filled).toBe('a\n<!-- build-environment -->\n- Node.js 20.20.2\n- npm 11.19.1\n- Debian\n<!-- /build-environment -->\nb\n');
    expect(() => fillBuildEnvironment('no block', { node: '1', npm: '1', os: 'x' })).toThrow(/build-environment/);
  });
});
