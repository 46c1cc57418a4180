// Read aloud's panel: play / pause / resume, stop, and where the reading is.
import { t } from '../../ui/i18n';
import type { ReadAloudView } from '../hooks/use-read-aloud';
import { IconPause, IconPlay, IconStop } from '../icons';
import { PanelFrame } from '../tool-button';

export function ListenPanel({ tts }: { tts: ReadAloudView }) {
  const text =
    tts.state === 'idle'
      ? t('tts_idle')
      : t(tts.state === 'paused' ? 'tts_paused' : 'tts_reading', [String((tts.paragraph ?? 0) + 1), String(tts.total)]);
  return (
    <PanelFrame panel="listen" label={t('reader_listen')} row>
      {tts.state === 'playing' ? (
        <button type="button" class="pnr-btn" data-action="tts-pause" onClick={tts.pause}>
          <IconPause />
          {t('tts_pause')}
        </button>
      ) : (
        <button
          type="button"
          class="pnr-btn pnr-btn-primary"
          data-action="tts-play"
          onClick={() => (tts.state === 'paused' ? tts.resume() : void tts.start())}
        >
          <IconPlay />
          {tts.state === 'paused' ? t('tts_resume') : t('tts_play')}
        </button>
      )}
      <button type="button" class="pnr-btn" data-action="tts-stop" disabled={tts.state === 'idle'} onClick={tts.stop}>
        <IconStop />
        {t('tts_stop')}
      </button>
      <span class="pnr-panel-note" data-testid="tts-status">
        {text}
        {tts.language ? ` · ${tts.language}` : ''}
      </span>
    </PanelFrame>
  );
}
