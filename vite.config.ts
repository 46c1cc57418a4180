// One config, two targets: `vite build --mode chrome` → dist/chrome, `--mode firefox` → dist/firefox,
// both from the top-level manifest.json, with package.json's version (the one place it is written: `npm run
// release` bumps it). Firefox gets an event page instead of a service worker
// (crxjs reads `background.scripts[0]` for it) and its gecko settings.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { dynamicUrlContentScripts } from './scripts/dynamic-url';
import { popupBuild } from './scripts/popup-build';
import { manifestVersion } from './scripts/lib/release.mjs';

export type Target = 'chrome' | 'firefox';

export const GECKO_ID = 'proxied-news-reader@zfe.space';

type Manifest = Record<string, unknown> & { background?: { service_worker?: string; scripts?: string[]; type?: string } };

/** The manifest for one target, derived from the shared top-level manifest.json. */
export function manifestFor(target: Target, base: Manifest): Manifest {
  const manifest: Manifest = structuredClone(base);
  if (target === 'firefox') {
    const worker = base.background?.service_worker;
    if (!worker) throw new Error('manifest.json: background.service_worker is required');
    manifest.background = { scripts: [worker], type: 'module' };
    manifest.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  return manifest;
}

/** The content scripts' sources, as manifest.json names them. */
function contentScriptSources(base: Manifest): string[] {
  const scripts = (base.content_scripts ?? []) as Array<{ js?: string[] }>;
  return scripts.flatMap((cs) => cs.js ?? []);
}

function targetOf(mode: string): Target {
  if (mode === 'chrome' || mode === 'firefox') return mode;
  // `vite` without --mode (development) builds the Chrome flavour.
  if (mode === 'development' || mode === 'production') return 'chrome';
  throw new Error(`unknown mode "${mode}": use --mode chrome or --mode firefox`);
}

export default defineConfig(({ mode, command }) => {
  const target = targetOf(mode);
  // A build is the store build whatever NODE_ENV the shell or test runner set (vitest sets "test"): otherwise
  // Preact's development JSX writes every component's absolute source path into the bundle, and the output
  // depends on the directory it was built in (test/unit/release-package.test.ts rebuilds elsewhere and compares).
  if (command === 'build') process.env.NODE_ENV = 'production';
  const root = fileURLToPath(new URL('.', import.meta.url));
  const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
  const shared = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8')) as Manifest;
  if ('version' in shared) throw new Error('manifest.json: no "version" here, package.json\'s is written into both manifests');
  // Right after the name, where Chrome's documentation puts it (key order is kept in the built manifest).
  const { manifest_version: mv, name, ...rest } = shared;
  const base: Manifest = { manifest_version: mv, name, version: manifestVersion(pkg.version), ...rest };
  return {
    root,
    plugins: [
      preact(),
      crx({ manifest: manifestFor(target, base) as unknown as ManifestV3Export, browser: target }),
      // The popup: a build of its own, after this one (scripts/popup-build.ts says why).
      popupBuild(mode),
      // Not fingerprintable from ordinary pages: in Chrome the content script's lazily loaded chunks are
      // web-accessible only at the per-session dynamic address (scripts/dynamic-url.ts says why imports are
      // rewritten for that). Firefox has no use_dynamic_url (153 ESR's schema does not know the key: a warning at
      // install; crxjs leaves it out) and its moz-extension://<uuid> is random per install already.
      ...(target === 'chrome' ? [dynamicUrlContentScripts(contentScriptSources(base))] : []),
    ],
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      minify: true,
      sourcemap: false,
      target: 'es2022',
      // Only the extension's own pages (here the options page) list their chunks as <link rel=modulepreload>: fetched
      // at once rather than a level of imports at a time. Never for a dynamic import: Vite's preload helper would
      // insert those links into the host page when the content script imports its chunks (the page must stay
      // untouched).
      modulePreload: { polyfill: false, resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
      // Vite's preload helper in a chunk of its own, as when the popup shared it: it reads import.meta, which
      // scripts/dynamic-url.ts allows there alone, and the content script's entry stays as it was.
      rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'preload-helper', test: /^\0vite\/preload-helper/ }] } } },
    },
    // No dev server HMR port clashes between the two targets.
    server: { port: target === 'chrome' ? 5173 : 5174, strictPort: true },
  };
});
