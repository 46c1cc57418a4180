// The `---` front matter block of a generated Hexo post, read with the `yaml` package. The
// generator writes YAML by string concatenation, so a post can be invalid YAML (a title wrapped in
// "…" that itself holds a `"`); then each key is read on its own and a key YAML still cannot read
// is taken by a tolerant line reader, so no post is lost. Every such recovery leaves a warning.

import { parse } from 'yaml';
import { normalizeText } from './post-probe';

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  warnings: string[];
}

// The generator escaped every brace in the file (they are template syntax to Hexo).
const BRACE_ENTITIES = /&#12([35]);/g;

/** `&#123;` / `&#125;` back to `{` / `}`. */
export function decodeBraces(s: string): string {
  return s.replace(BRACE_ENTITIES, (_, d: string) => (d === '3' ? '{' : '}'));
}

export { normalizeText } from './post-probe';

// Opening fence after optional blank lines (the generator starts every post with an empty line);
// closing fence `---` (or YAML's `...`) on a line of its own.
const BLOCK = /^(?:[ \t]*\n)*---[ \t]*\n((?:[\s\S]*?\n)?)(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/** The front matter block and what follows it; null when the text does not start with one. */
export function splitFrontMatter(text: string): FrontMatter | null {
  const src = normalizeText(text);
  const m = BLOCK.exec(src);
  if (!m) return null;
  const yamlText = m[1] ?? '';
  const body = src.slice(m[0].length);
  const warnings: string[] = [];
  const data = readYaml(yamlText, warnings);
  return { data: decodeValues(data) as Record<string, unknown>, body, warnings };
}

function readYaml(yamlText: string, warnings: string[]): Record<string, unknown> {
  try {
    const whole: unknown = parse(yamlText);
    if (whole === null || whole === undefined) return {};
    if (isRecord(whole)) return whole;
    warnings.push('front matter: not a key/value block; read line by line');
  } catch (e) {
    warnings.push(`front matter: not valid YAML (${firstLine(e)}); read key by key`);
  }
  return readKeyByKey(yamlText, warnings);
}

// A top-level key line: `title: …`, `categories:`.
const KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$/;

/** Cut the block into per-key chunks (key line + its indented / list lines) and read each alone. */
function readKeyByKey(yamlText: string, warnings: string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const chunks: Array<{ key: string; inline: string; lines: string[] }> = [];
  for (const line of yamlText.split('\n')) {
    const km = KEY_LINE.exec(line);
    if (km) {
      chunks.push({ key: km[1]!, inline: km[2] ?? '', lines: [line] });
    } else if (chunks.length > 0 && (/^[ \t]/.test(line) || /^-[ \t]/.test(line) || line.trim() === '')) {
      chunks[chunks.length - 1]!.lines.push(line);
    } else if (line.trim() !== '' && !line.trim().startsWith('#')) {
      warnings.push(`front matter: line skipped: ${line.slice(0, 80)}`);
    }
  }
  for (const c of chunks) {
    if (c.key in data) {
      warnings.push(`front matter: key "${c.key}" repeated; the first is kept`);
      continue;
    }
    try {
      const one: unknown = parse(c.lines.join('\n'));
      if (isRecord(one) && c.key in one) {
        data[c.key] = one[c.key];
        continue;
      }
    } catch {
      // falls through to the tolerant reader
    }
    data[c.key] = tolerantValue(c.inline, c.lines.slice(1));
    warnings.push(`front matter: key "${c.key}" read by the tolerant parser`);
  }
  return data;
}

/** What the generator meant: a quoted scalar taken between its outer quotes as is, or a `- item` list. */
function tolerantValue(inline: string, rest: string[]): unknown {
  if (inline === '') {
    const items = rest.map((l) => /^[ \t]*-[ \t]+(.*?)[ \t]*$/.exec(l)).filter((x) => x !== null);
    if (items.length > 0) return items.map((x) => tolerantScalar(x[1]!));
    const text = rest
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' ');
    return text === '' ? null : text;
  }
  return tolerantScalar(inline);
}

function tolerantScalar(s: string): unknown {
  const t = s.trim();
  const q = t[0];
  if ((q === '"' || q === "'") && t.length >= 2 && t.endsWith(q)) {
    const inner = t.slice(1, -1);
    // The generator does not escape, so the outer quotes are the only quoting there is; a
    // single-quoted value may still use YAML's own '' escape.
    return q === "'" ? inner.replace(/''/g, "'") : inner;
  }
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  if (/^(null|~)?$/i.test(t)) return null;
  return t;
}

function decodeValues(v: unknown): unknown {
  if (typeof v === 'string') return decodeBraces(v);
  if (Array.isArray(v)) return v.map(decodeValues);
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = decodeValues(x);
    return out;
  }
  return v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0]!.slice(0, 120);
}
