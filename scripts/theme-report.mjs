#!/usr/bin/env node
// Figures per rendered theme (scripts/render-themes.mjs → build/theme-corpus/<theme>): how many posts are
// detected, and read right (title, categories, date, images, topics, text F1), and how many listing pages are
// wrongly taken for articles (must be 0). `--problems` lists each page's differences. Needs `npm run build:cli`.
import { join, resolve } from 'node:path';
import { checkTheme, renderedThemes } from './lib/theme-check.mjs';

const root = resolve(import.meta.dirname, '..');
const dir = resolve(process.env.THEME_CORPUS_DIR ?? join(root, 'build', 'theme-corpus'));
const expectedDir = join(root, 'test', 'corpus-expected');
const only = process.argv.find((a) => a.startsWith('--theme='))?.slice(8);
const showProblems = process.argv.includes('--problems');
const rows = [];
for (const theme of renderedThemes(dir).filter((t) => !only || t === only)) {
  const { figures: f, results } = checkTheme(join(dir, theme), expectedDir);
  rows.push(f);
  if (showProblems) for (const r of results) if (r.problems.length) console.log(`${r.name}: ${r.problems.join('\n    ')}`);
}
const pct = (n, d) => (d ? `${n}/${d}` : '-');
console.log(
  '| theme | version | detected | title | categories | date | images | topics | text exact | F1 mean | F1 min | listings detected | family listings |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const f of rows) {
  console.log(
    `| ${f.theme} | ${f.version ?? ''} | ${pct(f.detected, f.pages)} | ${pct(f.title, f.pages)} | ${pct(f.categories, f.pages)} | ${pct(f.date, f.dated)} | ${pct(f.images, f.pages)} | ${pct(f.topics, f.pages)} | ${pct(f.text, f.pages)} | ${f.f1Mean.toFixed(4)} | ${f.f1Min.toFixed(4)} | ${f.listingDetected}/${f.listing} | ${f.listingFamily}/${f.listing} |`,
  );
}
