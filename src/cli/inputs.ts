// The command line's FILE and DIR arguments → the inputs to read, in order. A directory is walked with
// --recursive (depth first, each directory's entries sorted by name, so the order is the same on every machine),
// else it fails like any other input that cannot be read. Everything here runs in the main thread before any
// input is read: a walk of thousands of files is a few milliseconds of stat calls, one directory open at a time.
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { sep } from 'node:path';
import type { Input } from './pool';

/** The file kinds a walk reads; other files under a directory (images, CSS, feeds) are not inputs. */
export const WALKED = /\.(html?|md|markdown)$/i;
export const WALKED_NAMES = '.html, .htm, .md and .markdown';
const WALKED_EITHER = '.html, .htm, .md or .markdown';

/** A result with nothing to print on stdout: a failed input's stderr line, or a warning. */
function failed(message: string): Input {
  return { result: { failed: true, err: `${message}\n` } };
}
function warning(message: string): Input {
  return { result: { err: `warning: ${message}\n` } };
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String(e);
}

/** `dir` and `name` joined as the user wrote `dir` (path.join would turn `./a/` into `a`). */
function child(dir: string, name: string): string {
  return dir.endsWith('/') || dir.endsWith(sep) ? dir + name : dir + sep + name;
}

/** Every input named on the command line, directories walked (`recursive`) or failed with a hint. */
export function expandInputs(args: string[], recursive: boolean): Input[] {
  const inputs: Input[] = [];
  for (const arg of args) {
    // stdin and everything that is not a directory (missing files too) go to readInput, which names the problem.
    let st: Stats | undefined;
    if (arg !== '-') {
      try {
        st = statSync(arg);
      } catch {
        // missing or unreadable: readInput says which
      }
    }
    if (!st?.isDirectory()) inputs.push({ file: arg });
    else if (!recursive) inputs.push(failed(`${arg}: is a directory (give --recursive to read the files under it)`));
    else {
      const before = inputs.length;
      let real: string;
      try {
        real = realpathSync.native(arg);
      } catch (e) {
        inputs.push(failed(`${arg}: cannot read the directory (${errorCode(e)})`));
        continue;
      }
      walk(arg, new Map([[real, arg]]), inputs);
      const found = inputs.slice(before).some((input) => 'file' in input || input.result.failed);
      if (!found) inputs.push(failed(`${arg}: no ${WALKED_EITHER} files under it`));
    }
  }
  return inputs;
}

/**
 * The files under `dir`, appended to `inputs`. `ancestors` maps the real path of `dir` and of each directory
 * above it in this walk to the path shown for it: a symbolic link to one of them is a loop. A directory reached
 * twice by links that do not loop is walked twice, as `find -L` and `grep -R` do: its files are named twice.
 */
function walk(dir: string, ancestors: Map<string, string>, inputs: Input[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    inputs.push(failed(`${dir}: cannot read the directory (${errorCode(e)})`));
    return;
  }
  // Code unit order, not the locale's: the same order on every machine.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let utf8: Set<string> | undefined;
  for (const entry of entries) {
    // Hidden entries (.git, Hexo's .deploy_git, a copy of public/) and node_modules hold no pages to read.
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = child(dir, entry.name);
    // A name that is not UTF-8 comes back with U+FFFD in it, a name no file has: say so rather than "no such file".
    if (entry.name.includes('\uFFFD') && !(utf8 ??= utf8Names(dir)).has(entry.name)) {
      if (entry.isDirectory() || entry.isSymbolicLink() || WALKED.test(entry.name)) {
        inputs.push(failed(`${path}: the name is not valid UTF-8, so it cannot be opened (rename it)`));
      }
      continue;
    }
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const st = statSync(path);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch (e) {
        // A dangling link or one that points at itself: named when it has the name of a page, else not an input.
        const code = errorCode(e);
        if (WALKED.test(entry.name)) {
          inputs.push(
            failed(
              `${path}: ${code === 'ENOENT' ? 'broken symbolic link' : code === 'ELOOP' ? 'symbolic link loop' : `cannot read (${code})`}`,
            ),
          );
        }
        continue;
      }
    }
    if (isDir) {
      let real: string;
      try {
        real = realpathSync.native(path);
      } catch (e) {
        inputs.push(failed(`${path}: cannot read the directory (${errorCode(e)})`));
        continue;
      }
      const above = ancestors.get(real);
      if (above !== undefined) {
        inputs.push(warning(`${path}: symbolic link loop (leads back to ${above}), not followed`));
        continue;
      }
      ancestors.set(real, path);
      walk(path, ancestors, inputs);
      ancestors.delete(real);
    } else if (isFile && WALKED.test(entry.name)) inputs.push({ file: path });
    // Anything else (other files, FIFOs, sockets, devices) is not read.
  }
}

/** The names in `dir` that are valid UTF-8 (a name holding U+FFFD may be one of them). */
function utf8Names(dir: string): Set<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const names = new Set<string>();
  for (const raw of readdirSync(dir, { encoding: 'buffer' })) {
    try {
      names.add(decoder.decode(raw));
    } catch {
      /* not UTF-8 */
    }
  }
  return names;
}
