// The reader stays in pieces a person can read: one component or hook per panel or feature, none over ~200 lines
// (Reader.tsx had grown to 522 lines holding four panels, read aloud, position, script conversion, copy and save).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAX_LINES = 200;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('reader modules', () => {
  it(`every component and hook file of the reader is at most ${MAX_LINES} lines`, () => {
    const components = files('src/reader').filter((f) => f.endsWith('.tsx') || f.includes('/hooks/'));
    expect(components.length).toBeGreaterThan(8);
    const over = components
      .map((f) => ({ f, lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ f, lines }) => `${f}: ${lines}`);
    expect(over).toEqual([]);
  });
});
