// axe-core in a page, scoped to a selector (the reader's host brings its shadow tree along): WCAG 2.x A and AA.
// The same run as test/browser/axe.test.ts, for files that check their own states of the reader.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeRun {
  violations: Array<{ id: string; help: string; targets: string[] }>;
  /** Rules that found something to check: proof the scope was not empty. */
  checked: number;
}

export async function runAxe(page: Page, include: string): Promise<AxeRun> {
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async (scope: string, tags: string[]) => {
      interface Result {
        violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }>;
        passes: unknown[];
      }
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<Result> } }).axe;
      const result = await axe.run(
        { include: [[scope]] },
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'passes'] },
      );
      return {
        violations: result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) })),
        checked: result.passes.length + result.violations.length,
      };
    },
    include,
    TAGS,
  );
}
