// Reader settings as CSS: custom properties for the numbers and fonts, data attributes for the
// choices CSS selects on. One function for the reader overlay and the options page's preview.
import type { FontKind, ReaderSettings } from '../settings/reader-settings';

/**
 * Latin fonts first: they have no Han glyphs, so Han text falls through to the CJK stack, and
 * Latin letters inside Chinese text keep their own (proportional) design instead of the CJK
 * font's Latin glyphs.
 */
export const LATIN_STACKS: Record<FontKind, string> = {
  sans: '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans"',
  serif: 'Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "Noto Serif", "DejaVu Serif", "Times New Roman"',
};

export const CJK_STACKS: Record<FontKind, string> = {
  sans: '"PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang TC", "Noto Sans CJK TC", "Microsoft JhengHei", "Hiragino Sans", "Noto Sans CJK JP"',
  serif:
    '"Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", STSong, SimSun, "Songti TC", "Noto Serif CJK TC", PMingLiU, "Hiragino Mincho ProN", "Noto Serif CJK JP"',
};

/** The full font-family value for a Latin/CJK choice. */
export function fontStack(latin: FontKind, cjk: FontKind): string {
  // The generic family follows the CJK choice: it is what most of the text on these sites is.
  return `${LATIN_STACKS[latin]}, ${CJK_STACKS[cjk]}, ${cjk === 'serif' ? 'serif' : 'sans-serif'}`;
}

/** Custom properties (name → value) that reader.css reads. */
export function readerStyleVars(s: ReaderSettings): Record<string, string> {
  return {
    '--pnr-reader-font': fontStack(s.latinFont, s.cjkFont),
    '--pnr-reader-size': `${s.fontSize}px`,
    '--pnr-reader-width': `${s.width}em`,
    '--pnr-reader-leading': String(s.lineHeight),
    '--pnr-reader-weight': String(s.fontWeight),
  };
}

/**
 * Applies settings at once: custom properties on `host` (they inherit into a shadow tree, and the
 * host's `all: initial` does not reset custom properties), data attributes on the themed `root`.
 */
export function applyReaderSettings(host: HTMLElement, root: HTMLElement, s: ReaderSettings): void {
  for (const [name, value] of Object.entries(readerStyleVars(s))) host.style.setProperty(name, value);
  root.dataset.pnrTheme = s.theme;
  root.dataset.images = s.showImages ? 'shown' : 'hidden';
}
