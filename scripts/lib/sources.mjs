// The sources archive for addons.mozilla.org's review: exactly the files git tracks (`git ls-files`), as they are
// in the working tree, so nothing ignored (node_modules, dist, build, artifacts, local scratch directories) or
// untracked leaks in; plus BUILDING.md with the environment of this packaging filled in.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipFiles } from './zip.mjs';

const BLOCK = /<!-- build-environment -->[\s\S]*?<!-- \/build-environment -->/;

/** Tracked files of the repository at `root`: [{ name, executable }], sorted. Throws on what a zip cannot carry. */
export function trackedFiles(root) {
  let out;
  try {
    out = execFileSync('git', ['ls-files', '-s', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    throw new Error(`git ls-files failed in ${root}: the sources archive is made from git's tracked files (${e.message.split('\n')[0]})`);
  }
  const files = [];
  for (const record of out.split('\0')) {
    if (!record) continue;
    // "<mode> <object> <stage>\t<path>"
    const [meta, name] = record.split('\t');
    const mode = meta.split(' ')[0];
    if (mode !== '100644' && mode !== '100755')
      throw new Error(`${name}: tracked as mode ${mode} (symlink or submodule), which the sources archive does not carry`);
    if (!existsSync(path.join(root, name)))
      throw new Error(`${name} is tracked but missing from the working tree: commit or restore its deletion first`);
    files.push({ name, executable: mode === '100755' });
  }
  return files.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
}

/**
 * Changed tracked files and untracked (not ignored) ones: what makes the working tree differ from HEAD. A
 * node_modules symlink (a worktree sharing another checkout's packages) is neither: .gitignore's `node_modules/`
 * matches directories only.
 */
export function uncommitted(root) {
  return execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((line) => line && line !== '?? node_modules');
}

/** What the packaging ran on, for BUILDING.md. */
export function buildEnvironment() {
  // npm sets this for scripts it runs ("npm/11.19.1 node/v20.20.2 linux x64 …"); asked directly otherwise.
  const agent = /\bnpm\/(\S+)/.exec(process.env.npm_config_user_agent ?? '')?.[1];
  let npm = agent;
  if (!npm) {
    try {
      npm = execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      npm = 'unknown';
    }
  }
  let distro = '';
  try {
    distro = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
  } catch {
    // Not Linux, or no os-release: the kernel line below still says what it was.
  }
  return {
    node: process.version.replace(/^v/, ''),
    npm,
    os: [distro, `${os.type()} ${os.release()} ${os.arch()}`].filter(Boolean).join(', '),
  };
}

/** BUILDING.md with its environment block replaced by `env`'s versions. */
export function fillBuildEnvironment(template, env) {
  if (!BLOCK.test(template)) throw new Error('BUILDING.md: no <!-- build-environment --> … <!-- /build-environment --> block to fill in');
  const lines = ['<!-- build-environment -->', `- Node.js ${env.node}`, `- npm ${env.npm}`, `- ${env.os}`, '<!-- /build-environment -->'];
  return template.replace(BLOCK, lines.join('\n'));
}

/**
 * The sources archive: every tracked file of `root` as it is in the working tree, BUILDING.md with `env` filled
 * in. Returns { archive, files } (files: the entry names).
 */
export function sourcesZip(root, env) {
  const entries = trackedFiles(root).map(({ name, executable }) => {
    let data = readFileSync(path.join(root, name));
    if (name === 'BUILDING.md') data = Buffer.from(fillBuildEnvironment(data.toString('utf8'), env));
    return { name, data, executable };
  });
  if (!entries.some((e) => e.name === 'BUILDING.md'))
    throw new Error('BUILDING.md is not tracked: the sources archive must carry the build instructions');
  return { archive: zipFiles(entries), files: entries.map((e) => e.name) };
}
