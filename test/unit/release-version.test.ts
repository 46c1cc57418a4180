// npm run release: the version bump, package.json / package-lock.json, the changelog rewrite (scripts/lib/release.mjs),
// and the script itself in a copy of the repository's release files: a bad argument writes nothing.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ReleaseError,
  bumpVersion,
  changelogSection,
  manifestVersion,
  planRelease,
  rewriteChangelog,
  setLockVersion,
  setPackageVersion,
  today,
} from '../../scripts/lib/release.mjs';

const ROOT = path.join(import.meta.dirname, '..', '..');
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');

describe('version bump', () => {
  it.each([
    ['0.1.0', 'patch', '0.1.1'],
    ['0.1.9', 'minor', '0.2.0'],
    ['1.4.2', 'major', '2.0.0'],
    ['0.1.0', '0.3.0', '0.3.0'],
    ['0.9.9', '0.10.0', '0.10.0'],
  ])('%s + %s = %s', (from, spec, to) => {
    expect(bumpVersion(from, spec)).toBe(to);
  });

  it.each([
    ['0.1.0', undefined, /give patch, minor, major/],
    ['0.1.0', 'bogus', /give patch, minor, major/],
    ['0.1.0', '0.1.0', /not above/],
    ['0.2.0', '0.1.9', /not above/],
    ['0.1.0', '1.0.0-beta.1', /pre-release/],
    ['0.1.0', '1.0', /major\.minor\.patch/],
    ['0.1.0', '01.0.0', /leading zeros/],
    ['0.1.0', '70000.0.0', /at most 65535/],
  ])('%s + %s is refused', (from, spec, message) => {
    expect(() => bumpVersion(from, spec)).toThrow(ReleaseError);
    expect(() => bumpVersion(from, spec)).toThrow(message);
  });

  it('the manifests take only a version both stores accept', () => {
    expect(manifestVersion('0.1.0')).toBe('0.1.0');
    expect(() => manifestVersion('1.0.0-rc.1')).toThrow(ReleaseError);
  });
});

describe('package.json and package-lock.json', () => {
  const changedLines = (a: string, b: string) => {
    const [x, y] = [a.split('\n'), b.split('\n')];
    expect(y.length).toBe(x.length);
    return x.flatMap((line, i) => (line === y[i] ? [] : [[line.trim(), y[i]!.trim()]]));
  };

  it("only the project's version lines change, in npm's layout", () => {
    const pkg = read('package.json');
    const current = (JSON.parse(pkg) as { version: string }).version;
    expect(changedLines(pkg, setPackageVersion(pkg, '9.8.7'))).toEqual([[`"version": "${current}",`, '"version": "9.8.7",']]);
    const lock = read('package-lock.json');
    expect(changedLines(lock, setLockVersion(lock, '9.8.7'))).toEqual([
      [`"version": "${current}",`, '"version": "9.8.7",'],
      [`"version": "${current}",`, '"version": "9.8.7",'],
    ]);
  });

  it('refuses a lockfile it cannot update', () => {
    expect(() => setLockVersion('{"lockfileVersion":1}', '1.0.0')).toThrow(/packages\[""\]/);
    expect(() => setPackageVersion('{', '1.0.0')).toThrow(/not valid JSON/);
  });
});

describe('changelog', () => {
  const log = `# Changelog

Intro.

## [Unreleased]

### Added

- New thing.

### Fixed

- A bug.

## [0.1.0] - 2026-12-05

### Added

- Everything.
`;

  it('turns Unreleased into the version, dated, under a fresh empty Unreleased', () => {
    expect(rewriteChangelog(log, '0.2.0', '2027-01-02')).toBe(`# Changelog

Intro.

## [Unreleased]

## [0.2.0] - 2027-01-02

### Added

- New thing.

### Fixed

- A bug.

## [0.1.0] - 2026-12-05

### Added

- Everything.
`);
  });

  it('works on the first release and keeps link definitions at the end', () => {
    const first = '# Changelog\n\n## [Unreleased]\n\n### Added\n\n- All.\n\n[unreleased]: https://example.org/compare\n';
    expect(rewriteChangelog(first, '1.0.0', '2027-01-02')).toBe(
      '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2027-01-02\n\n### Added\n\n- All.\n\n[unreleased]: https://example.org/compare\n',
    );
  });

  it('refuses an empty Unreleased section, a missing one, a version already there and a bad date', () => {
    const released = rewriteChangelog(log, '0.2.0', '2027-01-02');
    expect(() => rewriteChangelog(released, '0.3.0', '2027-01-03')).toThrow(/lists no change/);
    expect(() => rewriteChangelog('# Changelog\n', '0.3.0', '2027-01-03')).toThrow(/no "## \[Unreleased\]"/);
    expect(() => rewriteChangelog(log, '0.1.0', '2027-01-03')).toThrow(/already has a section for 0\.1\.0/);
    expect(() => rewriteChangelog(log, '0.2.0', '2.1.2027')).toThrow(/not a date/);
  });

  it("the repository's CHANGELOG.md is in the shape the release expects", () => {
    const text = read('CHANGELOG.md');
    const current = (JSON.parse(read('package.json')) as { version: string }).version;
    expect(text).toMatch(new RegExp(`^## \\[${current.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
    // Keep a Changelog's groups only.
    for (const [, group] of text.matchAll(/^### (.+)$/gm))
      expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(group);
    const plan = planRelease(
      'patch',
      { 'package.json': read('package.json'), 'package-lock.json': read('package-lock.json'), 'CHANGELOG.md': text },
      '2027-01-02',
    );
    expect(plan.files['CHANGELOG.md']).toContain(`## [Unreleased]\n\n## [${plan.version}] - 2027-01-02\n`);
  });

  it("gives one version's section as the release notes, and refuses a version it does not have", () => {
    const text = read('CHANGELOG.md');
    const plan = planRelease(
      'patch',
      { 'package.json': read('package.json'), 'package-lock.json': read('package-lock.json'), 'CHANGELOG.md': text },
      '2027-01-02',
    );
    const notes = changelogSection(plan.files['CHANGELOG.md'], plan.version);
    expect(notes).toMatch(/^### /);
    expect(notes).not.toContain('## [');
    expect(notes.endsWith('\n')).toBe(true);
    expect(() => changelogSection(text, '99.0.0')).toThrow(ReleaseError);
  });

  it('dates in UTC', () => {
    expect(today(new Date('2027-03-04T23:30:00-05:00'))).toBe('2027-03-05');
  });
});

describe('scripts/release.mjs', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The release files in a scratch copy, with `npm run package` replaced by a marker (no build here). */
  function scratch(changelog = read('CHANGELOG.md')): string {
    dir = mkdtempSync(path.join(tmpdir(), 'pnr-release-'));
    cpSync(path.join(ROOT, 'scripts', 'release.mjs'), path.join(dir, 'scripts', 'release.mjs'));
    cpSync(path.join(ROOT, 'scripts', 'lib', 'release.mjs'), path.join(dir, 'scripts', 'lib', 'release.mjs'));
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    pkg.scripts = { package: `node -e "require('fs').writeFileSync('packaged', '')"` };
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    cpSync(path.join(ROOT, 'package-lock.json'), path.join(dir, 'package-lock.json'));
    writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog);
    return dir;
  }
  const files = (d: string) => ['package.json', 'package-lock.json', 'CHANGELOG.md'].map((f) => readFileSync(path.join(d, f), 'utf8'));
  const release = (d: string, ...args: string[]) =>
    spawnSync(process.execPath, [path.join(d, 'scripts', 'release.mjs'), ...args], { cwd: d, encoding: 'utf8' });

  it.each([[['bogus']], [[]], [['patch', 'minor']], [['0.0.1']]])('%j: a clear error, nothing written, nothing packaged', (args) => {
    const d = scratch();
    const before = files(d);
    const r = release(d, ...args);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^release: .+\(nothing was written\)|^release: usage/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(files(d)).toEqual(before);
    expect(() => readFileSync(path.join(d, 'packaged'))).toThrow();
  });

  it('an empty Unreleased section stops the release before anything is written', () => {
    const d = scratch(rewriteChangelog(read('CHANGELOG.md'), '9.9.9', '2027-01-02'));
    const before = files(d);
    const r = release(d, 'patch');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('lists no change');
    expect(files(d)).toEqual(before);
  });

  it('bumps, rewrites the changelog, then packages', () => {
    const d = scratch();
    const current = (JSON.parse(read('package.json')) as { version: string }).version;
    const next = bumpVersion(current, 'minor');
    const r = release(d, 'minor');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [pkg, lock, changelog] = files(d);
    expect((JSON.parse(pkg!) as { version: string }).version).toBe(next);
    expect((JSON.parse(lock!) as { version: string; packages: Record<string, { version: string }> }).packages['']!.version).toBe(next);
    expect(changelog).toContain(`## [Unreleased]\n\n## [${next}] - ${today()}\n`);
    expect(readFileSync(path.join(d, 'packaged'), 'utf8')).toBe('');
  });
});
