// Embedded players seen in the corpus (and the common ones beside them). An <iframe> from these hosts is a
// video of the article; any other iframe is page furniture.
export const VIDEO_IFRAME_HOSTS: readonly string[] = [
  'player.youku.com',
  'player.vimeo.com',
  'v.qq.com',
  'player.bilibili.com',
  'www.youtube.com',
  'www.youtube-nocookie.com',
  'youtube.com',
  'www.facebook.com',
];

/** Match a host or any of its subdomains against the table. */
export function isVideoHost(host: string): boolean {
  const h = host.toLowerCase();
  return VIDEO_IFRAME_HOSTS.some((v) => h === v || h.endsWith('.' + v));
}
