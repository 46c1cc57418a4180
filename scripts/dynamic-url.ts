// Chrome build only: the content script's chunks are web-accessible at the per-session dynamic address alone
// (`web_accessible_resources[].use_dynamic_url`), so no page can load one from chrome-extension://<store id>/… to
// learn that the extension is installed, and which version.
//
// Measured in Chromium 156: in a content script, chrome.runtime.getURL(<such a chunk>) gives the dynamic address
// and import() of it works, but the module then lives at the static address (its import.meta.url), so its own
// relative imports ask for static addresses, which use_dynamic_url denies: nothing past the entry loaded. Hence,
// in every chunk of the content script's graph, each import between chunks goes through chrome.runtime.getURL:
//   import{a as b}from"./x.js"  →  const[{"a":b}]=await Promise.all([import(chrome.runtime.getURL("assets/x.js")),…]);
//   import(`./y.js`)            →  (__pnrAhead([<the chunks y imports>]),import(chrome.runtime.getURL("assets/y.js")))
// Each import() of a module is one fetch the page's busy thread answers a task later, and a chunk's imports are
// only seen once it has run: one `await import()` after another made the content script's start a chain of 7
// fetches (about half of DOMContentLoaded → "cleaned" on the 1 MB bench page). So a chunk asks for every chunk it
// needs, directly or not, at once, and an import() site asks for its target's chunks together with it. A chunk's
// body still runs only after every chunk it imports has run; only chunks that import nothing of each other may now
// run in another order.
// Chunks the extension pages or the service worker also import keep their static imports (a service worker may
// not use import()) and are copied, rewritten, under assets/content/ for the content script: within one context a
// module is always asked for by one address, so it is never instantiated twice.
// A destructured import is a snapshot where a static import is a live binding: the build fails if an imported
// binding is ever reassigned inside a function of its chunk (later than the snapshot). Any import form not
// handled here fails the build too.
import path from 'node:path';
import { parseAst, type Plugin, type Rolldown } from 'vite';
import { children, isNode, specifierOf, type Node } from './lib/chunk-imports.mjs';

export { chunkImports } from './lib/chunk-imports.mjs';

/** The function an import() site calls with the chunks its target imports (a name no minifier gives). */
export const AHEAD = '__pnrAhead';

/** Where copies of shared chunks go. */
export const CONTENT_COPY_DIR = 'assets/content';

/** The identifiers a declaration or assignment pattern binds (member expressions bind nothing). */
function patternNames(p: unknown, out: string[] = []): string[] {
  if (!isNode(p)) return out;
  if (p.type === 'Identifier') out.push(p.name as string);
  else if (p.type === 'ObjectPattern')
    for (const prop of p.properties as Node[]) patternNames(prop.type === 'RestElement' ? prop.argument : prop.value, out);
  else if (p.type === 'ArrayPattern') for (const el of p.elements as unknown[]) patternNames(el, out);
  else if (p.type === 'RestElement') patternNames(p.argument, out);
  else if (p.type === 'AssignmentPattern') patternNames(p.left, out);
  return out;
}

const FUNCTION = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
// Code that runs later than the module body: functions, class fields and static blocks.
const DEFERRED = new Set([...FUNCTION, 'PropertyDefinition', 'StaticBlock']);

/** `var` names and function declarations of a function body (not of nested functions). */
function hoisted(node: Node, out: string[] = []): string[] {
  for (const child of children(node)) {
    if (FUNCTION.has(child.type)) {
      if (child.type === 'FunctionDeclaration' && isNode(child.id)) out.push(child.id.name as string);
      continue;
    }
    if (child.type === 'VariableDeclaration' && child.kind === 'var') for (const d of child.declarations as Node[]) patternNames(d.id, out);
    hoisted(child, out);
  }
  return out;
}

/** let/const/class/function declared directly in a list of statements. */
function lexical(statements: unknown): string[] {
  const out: string[] = [];
  for (const s of Array.isArray(statements) ? statements.filter(isNode) : []) {
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') for (const d of s.declarations as Node[]) patternNames(d.id, out);
    if ((s.type === 'ClassDeclaration' || s.type === 'FunctionDeclaration') && isNode(s.id)) out.push(s.id.name as string);
  }
  return out;
}

/** Top-level names of the module that code running later (a function, a class field) assigns to. */
export function reassignedLater(program: Node): Set<string> {
  const found = new Set<string>();
  const scopes: Array<Set<string>> = [];
  const shadowed = (name: string) => scopes.some((s) => s.has(name));
  const walk = (node: Node, deferred: boolean): void => {
    let scope: string[] | null = null;
    if (FUNCTION.has(node.type)) {
      scope = (node.params as Node[]).flatMap((p) => patternNames(p));
      if (node.type !== 'FunctionDeclaration' && isNode(node.id)) scope.push(node.id.name as string);
      if (isNode(node.body)) scope.push(...hoisted(node.body), ...(node.body.type === 'BlockStatement' ? lexical(node.body.body) : []));
    } else if (node.type === 'BlockStatement' || node.type === 'StaticBlock') scope = lexical(node.body);
    else if (node.type === 'SwitchStatement') scope = (node.cases as Node[]).flatMap((c) => lexical(c.consequent));
    else if (node.type === 'ForStatement' || node.type === 'ForInStatement' || node.type === 'ForOfStatement') {
      const init = node.type === 'ForStatement' ? node.init : node.left;
      scope = isNode(init) && init.type === 'VariableDeclaration' && init.kind !== 'var' ? lexical([init]) : [];
    } else if (node.type === 'CatchClause') scope = patternNames(node.param);
    else if ((node.type === 'ClassExpression' || node.type === 'ClassDeclaration') && isNode(node.id)) scope = [node.id.name as string];

    if (deferred) {
      let targets: string[] = [];
      if (node.type === 'AssignmentExpression') targets = patternNames(node.left);
      else if (node.type === 'UpdateExpression') targets = patternNames(node.argument);
      else if (
        (node.type === 'ForInStatement' || node.type === 'ForOfStatement') &&
        isNode(node.left) &&
        node.left.type !== 'VariableDeclaration'
      ) {
        targets = patternNames(node.left);
      }
      for (const name of targets) if (!shadowed(name)) found.add(name);
    }
    if (scope) scopes.push(new Set(scope));
    const later = deferred || DEFERRED.has(node.type);
    for (const child of children(node)) walk(child, later);
    if (scope) scopes.pop();
  };
  for (const statement of program.body as Node[]) walk(statement, false);
  return found;
}

/** exported name → the module's local name, for `export{a as b}` and `export const/function/class`. */
function exportsOf(program: Node): Map<string, string> {
  const map = new Map<string, string>();
  for (const s of program.body as Node[]) {
    if (s.type !== 'ExportNamedDeclaration') continue;
    for (const spec of s.specifiers as Node[]) {
      const name = (n: unknown) => (isNode(n) ? ((n.name ?? n.value) as string) : '');
      map.set(name(spec.exported), name(spec.local));
    }
    const decl = s.declaration;
    if (isNode(decl)) {
      const names =
        decl.type === 'VariableDeclaration'
          ? (decl.declarations as Node[]).flatMap((d) => patternNames(d.id))
          : isNode(decl.id)
            ? [decl.id.name as string]
            : [];
      for (const n of names) map.set(n, n);
    }
  }
  return map;
}

/** The rewritten code of one content chunk. `target(file)`: the file the content script loads for chunk `file`. */
function rewrite(
  file: string,
  code: string,
  program: Node,
  target: (file: string) => string,
  exporters: (file: string) => { exports: Map<string, string>; reassigned: Set<string> },
  needs: (file: string) => string[],
): string {
  if (code.includes(AHEAD)) throw new Error(`${file}: already uses the name ${AHEAD}`);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const resolve = (spec: string | null, at: Node): string => {
    if (!spec || !spec.startsWith('.'))
      throw new Error(`${file}: cannot rewrite the import at ${at.start} (${code.slice(at.start, at.end).slice(0, 80)})`);
    return path.posix.join(path.posix.dirname(file), spec);
  };
  const getURL = (dep: string) => `chrome.runtime.getURL(${JSON.stringify(target(dep))})`;
  const load = (dep: string) => `import(${getURL(dep)})`;
  // What the chunk's import declarations bind, one entry of the Promise.all each, then the chunks they import.
  const bound: Array<{ pattern: string; dep: string }> = [];
  const direct: string[] = [];
  const declarations: Node[] = [];
  let body = false;
  for (const s of program.body as Node[]) {
    if (s.type === 'ExportAllDeclaration' || (s.type === 'ExportNamedDeclaration' && s.source)) {
      throw new Error(`${file}: re-exports from another chunk are not rewritten (${code.slice(s.start, s.end).slice(0, 80)})`);
    }
    if (s.type !== 'ImportDeclaration') {
      body = true;
      continue;
    }
    // An import declaration is hoisted; its replacement runs where it stands, so it must stand first.
    if (body) throw new Error(`${file}: an import declaration after other statements`);
    if (!code.startsWith('import', s.start)) throw new Error(`${file}: parser offsets do not match the code`);
    const dep = resolve(specifierOf(s.source), s);
    const { exports, reassigned } = exporters(dep);
    const props: string[] = [];
    const namespaces: string[] = [];
    for (const spec of s.specifiers as Node[]) {
      const local = (spec.local as Node).name as string;
      if (spec.type === 'ImportNamespaceSpecifier') {
        namespaces.push(local);
        continue;
      }
      const imported =
        spec.type === 'ImportDefaultSpecifier' ? 'default' : (((spec.imported as Node).name ?? (spec.imported as Node).value) as string);
      const inDep = exports.get(imported);
      if (inDep === undefined) throw new Error(`${file}: ${dep} has no export "${imported}"`);
      if (reassigned.has(inDep))
        throw new Error(`${file}: export "${imported}" of ${dep} is reassigned later; a snapshot of it would go stale`);
      props.push(`${JSON.stringify(imported)}:${local}`);
    }
    if (props.length) bound.push({ pattern: `{${props.join(',')}}`, dep });
    for (const ns of namespaces) bound.push({ pattern: ns, dep });
    direct.push(dep);
    declarations.push(s);
  }
  if (declarations.length) {
    // Bindings first (an array pattern ignores the rest), then every other chunk needed, direct or not.
    const bindings = new Set(bound.map((b) => b.dep));
    const rest = [...new Set([...direct, ...direct.flatMap(needs)])].filter((d) => !bindings.has(d));
    const all = `await Promise.all([${[...bound.map((b) => b.dep), ...rest].map(load).join(',')}])`;
    const text = bound.length ? `const[${bound.map((b) => b.pattern).join(',')}]=${all};` : `${all};`;
    edits.push({ start: declarations[0]!.start, end: declarations[0]!.end, text });
    for (const d of declarations.slice(1)) edits.push({ start: d.start, end: d.end, text: '' });
  }
  let ahead = false;
  const visit = (node: Node): void => {
    if (node.type === 'ImportExpression') {
      const dep = resolve(specifierOf(node.source), node);
      // The chunks the target imports are asked for with it, not a fetch after it (but those this chunk imported).
      const loaded = new Set([file, ...needs(file)]);
      const list = needs(dep)
        .filter((d) => !loaded.has(d))
        .map(target);
      ahead ||= list.length > 0;
      const text = list.length ? `(${AHEAD}(${JSON.stringify(list)}),${load(dep)})` : load(dep);
      edits.push({ start: node.start, end: node.end, text });
      return;
    }
    if (node.type === 'MetaProperty' && !file.includes('preload-helper')) {
      // import.meta.url is the static address here: nothing may build a URL from it (the preload helper only does
      // for preload lists, which are empty with build.modulePreload false).
      throw new Error(`${file}: import.meta in a content chunk`);
    }
    for (const child of children(node)) visit(child);
  };
  visit(program);
  edits.sort((a, b) => b.start - a.start);
  let out = code;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  // A declaration (hoisted: callable from the module body above it). A failure shows on the import() it precedes.
  if (ahead) out += `;\nfunction ${AHEAD}(l){for(const u of l)import(chrome.runtime.getURL(u)).catch(()=>{})}`;
  return out;
}

/** `files` and every chunk they import, statically or through import(). */
function closure(bundle: Rolldown.OutputBundle, files: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...files];
  while (queue.length) {
    const file = queue.pop()!;
    const chunk = bundle[file];
    if (seen.has(file) || chunk?.type !== 'chunk') continue;
    seen.add(file);
    queue.push(...chunk.imports, ...chunk.dynamicImports);
  }
  return seen;
}

/** `file` and the chunks it imports statically, transitively: what must have run before its body runs. */
function staticClosure(bundle: Rolldown.OutputBundle, file: string): Set<string> {
  const seen = new Set<string>();
  const queue = [file];
  while (queue.length) {
    const next = queue.pop()!;
    const chunk = bundle[next];
    if (seen.has(next) || chunk?.type !== 'chunk') continue;
    seen.add(next);
    queue.push(...chunk.imports);
  }
  return seen;
}

/**
 * The plugin, for the Chrome build. `contentEntries`: the content scripts' sources as manifest.json names them.
 * It runs after crxjs (list it after crx()): its manifest step (crx:manifest-post, always last) calls
 * `renderCrxManifest` below after every generateBundle.
 */
export function dynamicUrlContentScripts(
  contentEntries: string[],
): Plugin & { renderCrxManifest(manifest: { web_accessible_resources?: unknown[] }): unknown } {
  let root = '';
  let resources: string[] = [];
  return {
    name: 'pnr:dynamic-url-content-scripts',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      root = config.root;
    },
    generateBundle(options, bundle) {
      if (options.sourcemap) throw new Error('pnr:dynamic-url-content-scripts: source maps would not match the rewritten chunks');
      const entryIds = new Set(contentEntries.map((e) => path.resolve(root, e)));
      const chunks = Object.values(bundle).filter((c): c is Rolldown.OutputChunk => c.type === 'chunk');
      const entries = chunks.filter((c) => c.isEntry && c.facadeModuleId && entryIds.has(c.facadeModuleId)).map((c) => c.fileName);
      if (entries.length !== entryIds.size) throw new Error(`content script entries not found in the bundle: ${contentEntries.join(', ')}`);
      const content = closure(bundle, entries);
      const others = closure(
        bundle,
        chunks.filter((c) => c.isEntry && !entries.includes(c.fileName)).map((c) => c.fileName),
      );
      const target = (file: string) => (others.has(file) ? `${CONTENT_COPY_DIR}/${path.posix.basename(file)}` : file);

      const parsed = new Map<string, { program: Node; exports: Map<string, string>; reassigned: Set<string> }>();
      for (const file of content) {
        const program = parseAst((bundle[file] as Rolldown.OutputChunk).code) as unknown as Node;
        parsed.set(file, { program, exports: exportsOf(program), reassigned: reassignedLater(program) });
      }
      const exporters = (file: string) => {
        const info = parsed.get(file);
        if (!info) throw new Error(`${file} is imported by the content script but is not one of its chunks`);
        return info;
      };
      const needs = (file: string) => [...staticClosure(bundle, file)].filter((f) => f !== file);
      for (const file of content) {
        const chunk = bundle[file] as Rolldown.OutputChunk;
        const code = rewrite(file, chunk.code, parsed.get(file)!.program, target, exporters, needs);
        if (others.has(file)) this.emitFile({ type: 'asset', fileName: target(file), source: code });
        else chunk.code = code;
      }
      resources = [...content].map(target).sort();
    },
    renderCrxManifest(manifest) {
      // crxjs lists the content script's chunks (by their original names) for the pages it runs on; keep those
      // pages, list the files the content script now loads, and only at the dynamic address.
      const entries = (manifest.web_accessible_resources ?? []) as Array<{ matches?: string[]; resources: string[] }>;
      // Only crxjs's one entry is expected: another (declared in manifest.json) would need its own decision here.
      if (entries.length !== 1 || !entries[0]!.matches?.length || !resources.length) {
        throw new Error(`expected crxjs's one web_accessible_resources entry for the content script, got ${JSON.stringify(entries)}`);
      }
      manifest.web_accessible_resources = [{ matches: entries[0]!.matches, resources, use_dynamic_url: true }];
      return manifest;
    },
  };
}
