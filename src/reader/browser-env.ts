// The browser's services for the reader (speech, storage, clipboard, downloads, print), from the page's window.
import browser from 'webextension-polyfill';
import type { Article } from '../core/types';
import type { SavePicturesRequest } from '../shared/messages';
import { copyToClipboard } from '../ui/clipboard';
import { downloadFile } from '../ui/save';
import { supportsTextAutospace } from './cjk-spacing';
import { HighlightStore } from './highlight-store';
import { ListenPositionStore } from './listen-position';
import type { SynthLike, UtteranceCtor } from './read-aloud';
import type { ReaderEnv } from './reader-env';
import { PositionStore, positionKey } from './reading-position';
import { highlightApi } from './sentence-mark';

/** The browser's services for the reader, from the page's window. */
export function browserEnv(doc: Document, article: Article, mount: Element): ReaderEnv {
  const win = doc.defaultView;
  const synth = win?.speechSynthesis as unknown as SynthLike | undefined;
  const Utterance = (win as { SpeechSynthesisUtterance?: UtteranceCtor } | null)?.SpeechSynthesisUtterance;
  let positions: ReaderEnv['positions'] = null;
  let highlightStore: ReaderEnv['highlightStore'] = null;
  try {
    const key = positionKey(article.url, doc);
    positions = { store: new PositionStore(browser.storage.local), key, listen: new ListenPositionStore(browser.storage.local) };
    highlightStore = { store: new HighlightStore(browser.storage.local), key };
  } catch {
    // No storage here (a test page without the API): positions are simply not kept.
  }
  return {
    speech: synth && Utterance ? { synth, Utterance } : null,
    positions,
    highlightStore,
    copy: (payload) => copyToClipboard(payload, doc),
    download: (file) => downloadFile(file, doc, mount),
    savePictures: (kind) => browser.runtime.sendMessage({ type: 'pnr:save-pictures', kind } satisfies SavePicturesRequest),
    print: () => win?.print(),
    autospaceCss: supportsTextAutospace(win),
    reducedMotion: Boolean(win?.matchMedia?.('(prefers-reduced-motion: reduce)').matches),
    highlights: highlightApi(win),
  };
}
