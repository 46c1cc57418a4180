// A wrapper divided between groups (src/core/markup-groups.ts) must come through its first group's cleaning as the
// last node of that group: the later groups go into it. Should the cleaning or the sanitizer remove it (no corpus
// page does; a sanitizer's rule could), the extraction reads the body again without dividing it: the same article
// as read whole, never groups put into the wrong place.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extract } from '../../src/core/extract';
import { pageFromHtml } from '../helpers/fixtures';
import { hugeBody } from '../helpers/huge-pages';
import { buildPage } from '../helpers/page-builder';

const WRAP = '<div id="wrap">';
let dropWrapper = false;
let calls = 0;

vi.mock('../../src/core/sanitize', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/sanitize')>();
  return {
    ...real,
    sanitizeToFragment: (input: string | Node, win: Window, prepare?: (body: HTMLElement) => void) => {
      const out = real.sanitizeToFragment(input, win, prepare);
      calls++;
      // The wrapper gives way to its children, as a sanitizer unwraps an element it does not keep.
      const last = out.lastChild;
      if (dropWrapper && typeof input === 'string' && input.startsWith(WRAP) && last?.nodeType === 1) {
        (last as Element).replaceWith(...Array.from(last.childNodes));
      }
      return out;
    },
  };
});

afterEach(() => {
  dropWrapper = false;
  calls = 0;
});

describe('a divided wrapper the cleaning did not keep', () => {
  const page = () => pageFromHtml(buildPage({ title: '一层包装', body: `${WRAP}${hugeBody(48 * 1024)}</div>` })).doc;

  it('is divided when it comes through (the case the fallback guards)', () => {
    const a = extract(page(), { groupChars: 8 * 1024, firstGroupChars: 1024 });
    expect(a.htmlDepths?.length).toBeGreaterThan(3);
    expect(a.htmlDepths!.every((d) => d === 1)).toBe(true);
  });

  it('reads the body again undivided: the same article as read whole', () => {
    dropWrapper = true;
    const whole = extract(page(), { groupChars: Infinity });
    expect(calls).toBe(1);
    calls = 0;
    const { htmlBreaks, htmlDepths, ...grouped } = extract(page(), { groupChars: 8 * 1024, firstGroupChars: 1024 });
    expect(htmlDepths).toBeUndefined();
    // Undivided, the body is its one wrapper: one group, after the divided reading stopped at its first.
    expect(htmlBreaks).toBeUndefined();
    expect(calls).toBe(2);
    expect(grouped).toEqual(whole);
  });
});
