// Every setting at once, for the options page's export and import. An import is one change through the
// sync store: checked against the quotas whole, and written whole or not at all.
import { writeSites } from './auto-clean';
import { loadSettings } from './index';
import { loadReaderSettings, writeReaderSettings } from './reader-settings';
import { loadSiteProfiles, writeProfiles } from './site-profiles';
import { AUTO_CLEAN_KEY } from './sites-layout';
import { settingsStore } from './sync';
import type { AllSettings } from './transfer';

export async function loadAllSettings(): Promise<AllSettings> {
  const [settings, reader, profiles] = await Promise.all([loadSettings(), loadReaderSettings(), loadSiteProfiles()]);
  return { settings, reader, profiles };
}

/** Replaces every setting by `all` (already validated); rejects with a QuotaError, writing nothing, when it does not fit. */
export async function saveAllSettings(all: AllSettings): Promise<void> {
  await settingsStore.update((items) => {
    items[AUTO_CLEAN_KEY] = all.settings.autoClean;
    writeSites(items, all.settings.sites);
    writeReaderSettings(items, all.reader);
    writeProfiles(items, all.profiles);
  });
}
