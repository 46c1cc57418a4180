// Whole-corpus check: every page and post of ../shared/corpus against the reviewed expectations in
// test/corpus-expected (an independent reading, see its README). Needs `npm run build:cli` first.
// Without ../shared/corpus it says so and exits 0: a fresh clone's `npm test` does not depend on it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { extractText, readInput } from '../build/cli/lib.js';

const root = resolve(import.meta.dirname, '..');
const corpus = resolve(process.env.CORPUS_DIR ?? join(root, '..', 'shared', 'corpus'));
const expectedDir = join(root, 'test', 'corpus-expected');
const verbose = process.argv.includes('--verbose');
const nextDir = process.env.NEXT_CORPUS_DIR ?? join(root, 'build', 'next-corpus');

if (!existsSync(join(corpus, 'rendered'))) {
  console.log(`corpus check: no corpus at ${corpus} (set CORPUS_DIR, or place shared/ beside the checkout); nothing to check.`);
  process.exit(0);
}

const PROXY = 'cors.zfour.workers.dev';
const failures = [];
let passed = 0;
// Reviewed corrections to the independent reading (see the file's _about): field → value, with a reason.
const overridesPath = join(expectedDir, 'review-overrides.json');
const overrides = existsSync(overridesPath) ? JSON.parse(readFileSync(overridesPath, 'utf8')) : {};
function expectation(path, key) {
  if (!existsSync(path)) return null;
  const exp = JSON.parse(readFileSync(path, 'utf8'));
  const { reason: _reason, ...fields } = overrides[key] ?? {};
  return { ...exp, ...fields };
}
const figures = { rendered: 0, listing: 0, posts: 0, next: 0, topics: 0, images: 0, unescaped: 0, f1Min: 1, f1Sum: 0, f1N: 0 };

/** Tokens for text F1: one per Han/Kana character, one per word otherwise. */
export function tokens(text) {
  return text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu) ?? [];
}
function f1(a, b) {
  const ta = tokens(a);
  const tb = tokens(b);
  if (!ta.length && !tb.length) return 1;
  const counts = new Map();
  for (const t of tb) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of ta) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  if (!common) return 0;
  const p = common / ta.length;
  const r = common / tb.length;
  return (2 * p * r) / (p + r);
}
const topicText = (s) => s.replace(/^[#＃$@《\s]+|[#＃$》\s]+$/g, '');
const squash = (s) => (s ?? '').replace(/\s+/g, '');

function check(name, problems) {
  if (problems.length) failures.push(`${name}:\n    ${problems.join('\n    ')}`);
  else passed++;
}

/** JSON with object keys sorted, so key order never counts as a difference. */
function canon(value) {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

function same(label, got, want, problems) {
  const g = canon(got);
  const w = canon(want);
  if (g !== w) problems.push(`${label}: got ${g.slice(0, 300)} want ${w.slice(0, 300)}`);
}

/**
 * Links the independent reading could not decide on (exp.doubtful) may go either way; every link it calls a
 * topic must be one of ours, in order. Topic text is compared without #…# / $…$ / @ delimiters.
 */
function compareTopics(rec, exp, problems) {
  const key = (t) => `${topicText(t.text)}\n${t.href}`;
  const doubtful = new Set((exp.doubtful ?? []).map(key));
  const decided = (list) => list.map(key).filter((k) => !doubtful.has(k));
  same('topics', decided(rec.topics), decided(exp.topics), problems);
}

function compareArticle(rec, exp, problems) {
  same('title', rec.title, exp.title, problems);
  same('categories', rec.categories, exp.categories, problems);
  if ('published' in exp) same('published', rec.published, exp.published, problems);
  if ('cover' in exp) {
    const got = rec.cover && { url: rec.cover.url, placeholder: rec.cover.placeholder, proxied: rec.cover.proxied };
    same('cover', got, exp.cover, problems);
  }
  if (exp.images) {
    // Where the feed escaped its markup we render the intended article, images included; the independent
    // reading lists those apart, as escapedImages.
    const want = [...exp.images, ...(rec.unescaped ? (exp.escapedImages ?? []) : [])];
    same('images', rec.images.map((i) => i.url), want.map((i) => i.url), problems);
  }
  if (exp.topics) compareTopics(rec, exp, problems);
  if (typeof exp.text === 'string') {
    const score = f1(rec.text, exp.text);
    figures.f1Min = Math.min(figures.f1Min, score);
    figures.f1Sum += score;
    figures.f1N++;
    if (squash(rec.text) !== squash(exp.text)) {
      const a = squash(rec.text);
      const b = squash(exp.text);
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      problems.push(`text differs (F1 ${score.toFixed(4)}) at ${i}: got …${a.slice(Math.max(0, i - 20), i + 40)}… want …${b.slice(Math.max(0, i - 20), i + 40)}…`);
    }
  }
  const copied = JSON.stringify([rec.text, rec.html, rec.markdown, rec.cover?.url, rec.images.map((i) => i.url), rec.videos.map((v) => v.url), rec.topics.map((t) => t.href), rec.links.map((l) => l.href)]);
  if (copied.includes(PROXY)) problems.push('a proxy address is left in text/html/markdown or a url field');
  figures.topics += rec.topics.length;
  figures.images += rec.images.length;
  if (rec.unescaped) figures.unescaped++;
}

function run(dir, kind, expectedSub, onRecord) {
  const full = join(corpus, dir);
  for (const file of readdirSync(full).filter((f) => /\.(html|md)$/.test(f)).sort()) {
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
    const exp = expectation(expPath, `${expectedSub}/${basename(expPath)}`);
    if (!exp) problems.push(`no expectation at ${expPath}`);
    onRecord(rec, exp, problems);
    figures[kind]++;
    check(name, problems);
  }
}

run('rendered/p', 'rendered', 'rendered', (rec, exp, problems) => {
  if (!rec.detected || rec.kind !== 'article') problems.push(`not detected as an article: ${rec.kind} ${rec.signals}`);
  if (exp) compareArticle(rec, exp, problems);
});
run('rendered/listing', 'listing', 'listing', (rec, _exp, problems) => {
  if (rec.detected) problems.push(`listing page detected as ${rec.kind}`);
});
run('posts', 'posts', 'posts', (rec, exp, problems) => {
  if (!rec.detected || rec.kind !== 'markdown-post') problems.push(`post not read: ${rec.kind}`);
  if (exp) compareArticle(rec, exp, problems);
});
run('seed', 'posts', 'posts', (rec, exp, problems) => {
  if (!rec.detected) problems.push('seed not read');
  if (exp) compareArticle(rec, exp, problems);
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
      const exp = existsSync(expPath) ? JSON.parse(readFileSync(expPath, 'utf8')) : null;
      if (!rec.detected) problems.push(`NexT page not detected: ${rec.kind} ${rec.signals}`);
      else if (exp) {
        same('title', rec.title, exp.title, problems);
        same('categories', rec.categories, exp.categories, problems);
        if (exp.published) same('published', rec.published, exp.published, problems);
        same('images', rec.images.map((i) => i.url), exp.images.map((i) => i.url), problems);
        compareTopics(rec, exp, problems);
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

for (const f of failures.slice(0, verbose ? Infinity : 40)) console.log('FAIL ' + f);
if (failures.length > 40 && !verbose) console.log(`… ${failures.length - 40} more (--verbose shows all)`);
console.log(
  `corpus: ${figures.rendered} rendered pages, ${figures.listing} listing pages, ${figures.posts} posts, ${figures.next} NexT pages; ` +
    `${figures.images} images, ${figures.topics} topics, ${figures.unescaped} unescaped bodies; ` +
    `text F1 mean ${(figures.f1Sum / Math.max(1, figures.f1N)).toFixed(4)}, min ${figures.f1Min.toFixed(4)}`,
);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
