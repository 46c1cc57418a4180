// Read aloud's remembered choices: the speed, and a voice per reading language, by name. Pure validation, as for
// the other reader preferences: storage.sync is shared with devices that may have other voices installed (a name
// not installed here is simply not used) and may run another version of this extension.
import { storedObject } from './stored-object';

/** The speeds offered, as the browsers' reading modes offer them: 0.5× to 3×. */
export const TTS_RATES: readonly number[] = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3];
export const DEFAULT_TTS_RATE = 1;

/** At most this many languages remembered, each voice name at most this long: the map stays small in readerPrefs. */
export const MAX_VOICE_LANGS = 8;
export const MAX_VOICE_NAME = 120;
/** A language tag as read aloud keys voices: `en`, `zh-CN`, `zh-TW`, `ja`. */
const LANG_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/;

export type VoiceChoices = Readonly<Record<string, string>>;

/** A stored speed made valid: the nearest speed offered, or `fallback` for anything that is no number. */
export function normalizeTtsRate(value: unknown, fallback = DEFAULT_TTS_RATE): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return TTS_RATES.reduce((best, r) => (Math.abs(r - value) < Math.abs(best - value) ? r : best));
}

/** A stored voice map made valid: well-formed languages and names only, the first MAX_VOICE_LANGS kept. */
export function normalizeTtsVoices(value: unknown, fallback: VoiceChoices = {}): VoiceChoices {
  const raw = storedObject(value);
  if (!raw) return fallback;
  const out: Record<string, string> = {};
  for (const [lang, name] of Object.entries(raw)) {
    if (Object.keys(out).length >= MAX_VOICE_LANGS) break;
    if (!LANG_TAG.test(lang) || typeof name !== 'string') continue;
    const trimmed = name.trim();
    if (trimmed !== '' && trimmed.length <= MAX_VOICE_NAME) out[lang] = trimmed;
  }
  return out;
}

/** `choices` with `lang` read by `name` (null: the best match again). The newest choice first: past the limit, the
 *  oldest is forgotten. */
export function withVoice(choices: VoiceChoices, lang: string, name: string | null): VoiceChoices {
  const { [lang]: _old, ...rest } = choices;
  return normalizeTtsVoices(name ? { [lang]: name, ...rest } : rest);
}
