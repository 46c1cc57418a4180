// The pure parts of a release (scripts/release.mjs): the new version, package.json and package-lock.json with it,
// CHANGELOG.md with its Unreleased section turned into that version. Text in, text out: nothing here touches a
// file, so a bad argument or a changelog in the wrong shape fails before anything is written.

export class ReleaseError extends Error {}

/**
 * A version both stores take: Chrome wants one to four dot-separated integers of at most 65535, no leading zeros
 * and no pre-release tag; we use three (semver's major.minor.patch, which npm also wants in package.json).
 */
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const PART_MAX = 65535;

/** `version` as [major, minor, patch], or a ReleaseError saying why it is no version the stores take. */
export function parseVersion(version) {
  const m = VERSION.exec(String(version));
  if (!m)
    throw new ReleaseError(
      `"${version}" is not a version of the form major.minor.patch (digits only, no leading zeros, no pre-release tag: the stores take none)`,
    );
  const parts = m.slice(1, 4).map(Number);
  if (parts.some((p) => p > PART_MAX)) throw new ReleaseError(`"${version}": each part must be at most ${PART_MAX} (Chrome's limit)`);
  return parts;
}

/** package.json's version, checked, as both manifests carry it (vite.config.ts). */
export function manifestVersion(pkgVersion) {
  parseVersion(pkgVersion);
  return pkgVersion;
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The version after `current` for `spec`: patch, minor, major, or an explicit x.y.z above `current`. */
export function bumpVersion(current, spec) {
  const [major, minor, patch] = parseVersion(current);
  let next;
  if (spec === 'patch') next = `${major}.${minor}.${patch + 1}`;
  else if (spec === 'minor') next = `${major}.${minor + 1}.0`;
  else if (spec === 'major') next = `${major + 1}.0.0`;
  else if (typeof spec === 'string' && /^\d/.test(spec)) next = spec;
  else throw new ReleaseError(`"${spec ?? ''}": give patch, minor, major or a version x.y.z (npm run release -- patch)`);
  if (compare(parseVersion(next), parseVersion(current)) <= 0)
    throw new ReleaseError(`${next} is not above the current version ${current}`);
  return next;
}

function setJsonVersion(text, file, set) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ReleaseError(`${file} is not valid JSON (${e.message})`);
  }
  set(data);
  // npm's own layout (two spaces, final newline), so the diff is the version lines alone.
  return `${JSON.stringify(data, null, 2)}\n`;
}

export function setPackageVersion(text, version) {
  return setJsonVersion(text, 'package.json', (pkg) => {
    pkg.version = version;
  });
}

/** The lockfile's two version fields of the project itself (top level and packages[""]). */
export function setLockVersion(text, version) {
  return setJsonVersion(text, 'package-lock.json', (lock) => {
    if (!lock.packages?.['']) throw new ReleaseError('package-lock.json has no packages[""] entry (lockfileVersion 2 or 3 expected)');
    lock.version = version;
    lock.packages[''].version = version;
  });
}

const UNRELEASED = /^## \[Unreleased\][^\n]*\n/m;

/**
 * CHANGELOG.md (Keep a Changelog 1.1.0) with the Unreleased section's entries under `## [version] - date` and a
 * fresh, empty Unreleased section above them. Refuses a changelog without an Unreleased section, one whose
 * Unreleased section says nothing (a release with no recorded change), and a version that is already there.
 */
export function rewriteChangelog(text, version, date) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ReleaseError(`"${date}" is not a date YYYY-MM-DD`);
  const head = UNRELEASED.exec(text);
  if (!head) throw new ReleaseError('CHANGELOG.md has no "## [Unreleased]" section');
  if (new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm').test(text))
    throw new ReleaseError(`CHANGELOG.md already has a section for ${version}`);
  const start = head.index + head[0].length;
  // The section runs to the next version heading, or to the link definitions at the end, or to the end.
  const rest = text.slice(start);
  const next = /^(## \[|\[[^\]]+\]: )/m.exec(rest);
  const body = next ? rest.slice(0, next.index) : rest;
  if (!/^\s*- \S/m.test(body))
    throw new ReleaseError('the Unreleased section of CHANGELOG.md lists no change: add what this release changes first');
  return `${text.slice(0, start)}\n## [${version}] - ${date}\n${body.replace(/^\n*/, '\n').replace(/\n*$/, '\n\n')}${next ? rest.slice(next.index) : ''}`.replace(
    /\n+$/,
    '\n',
  );
}

/** The body of one version's section of CHANGELOG.md (the notes of a GitHub release for that tag). */
export function changelogSection(text, version) {
  const head = new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\][^\n]*\n`, 'm').exec(text);
  if (!head) throw new ReleaseError(`CHANGELOG.md has no section for ${version}`);
  const rest = text.slice(head.index + head[0].length);
  const next = /^(## \[|\[[^\]]+\]: )/m.exec(rest);
  return `${(next ? rest.slice(0, next.index) : rest).trim()}\n`;
}

/** Today as YYYY-MM-DD in UTC (a release date that does not depend on the machine's time zone). */
export function today(now = new Date()) {
  return now.toISOString().slice(0, 10);
}

/**
 * Everything a release writes, computed before anything is: { version, files: { 'package.json': text, … } }.
 * `inputs` holds the current texts of package.json, package-lock.json and CHANGELOG.md.
 */
export function planRelease(spec, inputs, date) {
  const current = JSON.parse(inputs['package.json']).version;
  const version = bumpVersion(current, spec);
  return {
    from: current,
    version,
    files: {
      'package.json': setPackageVersion(inputs['package.json'], version),
      'package-lock.json': setLockVersion(inputs['package-lock.json'], version),
      'CHANGELOG.md': rewriteChangelog(inputs['CHANGELOG.md'], version, date),
    },
  };
}
