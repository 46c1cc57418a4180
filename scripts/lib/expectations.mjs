// Comparing an extraction record with the reviewed expectations of test/corpus-expected. Shared by the
// whole-corpus script and the fixture tests, so both judge by the same rules.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PROXY = 'cors.zfour.workers.dev';

/** The expectation for `key` (e.g. `rendered/86d3.json`), with the reviewed overrides applied; null if none. */
export function loadExpectation(expectedDir, key) {
  const path = join(expectedDir, key);
  if (!existsSync(path)) return null;
  const overridesPath = join(expectedDir, 'review-overrides.json');
  const overrides = existsSync(overridesPath) ? JSON.parse(readFileSync(overridesPath, 'utf8')) : {};
  const { reason: _reason, ...fields } = overrides[key] ?? {};
  return { ...JSON.parse(readFileSync(path, 'utf8')), ...fields };
}

/** Tokens for text F1: one per Han/Kana character, one per word otherwise. */
export function tokens(text) {
  return text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu) ?? [];
}
export function f1(a, b) {
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

/** JSON with object keys sorted, so key order never counts as a difference. */
function canon(value) {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

export function same(label, got, want, problems) {
  const g = canon(got);
  const w = canon(want);
  if (g !== w) problems.push(`${label}: got ${g.slice(0, 300)} want ${w.slice(0, 300)}`);
}

/**
 * Links the independent reading could not decide on (exp.doubtful) may go either way; every link it calls a
 * topic must be one of ours, in order. Topic text is compared without #…# / $…$ / @ delimiters.
 */
export function compareTopics(rec, exp, problems) {
  const key = (t) => `${topicText(t.text)}\n${t.href}`;
  const doubtful = new Set((exp.doubtful ?? []).map(key));
  const decided = (list) => list.map(key).filter((k) => !doubtful.has(k));
  same('topics', decided(rec.topics), decided(exp.topics), problems);
}

/** Problems found comparing an article record with its expectation; `figures` (optional) collects counts. */
export function compareArticle(rec, exp, problems, figures = {}) {
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
    same(
      'images',
      rec.images.map((i) => i.url),
      want.map((i) => i.url),
      problems,
    );
  }
  if (exp.topics) compareTopics(rec, exp, problems);
  if (typeof exp.text === 'string') {
    const score = f1(rec.text, exp.text);
    figures.f1Min = Math.min(figures.f1Min ?? 1, score);
    figures.f1Sum = (figures.f1Sum ?? 0) + score;
    figures.f1N = (figures.f1N ?? 0) + 1;
    if (squash(rec.text) !== squash(exp.text)) {
      const a = squash(rec.text);
      const b = squash(exp.text);
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      problems.push(
        `text differs (F1 ${score.toFixed(4)}) at ${i}: got …${a.slice(Math.max(0, i - 20), i + 40)}… want …${b.slice(Math.max(0, i - 20), i + 40)}…`,
      );
    }
  }
  const copied = JSON.stringify([
    rec.text,
    rec.html,
    rec.markdown,
    rec.cover?.url,
    rec.images.map((i) => i.url),
    rec.videos.map((v) => v.url),
    rec.topics.map((t) => t.href),
    rec.links.map((l) => l.href),
  ]);
  if (copied.includes(PROXY)) problems.push('a proxy address is left in text/html/markdown or a url field');
  figures.topics = (figures.topics ?? 0) + rec.topics.length;
  figures.images = (figures.images ?? 0) + rec.images.length;
  if (rec.unescaped) figures.unescaped = (figures.unescaped ?? 0) + 1;
}
