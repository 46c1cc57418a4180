// Which files a built chunk imports, read with the parser. Shared by the build (scripts/dynamic-url.ts), the size
// budget (test/unit/size-budget.test.ts) and the bench (bench/sizes.mjs), so that all three walk the same graph.
// Two forms: relative, as Vite writes chunks (`import … from "./x.js"`, `import("./x.js")`), and the Chrome build's
// content chunks as scripts/dynamic-url.ts rewrites them (`… = await Promise.all([import(chrome.runtime.getURL(
// "assets/x.js")), …])` or `… = await import(…)` at the top level, `import(chrome.runtime.getURL("assets/x.js"))`
// elsewhere).
import { posix } from 'node:path';
import { parseAst } from 'vite';

export const isNode = (v) => typeof v === 'object' && v !== null && typeof v.type === 'string';

/** A node's child nodes. */
export const children = (node) =>
  Object.entries(node).flatMap(([key, value]) =>
    key === 'type' || key === 'start' || key === 'end' ? [] : Array.isArray(value) ? value.filter(isNode) : isNode(value) ? [value] : [],
  );

/** A literal module specifier: 'x', "x" or `x` without substitutions; else null. */
export function specifierOf(node) {
  if (!isNode(node)) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return null;
}

/** The file an import source names: a literal relative to `file`, or chrome.runtime.getURL("<path>"). */
function importedFile(file, source) {
  const spec = specifierOf(source);
  if (spec !== null) return spec.startsWith('.') ? posix.join(posix.dirname(file), spec) : null;
  if (!isNode(source) || source.type !== 'CallExpression') return null;
  const callee = source.callee;
  const isGetURL = callee.type === 'MemberExpression' && isNode(callee.property) && callee.property.name === 'getURL';
  return isGetURL ? specifierOf(source.arguments[0]) : null;
}

/** The import() calls an awaited expression waits for: `import(…)`, or `Promise.all([import(…), …])`. */
function awaitedImports(node) {
  if (!isNode(node)) return [];
  if (node.type === 'ImportExpression') return [node];
  const callee = node.type === 'CallExpression' ? node.callee : null;
  const isAll =
    isNode(callee) && callee.type === 'MemberExpression' && callee.object?.name === 'Promise' && callee.property?.name === 'all';
  const list = isAll ? node.arguments[0] : null;
  return isNode(list) && list.type === 'ArrayExpression' ? list.elements.filter((e) => isNode(e) && e.type === 'ImportExpression') : [];
}

/** `static`: what must load before the chunk runs (import declarations, and the top-level `await import(…)` that
 *  replaced them); `dynamic`: every other import(). Paths are the build's. */
export function chunkImports(file, code) {
  const program = parseAst(code);
  const result = { static: [], dynamic: [] };
  const eager = new Set();
  const add = (list, target) => {
    if (target !== null) list.push(target);
  };
  for (const s of program.body) {
    if (s.type === 'ImportDeclaration') add(result.static, importedFile(file, s.source));
    const awaited =
      s.type === 'VariableDeclaration' ? s.declarations.map((d) => d.init) : s.type === 'ExpressionStatement' ? [s.expression] : [];
    for (const init of awaited) {
      if (!isNode(init) || init.type !== 'AwaitExpression') continue;
      for (const imported of awaitedImports(init.argument)) {
        eager.add(imported);
        add(result.static, importedFile(file, imported.source));
      }
    }
  }
  const visit = (node) => {
    if (node.type === 'ImportExpression' && !eager.has(node)) add(result.dynamic, importedFile(file, node.source));
    for (const child of children(node)) visit(child);
  };
  visit(program);
  return result;
}
