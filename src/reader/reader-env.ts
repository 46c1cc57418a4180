// What the reader needs from outside: the browser's services, injected so tests can fake them.
import type { CopyPayload } from '../ui/clipboard';
import type { SavedFile } from '../ui/save';
import type { ConverterImporter } from './chinese-convert';
import type { HighlightsSource } from './hooks/use-highlights';
import type { ListenPositionStore } from './listen-position';
import type { SynthLike, UtteranceCtor } from './read-aloud';
import type { PositionStore } from './reading-position';
import type { BoundaryRange } from './SelectionToolbar';
import type { HighlightApi } from './sentence-mark';

export interface ReaderEnv {
  speech: { synth: SynthLike; Utterance: UtteranceCtor } | null;
  /** Reading positions per article; `listen`: where read aloud stopped, per article. */
  positions: { store: PositionStore; key: string; listen?: ListenPositionStore } | null;
  /** Where the article's highlights (the user's marks and notes) are kept; null or absent without storage. */
  highlightStore?: HighlightsSource | null;
  copy(payload: CopyPayload): Promise<unknown>;
  download(file: SavedFile): void;
  /** Save with pictures: asks the background to open the extension page that fetches them (a content script
   *  cannot ask for the permission). Absent where there is no extension (tests, the local preview). */
  savePictures?(kind: 'html' | 'zip'): Promise<unknown>;
  print(): void;
  /** CSS `text-autospace` is supported: no spacer elements needed. */
  autospaceCss: boolean;
  /** Loads opencc-js (tests pass a fake). */
  importConverter?: ConverterImporter;
  /** Reads the selection in the reader's shadow root (tests: jsdom keeps none there). */
  readSelection?: (root: ShadowRoot) => BoundaryRange | null;
  /** Scrolling a highlighted paragraph into view; absent in engines without layout. */
  reducedMotion?: boolean;
  /** The CSS Custom Highlight API for the sentence read aloud; absent: boxes drawn over it. */
  highlights?: HighlightApi | null;
}
