// The popup's Appearance section shows and changes what the reader on this tab's site shows: the global settings,
// or, where this site keeps a look of its own ("Remember for this site" in the reader), that look — its look keys
// go to the site's profile and the rest (copy format, images) to the global settings, as in the reader
// (splitChange). Without this, a change made in the popup on such a site changed every other site and not this one.
import { useEffect, useState } from 'preact/hooks';
import type { ReaderSettings } from '../settings/reader-settings';
import { profileHost, splitChange, type SiteProfile } from '../settings/site-profiles';
import type { PopupApi } from './api';

export interface PopupLook {
  /** The settings the reader shows on this site; null until loaded. */
  settings: ReaderSettings | null;
  /** The site whose own look is shown, or null: the global settings are. */
  site: string | null;
  /** Shown at once; saved where it belongs. Rejects (the shown settings put back) when storing fails. */
  change: (partial: Partial<ReaderSettings>) => Promise<void>;
}

export function useLook(api: PopupApi, pageUrl: string | null): PopupLook {
  const [global, setGlobal] = useState<ReaderSettings | null>(null);
  const [profile, setProfile] = useState<SiteProfile | null>(null);
  const host = pageUrl ? hostOf(pageUrl) : '';

  useEffect(() => {
    let live = true;
    api.loadReaderSettings().then(
      (s) => live && setGlobal(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    let live = true;
    setProfile(null);
    if (host)
      api.loadSiteProfile(host).then(
        (p) => live && setProfile(p),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [api, host]);

  const own = profile?.look ? profile : null;
  const settings = global && (own ? { ...global, ...own.look } : global);

  const change = async (partial: Partial<ReaderSettings>) => {
    const before = { global, profile };
    const split = splitChange(partial, own);
    setGlobal((g) => (g ? { ...g, ...split.global } : g));
    if (split.look && own) setProfile({ ...own, look: { ...own.look!, ...split.look } });
    try {
      if (Object.keys(split.global).length) setGlobal(await api.saveReaderSettings(split.global));
      if (split.look) setProfile(await api.saveSiteLook(host, split.look));
    } catch (err) {
      setGlobal(before.global);
      setProfile(before.profile);
      throw err;
    }
  };

  return { settings, site: own ? host : null, change };
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? profileHost(u.hostname) : '';
  } catch {
    return '';
  }
}
