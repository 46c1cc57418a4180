// The store listings in store/<locale>.md: parsing, their limits, and which manifest permissions they must explain.
// Pure, so test/unit/release-store.test.ts checks every listing against the manifests without a browser.

export const LISTING_LOCALES = ['en', 'zh_CN', 'zh_TW'];
/** Chrome Web Store: the summary (the manifest's description) is at most 132 characters. */
export const SHORT_MAX = 132;
/** Chrome Web Store: the description field holds at most 16,000 characters. */
export const DESCRIPTION_MAX = 16_000;
export const SECTIONS = ['Short description', 'Description', 'Single purpose', 'Permissions'];

/** Characters as the stores count them: code points (a Han character is one). */
export function charCount(text) {
  return [...text].length;
}

/**
 * `store/<locale>.md` read into { sections: { heading: text }, permissions: [{ keys, reason }] }. Sections are the
 * `## ` headings; in Permissions each list item `- \`key\`, \`key\`: reason` (or `、` and `：`) explains those keys.
 */
export function parseListing(markdown) {
  const sections = {};
  let current = null;
  for (const line of markdown.replace(/\r\n/g, '\n').split('\n')) {
    const h = /^## (.+?)\s*$/.exec(line);
    if (h) {
      current = h[1];
      if (current in sections) throw new Error(`section "${current}" appears twice`);
      sections[current] = [];
    } else if (current) sections[current].push(line);
  }
  const text = Object.fromEntries(Object.entries(sections).map(([k, lines]) => [k, lines.join('\n').trim()]));
  const permissions = [];
  for (const item of (text.Permissions ?? '').split(/\n(?=- )/)) {
    // "- `a`, `b`: why" (Chinese listings separate with 、 and end the keys with ：).
    const m = /^- ((?:`[^`]+`\s*[,、]?\s*)+)[:：]\s*([\s\S]*)$/.exec(item.trim());
    if (!m) {
      if (item.trim()) throw new Error(`Permissions: "${item.trim().slice(0, 60)}" is not "- \`permission\`: why"`);
      continue;
    }
    permissions.push({ keys: [...m[1].matchAll(/`([^`]+)`/g)].map((k) => k[1]), reason: m[2].replace(/\s+/g, ' ').trim() });
  }
  return { sections: text, permissions };
}

/**
 * What a manifest asks the user to grant, or may ask later: API permissions, host permissions and the pages its
 * content scripts run on (the stores show those as host access and ask for a reason), required and optional.
 */
export function permissionsOf(manifest) {
  const keys = [
    ...(manifest.permissions ?? []),
    ...(manifest.optional_permissions ?? []),
    ...(manifest.host_permissions ?? []),
    ...(manifest.optional_host_permissions ?? []),
    ...(manifest.content_scripts ?? []).flatMap((cs) => cs.matches ?? []),
  ];
  return [...new Set(keys)].sort();
}

/** Every problem of one listing against the permissions `required` (from the manifests); [] when it is fine. */
export function listingProblems(listing, required) {
  const problems = [];
  const { sections, permissions } = listing;
  for (const name of SECTIONS) if (!sections[name]) problems.push(`section "${name}" is missing or empty`);
  const short = sections['Short description'] ?? '';
  if (short.includes('\n')) problems.push('the short description is more than one line');
  if (charCount(short) > SHORT_MAX) problems.push(`the short description has ${charCount(short)} characters (at most ${SHORT_MAX})`);
  const long = sections.Description ?? '';
  if (charCount(long) > DESCRIPTION_MAX) problems.push(`the description has ${charCount(long)} characters (at most ${DESCRIPTION_MAX})`);
  const explained = new Map();
  for (const { keys, reason } of permissions) {
    for (const k of keys) {
      if (explained.has(k)) problems.push(`permission \`${k}\` is explained twice`);
      explained.set(k, reason);
    }
    if (!reason) problems.push(`permission ${keys.map((k) => `\`${k}\``).join(', ')} has no reason`);
  }
  for (const k of required) if (!explained.has(k)) problems.push(`permission \`${k}\` (in the manifest) is not explained`);
  for (const k of explained.keys())
    if (!required.includes(k)) problems.push(`permission \`${k}\` is explained but no manifest asks for it`);
  return problems;
}

/** Width and height of a PNG from its IHDR chunk, or null when `buf` is no PNG. */
export function pngSize(buf) {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length < 24 || sig.some((b, i) => buf[i] !== b) || buf.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** The store's pictures: at least one 1280×800 screenshot in store/screenshots/, the 440×280 promotional tile. */
export const SCREENSHOT = { dir: 'screenshots', width: 1280, height: 800 };
export const PROMO_TILE = { file: 'promo-440x280.png', width: 440, height: 280 };

/**
 * What is wrong with the pictures, given `pngs` ({ relative path under store/: bytes }); [] when everything the
 * stores need is there at the right size.
 */
export function storeImageProblems(pngs) {
  const problems = [];
  const shots = Object.keys(pngs).filter((p) => p.startsWith(`${SCREENSHOT.dir}/`));
  if (!shots.length) problems.push(`no screenshot: store/${SCREENSHOT.dir}/*.png (${SCREENSHOT.width}×${SCREENSHOT.height}) is expected`);
  for (const p of shots) {
    const size = pngSize(pngs[p]);
    if (!size || size.width !== SCREENSHOT.width || size.height !== SCREENSHOT.height) {
      problems.push(
        `store/${p} is ${size ? `${size.width}×${size.height}` : 'not a PNG'} (a screenshot must be ${SCREENSHOT.width}×${SCREENSHOT.height})`,
      );
    }
  }
  const tile = pngs[PROMO_TILE.file];
  const size = tile && pngSize(tile);
  if (!tile) problems.push(`no promotional tile: store/${PROMO_TILE.file} (${PROMO_TILE.width}×${PROMO_TILE.height}) is expected`);
  else if (!size || size.width !== PROMO_TILE.width || size.height !== PROMO_TILE.height) {
    problems.push(
      `store/${PROMO_TILE.file} is ${size ? `${size.width}×${size.height}` : 'not a PNG'} (must be ${PROMO_TILE.width}×${PROMO_TILE.height})`,
    );
  }
  return problems;
}
