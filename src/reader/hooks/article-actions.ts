// Copy and save from the reader, each saying in the status line how it went.
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
}

export function articleActions(article: Article, env: ReaderEnv, flash: (status: Status) => void): ArticleActions {
  const copy = async (format: CopyFormat) => {
    try {
      await env.copy(copyPayload(article, format));
      flash({ text: t(COPIED[format]), tone: 'ok' });
    } catch (err) {
      flash({ text: t('popup_copyFailed', errorText(err)), tone: 'error' });
    }
  };

  const save = (kind: 'markdown' | 'html') => {
    try {
      const file = kind === 'markdown' ? buildMarkdownFile(article) : buildHtmlFile(article);
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

  return { copy, save, savePictures };
}
