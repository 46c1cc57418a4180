// The core's public surface: pure functions over a DOM, usable in the content script, the popup, Node and tests.
export { detect, findTheme } from './detect';
export { extract, extractPost, NotAnArticleError, type ExtractOptions } from './extract';
export { cleanDocument, type CleanResult } from './clean-document';
export { imageCandidates, collectMedia, realSource } from './media';
export { unwrap, unwrapDetailed, isWrapped } from './unwrap';
export { removeTagLinks, classifyTagLink } from './tag-links';
export { UndoLog } from './undo';
export type * from './types';
