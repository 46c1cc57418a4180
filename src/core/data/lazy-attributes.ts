// Where an <img> (or <video>) keeps its real address. Feeds lazy-load with their own attributes, and the
// Volantis theme rewrites every body image to `src=X data-srcset=X srcset=<base64 1×1>`. Ordered by trust:
// a feed's own lazy attribute names the full-size original (sspai, zhihu, ZAKER, 游研社 put a resized copy or a
// dead placeholder in `src`), the theme's copy comes next, and `srcset` last.
export interface SourceAttribute {
  name: string;
  /** The value is a srcset (candidates with descriptors), not one URL. */
  srcset?: boolean;
}

export const SOURCE_ATTRIBUTES: readonly SourceAttribute[] = [
  { name: 'data-original' },
  { name: 'data-actualsrc' },
  { name: 'data-src' },
  { name: 'data-lazy-src' },
  { name: 'data-lazy' },
  { name: 'data-echo' },
  { name: 'data-url' },
  { name: 'zoomfile' },
  { name: 'file' },
  { name: 'src' },
  { name: 'data-srcset', srcset: true },
  { name: 'srcset', srcset: true },
];

/** Every attribute of a media element that can hold an address, for in-place unwrapping. */
export const MEDIA_URL_ATTRIBUTES: readonly SourceAttribute[] = [...SOURCE_ATTRIBUTES, { name: 'poster' }, { name: 'data-poster' }];

/** Elements whose attributes above are addresses of media. */
export const MEDIA_SELECTOR = 'img, video, audio, source, iframe';

/** Lazy-load placeholders: never the real source. */
export const PLACEHOLDER_SOURCE = /^\s*(data:|about:blank|javascript:)/i;

/** Hosts that serve stand-in pictures (the generator uses picsum when an item has no image). */
export const PLACEHOLDER_IMAGE_HOSTS: readonly string[] = ['picsum.photos', 'fastly.picsum.photos'];
