// Read aloud's panel: previous / play, pause, resume / next paragraph, stop, where the reading is; speed and voice.
import type { ReaderSettings } from '../../settings/reader-settings';
import { t } from '../../ui/i18n';
import type { ReadAloudView } from '../hooks/use-read-aloud';
import { IconPause, IconPlay, IconStop } from '../icons';
import { PanelFrame } from '../tool-button';
import { IconNext, IconPrevious } from '../tts-icons';
import { ListenSettings } from './listen-settings';

export function ListenPanel(props: {
  tts: ReadAloudView;
  settings: ReaderSettings;
  onSettings: (partial: Partial<ReaderSettings>) => void;
}) {
  const { tts } = props;
  const idle = tts.state === 'idle';
  const text = idle
    ? t('tts_idle')
    : t(tts.state === 'paused' ? 'tts_paused' : 'tts_reading', [String((tts.paragraph ?? 0) + 1), String(tts.total)]);
  return (
    <PanelFrame panel="listen" label={t('reader_listen')}>
      <div class="pnr-panel-row">
        <button
          type="button"
          class="pnr-btn"
          data-action="tts-previous"
          disabled={idle}
          title={t('tts_previousHint')}
          onClick={tts.previous}
        >
          <IconPrevious />
          {t('tts_previous')}
        </button>
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
        <button type="button" class="pnr-btn" data-action="tts-next" disabled={idle} title={t('tts_nextHint')} onClick={tts.next}>
          <IconNext />
          {t('tts_next')}
        </button>
        <button type="button" class="pnr-btn" data-action="tts-stop" disabled={idle} onClick={tts.stop}>
          <IconStop />
          {t('tts_stop')}
        </button>
        <span class="pnr-panel-note" data-testid="tts-status" role="status">
          {text}
          {tts.language ? ` · ${tts.language}` : ''}
        </span>
      </div>
      <ListenSettings {...props} />
      <p class="pnr-panel-note">{t('tts_hint')}</p>
    </PanelFrame>
  );
}
