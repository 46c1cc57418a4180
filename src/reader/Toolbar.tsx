// The reader's toolbar: its tools, one disclosure panel open at a time, and Close.
import type { ReaderSettings } from '../settings/reader-settings';
import { t } from '../ui/i18n';
import { COPY_AS, type ArticleActions } from './hooks/article-actions';
import type { ChineseScript } from './hooks/use-chinese-script';
import type { OutlineView } from './hooks/use-outline';
import type { ReadAloudView } from './hooks/use-read-aloud';
import { IconConvert, IconCopy, IconHighlight, IconKeyboard, IconOutline, IconPrint, IconSave, IconSpeaker, IconType } from './icons';
import { AppearancePanel } from './panels/AppearancePanel';
import { ConvertPanel } from './panels/ConvertPanel';
import { HighlightsPanel, type HighlightsPanelProps } from './panels/HighlightsPanel';
import { KeysPanel } from './panels/KeysPanel';
import { ListenPanel } from './panels/ListenPanel';
import { OutlinePanel } from './panels/OutlinePanel';
import { SavePanel } from './panels/SavePanel';
import type { SiteControls } from './settings-session';
import { ToolButton, type Panel } from './tool-button';

export interface ToolbarProps {
  panel: Panel | null;
  togglePanel: (panel: Panel) => void;
  settings: ReaderSettings;
  onSettings: (partial: Partial<ReaderSettings>) => void;
  /** Read aloud, or null where the browser has no speech. */
  tts: ReadAloudView | null;
  /** 简/繁, or null for an article that is not Chinese. */
  script: ChineseScript | null;
  actions: ArticleActions;
  /** The article's outline (no entries: the button says why it is off). */
  outline: OutlineView;
  highlights: HighlightsPanelProps;
  onPrint: () => void;
  onClose: () => void;
  /** This host's profile ("remember for this site"), and whether the article may be set vertically. */
  site?: SiteControls;
  verticalFits?: boolean;
}

export function Toolbar(props: ToolbarProps) {
  const { panel, togglePanel, settings, tts, script, actions, outline } = props;
  return (
    <section class="pnr-toolbar" aria-label={t('reader_tools')}>
      <div class="pnr-toolbar-inner">
        <span class="pnr-toolbar-name">{t('reader_label')}</span>
        <div class="pnr-tools">
          <ToolButton
            panel="appearance"
            open={panel}
            onClick={() => togglePanel('appearance')}
            icon={<IconType />}
            label={t('reader_appearance')}
            action="appearance"
            keyshortcuts="a"
          />
          {/* Outline: off with its reason for an article without headings, so the toolbar keeps its shape. */}
          <ToolButton
            panel="outline"
            open={panel}
            onClick={() => togglePanel('outline')}
            icon={<IconOutline />}
            label={t('outline_button')}
            title={outline.entries.length ? t('outline_title') : t('outline_none')}
            action="outline"
            disabled={outline.entries.length === 0}
            keyshortcuts="o"
          />
          <ToolButton
            panel="listen"
            open={panel}
            onClick={() => togglePanel('listen')}
            icon={<IconSpeaker />}
            label={t('reader_listen')}
            title={tts ? t('reader_listen') : t('tts_unavailable')}
            action="listen"
            keyshortcuts="l"
            disabled={!tts}
            active={!!tts && tts.state !== 'idle'}
          />
          {script && (
            <ToolButton
              panel="convert"
              open={panel}
              onClick={() => togglePanel('convert')}
              icon={<IconConvert />}
              label={t('reader_convert')}
              title={t('conv_heading')}
              action="convert"
            />
          )}
          <ToolButton
            panel="highlights"
            open={panel}
            onClick={() => togglePanel('highlights')}
            icon={<IconHighlight />}
            label={t('reader_highlights')}
            action="highlights"
          />
          <ToolButton
            onClick={() => void actions.copy(settings.copyFormat)}
            icon={<IconCopy />}
            label={t('reader_copy')}
            title={t(COPY_AS[settings.copyFormat])}
            action="copy-default"
          />
          <ToolButton
            panel="save"
            open={panel}
            onClick={() => togglePanel('save')}
            icon={<IconSave />}
            label={t('reader_save')}
            action="save"
          />
          <ToolButton onClick={props.onPrint} icon={<IconPrint />} label={t('reader_print')} action="print" />
          <ToolButton
            panel="keys"
            open={panel}
            onClick={() => togglePanel('keys')}
            icon={<IconKeyboard />}
            label={t('keys_button')}
            title={t('keys_title')}
            action="keys"
            keyshortcuts="?"
          />
        </div>
        <button type="button" class="pnr-close" data-action="close-reader" onClick={props.onClose} title={t('reader_closeHint')}>
          <span aria-hidden="true" class="pnr-close-x">
            ×
          </span>
          <span class="pnr-close-text">{t('reader_close')}</span>
        </button>
      </div>

      {panel === 'appearance' && (
        <AppearancePanel
          settings={settings}
          onSettings={props.onSettings}
          site={props.site}
          verticalFits={props.verticalFits ?? false}
          script={script?.target ?? 'original'}
        />
      )}
      {panel === 'listen' && tts && <ListenPanel tts={tts} settings={settings} onSettings={props.onSettings} />}
      {panel === 'convert' && script && <ConvertPanel script={script} />}
      {panel === 'highlights' && <HighlightsPanel {...props.highlights} />}
      {panel === 'save' && <SavePanel actions={actions} />}
      {panel === 'outline' && outline.entries.length > 0 && <OutlinePanel outline={outline} />}
      {panel === 'keys' && <KeysPanel />}
    </section>
  );
}
