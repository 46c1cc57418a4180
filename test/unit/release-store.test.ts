// The store listings (store/<locale>.md): within the stores' limits, and every permission either manifest asks for
// explained in every language, so a permission added without a reason fails here. Also the store pictures check
// that `npm run package -- --strict` applies.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { solidPng } from '../../scripts/make-icons.mjs';
import {
  LISTING_LOCALES,
  PROMO_TILE,
  SHORT_MAX,
  charCount,
  listingProblems,
  parseListing,
  permissionsOf,
  storeImageProblems,
} from '../../scripts/lib/store-listing.mjs';
import { manifestFor } from '../../vite.config';

const ROOT = path.join(import.meta.dirname, '..', '..');
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');

const base = JSON.parse(read('manifest.json')) as Record<string, unknown>;
const required = [...new Set([...permissionsOf(manifestFor('chrome', base)), ...permissionsOf(manifestFor('firefox', base))])].sort();

describe('store listings', () => {
  it('the manifests ask for what the listings were written against', () => {
    // If this changes, the listings' Permissions sections (and PRIVACY.md, README's Permissions) need a look.
    expect(required).toEqual(['contextMenus', 'file:///*', 'http://*/*', 'https://*/*', 'storage']);
  });

  it.each(LISTING_LOCALES)('%s: within the limits, every permission explained, nothing else', (locale) => {
    const listing = parseListing(read(`store/${locale}.md`));
    expect(listingProblems(listing, required)).toEqual([]);
    expect(charCount(listing.sections['Short description']!)).toBeGreaterThan(20);
    for (const { reason } of listing.permissions) expect(charCount(reason)).toBeGreaterThan(10);
  });

  it.each(LISTING_LOCALES)("%s: the manifest's description (Chrome's summary) is within %i characters", (locale) => {
    const messages = JSON.parse(read(`_locales/${locale}/messages.json`)) as Record<string, { message: string }>;
    expect(charCount(messages.ext_description!.message)).toBeLessThanOrEqual(SHORT_MAX);
  });

  it('zh_TW holds no Simplified character', async () => {
    const mod = (await import('opencc-js/cn2t')) as unknown as { default?: unknown; Converter?: unknown };
    const OpenCC = (mod.default ?? mod) as { Converter(o: { from: string; to: string }): (t: string) => string };
    const text = read('store/zh_TW.md');
    const convert = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const changed = text.split('\n').filter((line) => convert(line) !== line);
    expect(changed).toEqual([]);
  });

  it('a permission without a reason, a stale one and an overlong summary are caught', () => {
    const listing = parseListing(read('store/en.md'));
    expect(listingProblems(listing, [...required, 'tabs'])).toEqual(['permission `tabs` (in the manifest) is not explained']);
    expect(
      listingProblems(
        listing,
        required.filter((k) => k !== 'storage'),
      ),
    ).toEqual(['permission `storage` is explained but no manifest asks for it']);
    const long = parseListing(
      `## Short description\n${'x'.repeat(SHORT_MAX + 1)}\n## Description\nd\n## Single purpose\np\n## Permissions\n- \`storage\`:\n`,
    );
    expect(listingProblems(long, ['storage'])).toEqual([
      `the short description has ${SHORT_MAX + 1} characters (at most ${SHORT_MAX})`,
      'permission `storage` has no reason',
    ]);
    expect(() => parseListing('## Permissions\n- storage: no backticks\n')).toThrow(/is not/);
    expect(listingProblems(parseListing('## Description\nd\n'), [])).toContain('section "Short description" is missing or empty');
  });

  it('reads Chinese permission lists (、 between keys, ： after them)', () => {
    const { permissions } = parseListing('## Permissions\n- `http://*/*`、`https://*/*`：理由\n  续行\n');
    expect(permissions).toEqual([{ keys: ['http://*/*', 'https://*/*'], reason: '理由 续行' }]);
  });
});

describe('store pictures (--strict)', () => {
  const png = (w: number, h: number) => solidPng(w, h, [0, 0, 0]);

  it('asks for a 1280×800 screenshot and the 440×280 tile', () => {
    expect(storeImageProblems({})).toEqual([
      'no screenshot: store/screenshots/*.png (1280×800) is expected',
      `no promotional tile: store/${PROMO_TILE.file} (440×280) is expected`,
    ]);
    expect(storeImageProblems({ 'screenshots/popup.png': png(1280, 800), [PROMO_TILE.file]: png(440, 280) })).toEqual([]);
  });

  it('names a picture of the wrong size or no PNG at all', () => {
    const problems = storeImageProblems({
      'screenshots/a.png': png(1280, 720),
      'screenshots/b.png': Buffer.from('GIF89a'),
      [PROMO_TILE.file]: png(440, 280),
    });
    expect(problems).toEqual([
      'store/screenshots/a.png is 1280×720 (a screenshot must be 1280×800)',
      'store/screenshots/b.png is not a PNG (a screenshot must be 1280×800)',
    ]);
  });
});
