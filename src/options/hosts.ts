// What the user types as a site, made into the hostname the content script compares against
// (`location.hostname`: lower case, punycode, no port, no `www.` changes — www.x and x are two sites).

/** The hostname for `input` (a host name or a pasted URL), or null when it is not one. */
export function normalizeHost(input: string): string | null {
  const raw = input.trim();
  if (raw === '' || /\s/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.replace(/\.$/, '');
  // A name with at least one dot, or localhost; IPv6 literals are left out (no blog lives there).
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host)) return null;
  if (!host.includes('.') && host !== 'localhost') return null;
  return host;
}
