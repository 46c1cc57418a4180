// Read aloud's speed and voice, in the Listen panel: remembered in the reader settings (the voice per language, by
// name) and taken up from the next sentence while reading.
import type { ReaderSettings } from '../../settings/reader-settings';
import { TTS_RATES, withVoice } from '../../settings/tts-values';
import { t } from '../../ui/i18n';
import type { ReadAloudView } from '../hooks/use-read-aloud';
import { useVoices } from '../hooks/use-voices';
import { voicesFor } from '../voices';

export function ListenSettings(props: {
  tts: ReadAloudView;
  settings: ReaderSettings;
  onSettings: (partial: Partial<ReaderSettings>) => void;
}) {
  const { tts, settings, onSettings } = props;
  const voices = useVoices(tts.synth);
  const lang = tts.readingLanguage();
  const choices = voicesFor(voices, lang);
  const chosen = settings.ttsVoices[lang];
  const installed = chosen !== undefined && choices.some((v) => v.name === chosen);
  return (
    <div class="pnr-panel-row pnr-tts-settings">
      <label class="pnr-tts-field">
        <span>{t('tts_speed')}</span>
        <select
          class="pnr-tts-select"
          data-setting="ttsRate"
          value={String(settings.ttsRate)}
          onChange={(e) => onSettings({ ttsRate: Number(e.currentTarget.value) })}
        >
          {TTS_RATES.map((r) => (
            <option key={r} value={String(r)}>
              {`${r}×`}
            </option>
          ))}
        </select>
      </label>
      <label class="pnr-tts-field">
        <span>{t('tts_voiceFor', lang)}</span>
        <select
          class="pnr-tts-select"
          data-setting="ttsVoice"
          value={installed ? chosen : ''}
          onChange={(e) => onSettings({ ttsVoices: withVoice(settings.ttsVoices, lang, e.currentTarget.value || null) })}
        >
          <option value="">{t('tts_voiceAuto')}</option>
          {choices.map((v) => (
            <option key={v.name} value={v.name}>
              {v.lang === lang ? v.name : `${v.name} (${v.lang})`}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
