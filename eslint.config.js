// ESLint flat config (issue 14): typescript-eslint's type-checked rules for the TypeScript (product, tests,
// scripts, bench), plain recommended rules for the JavaScript scripts and bench, and eslint-config-prettier last
// so that no rule argues with the formatter.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// `_`-named bindings are the code's way of saying "deliberately unused" (a rest sibling left out, a stub's parameter).
const unusedVars = [
  'error',
  { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
];

export default defineConfig(
  {
    // Build output, other toolchains' installs and reviewed test data: nothing of ours to lint.
    ignores: [
      'dist/',
      'build/',
      'artifacts/',
      'bench/out/',
      '.probe/',
      '.scratch/',
      '.vite/',
      'tools/theme-render/node_modules/',
      'test/fixtures/',
      'test/corpus-expected/',
      '**/corpus/',
    ],
  },
  js.configs.recommended,
  {
    rules: {
      // The sanitisers and text cleaners match control characters on purpose (U+0000–U+001F in URLs, file names, text).
      'no-control-regex': 'off',
      'no-unused-vars': unusedVars,
    },
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // projectService: each file is checked with the tsconfig.json that includes it (the root one covers them all).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': unusedVars,
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Fakes of async browser APIs are async without awaiting anything: that is what they fake.
      '@typescript-eslint/require-await': 'off',
      // `expect(api.method).toHaveBeenCalled…()` passes vi.fn() mocks around unbound, which is how Vitest reads them.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['test/browser/**/*.ts'],
    rules: {
      // puppeteer's TargetType is a string enum; comparing target.type() with its literal values ('page') is exact.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // These drive a browser with puppeteer: the functions they hand to page.evaluate() run in the page or the extension.
    files: ['bench/*.mjs', 'scripts/start.mjs', 'scripts/screenshots.mjs', 'scripts/store-assets.mjs', 'scripts/lib/browsers.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
  },
  prettier,
);
