// Copy and save from the reader, each saying in the status line how it went.
import { highlightsOnly } from '../../core/highlight-export';
import type { Highlight } from '../../core/highlights';
import type { Article } from '../../core/types';
import { copyPayload, type CopyFormat } from '../../ui/copy-formats';
import { t } from '../../ui/i18n';
import { buildHtmlFile, buildMarkdownFile } from '../../ui/save';
import { errorText, type Status } from '../../ui/use-status';
import type { ReaderEnv } from '../reader-env';

export const COPIED: Record<CopyFormat, string> = {
  text: 'popup_copied_text',
  markdown: 'popup_copied_markdown',
  html: 'popup_copied_html',
};
export const COPY_AS: Record<CopyFormat, string> = { text: 'popup_copyText', markdown: 'popup_copyMarkdown', html: 'popup_copyHtml' };

export interface ArticleActions {
  copy: (format: CopyFormat) => Promise<void>;
  save: (kind: 'markdown' | 'html') => void;
  /** Absent where there is no extension to fetch the pictures. */
  savePictures?: (kind: 'html' | 'zip') => void;
  /** The highlights alone: a quote list under the article's title and address. */
  copyHighlights: () => Promise<void>;
}

/** `highlights` is read at each click: copy and save carry the highlights there are then. */
export function articleActions(
  article: Article,
  env: ReaderEnv,
  flash: (status: Status) => void,
  highlights: () => readonly Highlight[] = () => [],
): ArticleActions {
  const copy = async (format: CopyFormat) => {
    try {
      await env.copy(copyPayload(article, format, highlights()));
      flash({ text: t(COPIED[format]), tone: 'ok' });
    } catch (err) {
      flash({ text: t('popup_copyFailed', errorText(err)), tone: 'error' });
    }
  };

  const save = (kind: 'markdown' | 'html') => {
    try {
      const file =
        kind === 'markdown' ? buildMarkdownFile(article, highlights()) : buildHtmlFile(article, new Date(), { highlights: highlights() });
      env.download(file);
      flash({ text: t('save_done', file.name), tone: 'ok' });
    } catch (err) {
      flash({ text: t('save_failed', errorText(err)), tone: 'error' });
    }
  };

  const savePictures = env.savePictures
    ? (kind: 'html' | 'zip') => {
        // Called on env: a real method may need its `this`.
        (env.savePictures?.(kind) ?? Promise.resolve()).then(
          () => flash({ text: t('save_picturesOpened'), tone: 'ok' }),
          (err: unknown) => flash({ text: t('save_failed', errorText(err)), tone: 'error' }),
        );
      }
    : undefined;

  const copyHighlights = async () => {
    try {
      await env.copy(highlightsOnly(article, highlights(), document));
      flash({ text: t('hl_copied'), tone: 'ok' });
    } catch (err) {
      flash({ text: t('popup_copyFailed', errorText(err)), tone: 'error' });
    }
  };

  return { copy, save, savePictures, copyHighlights };
}
