// Whole-corpus check: every page and post of ../shared/corpus against the reviewed expectations in
// test/corpus-expected (an independent reading, see its README). Needs `npm run build:cli` first.
// Without ../shared/corpus it says so and exits 0: a fresh clone's `npm test` does not depend on it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { extractText, readInput } from '../build/cli/lib.js';
import { compareArticle, compareTopics, loadExpectation, same } from './lib/expectations.mjs';
import { checkTheme, renderedThemes } from './lib/theme-check.mjs';

const root = resolve(import.meta.dirname, '..');
const corpus = resolve(process.env.CORPUS_DIR ?? join(root, '..', 'shared', 'corpus'));
const expectedDir = join(root, 'test', 'corpus-expected');
const verbose = process.argv.includes('--verbose');
const nextDir = process.env.NEXT_CORPUS_DIR ?? join(root, 'build', 'next-corpus');

if (!existsSync(join(corpus, 'rendered'))) {
  console.log(`corpus check: no corpus at ${corpus} (set CORPUS_DIR, or place shared/ beside the checkout); nothing to check.`);
  process.exit(0);
}

const failures = [];
let passed = 0;
const figures = { rendered: 0, listing: 0, posts: 0, next: 0, topics: 0, images: 0, unescaped: 0, f1Min: 1, f1Sum: 0, f1N: 0 };

function check(name, problems) {
  if (problems.length) failures.push(`${name}:\n    ${problems.join('\n    ')}`);
  else passed++;
}

function run(dir, kind, expectedSub, onRecord) {
  const full = join(corpus, dir);
  for (const file of readdirSync(full)
    .filter((f) => /\.(html|md)$/.test(f))
    .sort()) {
    const name = `${dir}/${file}`;
    const problems = [];
    let rec;
    try {
      rec = extractText(readInput(join(full, file)), name);
    } catch (e) {
      check(name, [`threw: ${e.stack ?? e}`]);
      continue;
    }
    const expPath = join(expectedDir, expectedSub, file.replace(/\.(html|md)$/, '.json'));
    const exp = loadExpectation(expectedDir, `${expectedSub}/${basename(expPath)}`);
    if (!exp) problems.push(`no expectation at ${expPath}`);
    onRecord(rec, exp, problems);
    figures[kind]++;
    check(name, problems);
  }
}

run('rendered/p', 'rendered', 'rendered', (rec, exp, problems) => {
  if (!rec.detected || rec.kind !== 'article') problems.push(`not detected as an article: ${rec.kind} ${rec.signals}`);
  if (exp) compareArticle(rec, exp, problems, figures);
});
run('rendered/listing', 'listing', 'listing', (rec, _exp, problems) => {
  if (rec.detected) problems.push(`listing page detected as ${rec.kind}`);
});
run('posts', 'posts', 'posts', (rec, exp, problems) => {
  if (!rec.detected || rec.kind !== 'markdown-post') problems.push(`post not read: ${rec.kind}`);
  if (exp) compareArticle(rec, exp, problems, figures);
});
run('seed', 'posts', 'posts', (rec, exp, problems) => {
  if (!rec.detected) problems.push('seed not read');
  if (exp) compareArticle(rec, exp, problems, figures);
});

// Pages we rendered ourselves with Hexo + NexT (scripts/render-next.mjs): the same fields, against the
// expectations of the posts they came from.
if (existsSync(join(nextDir, 'index.json'))) {
  const index = JSON.parse(readFileSync(join(nextDir, 'index.json'), 'utf8'));
  for (const [post, page] of Object.entries(index.posts ?? {})) {
    const name = `next/${basename(page)}`;
    const problems = [];
    try {
      const rec = extractText(readInput(join(nextDir, basename(page))), name);
      const expPath = join(expectedDir, 'posts', basename(post).replace(/\.md$/, '.json'));
      const exp = loadExpectation(expectedDir, `posts/${basename(expPath)}`);
      if (!rec.detected) problems.push(`NexT page not detected: ${rec.kind} ${rec.signals}`);
      else if (exp) {
        same('title', rec.title, exp.title, problems);
        same('categories', rec.categories, exp.categories, problems);
        if (exp.published) same('published', rec.published, exp.published, problems);
        same(
          'images',
          rec.images.map((i) => i.url),
          exp.images.map((i) => i.url),
          problems,
        );
        compareTopics(rec, exp, problems);
        // Hexo's Markdown renderer makes '...' an ellipsis and keeps the generator's stray '+' (post 082) as text.
        const plain = (t) =>
          t
            .replace(/\.\.\./g, '…')
            .replace(/^\s*\+/, '')
            .replace(/\s+/g, '');
        if (plain(rec.text) !== plain(exp.text)) problems.push('text differs from the post');
      }
      figures.next++;
    } catch (e) {
      problems.push(`threw: ${e.stack ?? e}`);
    }
    check(name, problems);
  }
} else {
  console.log(`corpus check: no NexT pages at ${nextDir} (node scripts/render-next.mjs makes them); skipping that part.`);
}

// The corpus posts rendered with Hexo + seven npm themes (Volantis 5 and 6 among them) (scripts/render-themes.mjs): every post detected and read
// as the post says (title, categories, date, images, topics, text), every listing page left a listing.
const themeDir = process.env.THEME_CORPUS_DIR ?? join(root, 'build', 'theme-corpus');
const themeFigures = [];
for (const theme of renderedThemes(themeDir)) {
  const { figures: f, results } = checkTheme(join(themeDir, theme), expectedDir);
  themeFigures.push(f);
  for (const r of results) check(r.name, r.problems);
}
if (!themeFigures.length)
  console.log(`corpus check: no theme renderings at ${themeDir} (node scripts/render-themes.mjs makes them); skipping that part.`);
for (const f of themeFigures) {
  console.log(
    `theme ${f.theme} ${f.version}: ${f.detected}/${f.pages} detected, title ${f.title}, categories ${f.categories}, date ${f.date}/${f.dated}, ` +
      `images ${f.images}, topics ${f.topics}${f.topicsLimited ? ` (+${f.topicsLimited} short by the theme)` : ''}, text exact ${f.text}, ` +
      `F1 mean ${f.f1Mean.toFixed(4)} min ${f.f1Min.toFixed(4)}; listing pages ${f.listing}, detected as articles ${f.listingDetected}`,
  );
}

for (const f of failures.slice(0, verbose ? Infinity : 40)) console.log('FAIL ' + f);
if (failures.length > 40 && !verbose) console.log(`… ${failures.length - 40} more (--verbose shows all)`);
console.log(
  `corpus: ${figures.rendered} rendered pages, ${figures.listing} listing pages, ${figures.posts} posts, ${figures.next} NexT pages; ` +
    `${figures.images} images, ${figures.topics} topics, ${figures.unescaped} unescaped bodies; ` +
    `text F1 mean ${(figures.f1Sum / Math.max(1, figures.f1N)).toFixed(4)}, min ${figures.f1Min.toFixed(4)}`,
);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
