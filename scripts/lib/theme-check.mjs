// Per-theme check of the corpus posts rendered with Hexo + npm themes (scripts/render-themes.mjs): each page
// against the expectation of the post it came from, each listing page must stay a listing. Shared by
// scripts/test-corpus.mjs (pass/fail) and scripts/theme-report.mjs (figures).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { extractText, readInput } from '../../build/cli/lib.js';
import { compareTopics, f1, loadExpectation, same } from './expectations.mjs';

/**
 * What a theme destroys of the feed's markup before we see it, with the reason: there a field may fall short of
 * the post's (never differ otherwise). Redefine rewrites every link as `<a class="link" class="s_tag" …>`: the
 * browser keeps the first class, so IT 之家's keyword class is gone and its links read as ordinary links.
 */
export const THEME_LIMITS = {
  redefine: { topics: 'keyword links lose their class to the theme\'s class="link"' },
};

/** Hexo's Markdown renderer makes '...' an ellipsis and keeps the generator's stray '+' (post 082) as text. */
const plain = (t) =>
  (t ?? '')
    .replace(/\.\.\./g, '…')
    .replace(/^\s*\+/, '')
    .replace(/\s+/g, '');

/** Every topic we found is one of the post's: a theme limit may lose some, never invent one. */
function topicsWithin(rec, exp) {
  const want = new Set(exp.topics.map((t) => `${t.text}\n${t.href}`));
  return rec.topics.every((t) => want.has(`${t.text}\n${t.href}`));
}

/** Every theme directory with an index.json under `root`. */
export function renderedThemes(root) {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((d) => existsSync(join(root, d, 'index.json')))
    .sort();
}

/**
 * Checks one theme's pages. Returns per-page problems and the figures: detected, title, categories, date,
 * images, topics (each: pages right), text F1 mean/min, listing pages detected (must be 0).
 */
export function checkTheme(dir, expectedDir, url = 'https://news.zfe.space/') {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const fig = {
    theme: basename(dir),
    version: index.version ?? null,
    pages: 0,
    detected: 0,
    title: 0,
    categories: 0,
    date: 0,
    dated: 0,
    images: 0,
    topics: 0,
    text: 0,
    f1Sum: 0,
    f1Min: 1,
    listing: 0,
    listingDetected: 0,
    listingFamily: 0,
  };
  const results = [];
  for (const [post, page] of Object.entries(index.posts ?? {})) {
    const problems = [];
    const name = `${fig.theme}/${basename(page)}`;
    fig.pages++;
    try {
      const rec = extractText(readInput(join(dir, basename(page))), name, `${url}p/${basename(page)}`);
      const exp = loadExpectation(expectedDir, `posts/${basename(post).replace(/\.md$/, '.json')}`);
      if (!rec.detected) problems.push(`not detected: ${rec.kind} ${rec.signals}`);
      else if (exp) {
        fig.detected++;
        const p0 = problems.length;
        same('title', rec.title, exp.title, problems);
        if (problems.length === p0) fig.title++;
        const p1 = problems.length;
        same('categories', rec.categories, exp.categories, problems);
        if (problems.length === p1) fig.categories++;
        if (exp.published) {
          fig.dated++;
          const p2 = problems.length;
          same('published', rec.published, exp.published, problems);
          if (problems.length === p2) fig.date++;
        }
        const p3 = problems.length;
        same(
          'images',
          rec.images.map((i) => i.url),
          exp.images.map((i) => i.url),
          problems,
        );
        if (problems.length === p3) fig.images++;
        const p4 = problems.length;
        compareTopics(rec, exp, problems);
        if (problems.length === p4) fig.topics++;
        else if (THEME_LIMITS[fig.theme]?.topics && topicsWithin(rec, exp)) {
          problems.splice(p4);
          fig.topicsLimited = (fig.topicsLimited ?? 0) + 1;
        }
        const score = f1(plain(rec.text).replace(/…/g, '...'), plain(exp.text).replace(/…/g, '...'));
        fig.f1Sum += score;
        fig.f1Min = Math.min(fig.f1Min, score);
        if (plain(rec.text) === plain(exp.text)) fig.text++;
        else problems.push(`text differs from the post (F1 ${score.toFixed(3)})`);
      } else fig.detected++;
    } catch (e) {
      problems.push(`threw: ${e.stack ?? e}`);
    }
    results.push({ name, problems });
  }
  const listingDir = join(dir, 'listing');
  for (const file of existsSync(listingDir)
    ? readdirSync(listingDir)
        .filter((f) => f.endsWith('.html'))
        .sort()
    : []) {
    const name = `${fig.theme}/listing/${file}`;
    const problems = [];
    fig.listing++;
    try {
      const rec = extractText(readInput(join(listingDir, file)), name, `${url}${file.replace(/\.html$/, '/')}`);
      if (rec.detected) {
        fig.listingDetected++;
        problems.push(`listing page detected as ${rec.kind} (${rec.signals})`);
      }
      if (rec.kind === 'listing' && rec.family) fig.listingFamily++;
      // Every theme's home shows the generator's covers (proxied or placeholder): its pictures must come back.
      else if (file === 'home.html') problems.push(`home page not read as a listing of the family: ${rec.kind} (${rec.signals})`);
    } catch (e) {
      problems.push(`threw: ${e.stack ?? e}`);
    }
    results.push({ name, problems, listing: true });
  }
  fig.f1Mean = fig.detected ? fig.f1Sum / fig.detected : 0;
  return { figures: fig, results };
}
