// Reproducible ZIP archives (fflate): entries sorted by name, every entry stamped with the same time and the same
// Unix mode bits, no extra fields. The same files give the same bytes on any machine, directory or time zone, so a
// reviewer's rebuild can be compared with the submitted archive.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';

/**
 * 1980-01-01 00:00, the earliest time a ZIP entry can carry. fflate writes local time (DOS format has no zone), so
 * this is built from local components: the stored fields are then the same in every time zone.
 */
export const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** Already compressed: deflating them again costs time and saves nothing, so they are stored. */
const STORED = /\.(png|jpe?g|gif|webp|avif|ico|woff2?|zip|gz|br|pdf)$/i;

const UNIX = 3;

/**
 * A ZIP of `files` ({ name, data, executable? }), names sorted (byte order of the UTF-8 name, not the locale's).
 * `executable` keeps a script's x bit for whoever unpacks it (.ci/run in the sources).
 */
export function zipFiles(files) {
  const entries = {};
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  for (const { name, data, executable } of sorted) {
    if (!name || name.startsWith('/') || name.split('/').includes('..')) throw new Error(`zip: unsafe entry name "${name}"`);
    if (Object.prototype.hasOwnProperty.call(entries, name)) throw new Error(`zip: duplicate entry "${name}"`);
    const mode = executable ? 0o100755 : 0o100644;
    entries[name] = [
      data instanceof Uint8Array ? data : new Uint8Array(data),
      { level: STORED.test(name) ? 0 : 9, mtime: FIXED_MTIME, os: UNIX, attrs: (mode << 16) >>> 0 },
    ];
  }
  // fflate writes entries in the object's key order; integer-like keys ("404") would jump ahead of the rest in a
  // plain object, so the order is checked rather than assumed.
  const keys = Object.keys(entries);
  if (keys.some((k, i) => k !== sorted[i].name))
    throw new Error('zip: entry order differs from the sorted names (an integer-like file name?)');
  return zipSync(entries);
}

/** The entries of a ZIP as { name: bytes }, directory entries left out. */
export function unzipFiles(archive) {
  const out = unzipSync(archive instanceof Uint8Array ? archive : new Uint8Array(archive));
  for (const name of Object.keys(out)) if (name.endsWith('/')) delete out[name];
  return out;
}

/** Every file under `dir` as a path relative to it with `/` separators, sorted; names in `skip` are not entered. */
export function listFiles(dir, skip = new Set(), prefix = '') {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    if (skip.has(name)) continue;
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) out.push(...listFiles(full, skip, rel));
    else out.push(rel);
  }
  return out;
}

/** The files of `dir` ready for `zipFiles`. */
export function dirEntries(dir, skip = new Set()) {
  return listFiles(dir, skip).map((name) => ({ name, data: readFileSync(path.join(dir, name)) }));
}

/** Build bookkeeping in an extension's output directory that must not ship. */
export const BUILD_BOOKKEEPING = new Set(['.vite']);

/** The store package of one extension build (dist/chrome or dist/firefox). */
export function extensionZip(dist) {
  return zipFiles(dirEntries(dist, BUILD_BOOKKEEPING));
}
