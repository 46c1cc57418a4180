// Which installed voice reads a language: the one the user chose for it (remembered by name, per language), else
// the best match. Pure: voices in, a voice out.

export interface VoiceLike {
  lang: string;
  name: string;
  default?: boolean;
  localService?: boolean;
}

/** The user's voice per reading language, by name: `{ 'zh-CN': 'Tingting' }`. */
export type VoicePrefs = Readonly<Record<string, string>>;

const norm = (lang: string): string => lang.replace('_', '-').toLowerCase();
const primary = (lang: string): string => norm(lang).split('-')[0]!;

/** The voices that can read `lang`: those of the same language (any region), the exact region first. */
export function voicesFor(voices: readonly VoiceLike[], lang: string): VoiceLike[] {
  const want = norm(lang);
  const same = voices.filter((v) => primary(v.lang) === primary(lang));
  return [...same.filter((v) => norm(v.lang) === want), ...same.filter((v) => norm(v.lang) !== want)];
}

/**
 * The voice for `lang`: the one named `preferred` when it is installed and speaks the language; else an exact
 * match (the browser's default among them first), else one of the same language (for zh-TW, Hong Kong before the
 * mainland), else null — the utterance's `lang` then lets the browser choose.
 */
export function pickVoice(voices: readonly VoiceLike[], lang: string, preferred?: string): VoiceLike | null {
  const want = norm(lang);
  if (preferred) {
    const chosen = voicesFor(voices, lang).find((v) => v.name === preferred);
    if (chosen) return chosen;
  }
  const exact = voices.filter((v) => norm(v.lang) === want);
  if (exact.length) return exact.find((v) => v.default) ?? exact.find((v) => v.localService) ?? exact[0]!;
  const same = voices.filter((v) => primary(v.lang) === primary(want));
  if (!same.length) return null;
  const order = want === 'zh-tw' ? ['zh-hk', 'zh-cn'] : want === 'zh-cn' ? ['zh-sg', 'zh-tw', 'zh-hk'] : [];
  for (const region of order) {
    const v = same.find((x) => norm(x.lang) === region);
    if (v) return v;
  }
  return same[0]!;
}
