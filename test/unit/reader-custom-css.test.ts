// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { decodeCssEscapes, sanitizeCustomCss } from '../../src/ui/custom-css';

describe('sanitizeCustomCss', () => {
  it('keeps ordinary rules, including nested @media', () => {
    const { css, removed } = sanitizeCustomCss(
      '.pnr-title { color: rebeccapurple; letter-spacing: 0.02em }\n@media (max-width: 600px) { .pnr-body p { margin: 0 } }',
    );
    expect(removed).toBe(0);
    expect(css).toContain('rebeccapurple');
    expect(css).toContain('letter-spacing');
    expect(css).toMatch(/@media[^{]*max-width: 600px/);
    expect(css).toContain('margin: 0');
  });

  it('drops every declaration that could load a resource, and only those', () => {
    const { css, removed } = sanitizeCustomCss(
      '.a { color: red; background: url(https://evil.test/x.png) } ' +
        '.b { background-image: image-set("https://evil.test/y.png" 1x); border: 1px solid } ' +
        '.c { --x: url(//evil.test/z) } ' +
        '@media print { .d { list-style: url("https://evil.test/w.svg"); font-weight: 700 } }',
    );
    expect(css).not.toMatch(/evil|url\(|image-set/i);
    expect(css).toContain('color: red');
    expect(css).toContain('border: 1px solid');
    expect(css).toContain('font-weight: 700');
    // Counted per rule; a parser that does not know image-set() drops that declaration itself (uncounted).
    expect(removed).toBeGreaterThanOrEqual(3);
    expect(removed).toBeLessThanOrEqual(4);
  });

  it('drops @import and @font-face with a remote source', () => {
    const { css, removed } = sanitizeCustomCss(
      '@import url("https://evil.test/a.css");\n@font-face { font-family: X; src: url(https://evil.test/f.woff2) }\n.p { font-family: X, serif }',
    );
    expect(css).not.toMatch(/@import|@font-face|evil/);
    expect(css).toContain('font-family: X, serif');
    expect(removed).toBe(2);
  });

  it('sees through CSS escapes', () => {
    const { css } = sanitizeCustomCss('.e { background: u\\72l(https://evil.test/e.png) } .f { color: blue }');
    expect(decodeCssEscapes(css)).not.toMatch(/evil|url\(/i);
    expect(css).toContain('blue');
    expect(decodeCssEscapes('\\75 rl(')).toBe('url(');
    expect(decodeCssEscapes('\\@import')).toBe('@import');
  });

  it('returns nothing for blank input', () => {
    expect(sanitizeCustomCss('  \n ')).toEqual({ css: '', removed: 0 });
  });
});
