// Every palette in src/ui/theme.css (and the reader's print palette) keeps text at WCAG AA
// contrast (4.5:1) against the backgrounds it is drawn on.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

type Palette = Record<string, string>;

/** Each rule block that sets `--pnr-bg`, as selector → custom properties (over the base palette). */
function palettes(file: string): Map<string, Palette> {
  const css = readFileSync(resolve(process.cwd(), file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const out = new Map<string, Palette>();
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*--pnr-bg:[^{}]*)\}/g)) {
    const vars: Palette = {};
    for (const d of m[2]!.matchAll(/--pnr-([a-z-]+):\s*([^;]+);/g)) vars[d[1]!] = d[2]!.trim();
    out.set(m[1]!.trim(), vars);
  }
  return out;
}

function luminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1]!, 16);
  const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Text colour → the backgrounds it appears on. */
const PAIRS: Array<[string, string[]]> = [
  ['fg', ['bg', 'bg-soft', 'highlight']],
  ['muted', ['bg', 'bg-soft']],
  ['accent', ['bg', 'bg-soft']],
  ['accent-fg', ['accent']],
  ['chip-fg', ['chip-bg']],
  ['ok', ['bg']],
  ['danger', ['bg']],
];

const theme = palettes('src/ui/theme.css');
const base = theme.get('.pnr-theme')!;

describe('theme palettes', () => {
  it('has the base palette and the light, sepia and dark ones', () => {
    expect(base).toBeDefined();
    const selectors = [...theme.keys()].join('\n');
    expect(selectors).toContain('[data-pnr-theme="sepia"]');
    expect(selectors).toContain('[data-pnr-theme="dark"]');
    expect(selectors).toMatch(/:not\(\[data-pnr-theme="light"\]\)/);
  });

  it('the dark palette is the same whether chosen or followed from the system', () => {
    const chosen = theme.get('.pnr-theme[data-pnr-theme="dark"]');
    const followed = [...theme.entries()].find(([sel]) => sel.includes(':not('))?.[1];
    expect(chosen).toBeDefined();
    expect(followed).toEqual(chosen);
  });

  const all = [...theme.entries(), ...palettes('src/reader/reader.css').entries()].map(
    ([sel, vars]) => [sel, { ...base, ...vars }] as const,
  );
  it.each(all)('%s: text colours reach 4.5:1', (_sel, palette) => {
    const failures: string[] = [];
    for (const [fg, bgs] of PAIRS) {
      for (const bg of bgs) {
        if (!palette[fg] || !palette[bg] || palette[bg] === 'transparent') continue;
        const ratio = contrast(palette[fg], palette[bg]);
        if (ratio < 4.5) failures.push(`${fg} on ${bg}: ${ratio.toFixed(2)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('checks something: a known bad pair fails', () => {
    expect(contrast('#777777', '#ffffff')).toBeLessThan(4.5);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 0);
  });
});
