// Copying from an extension page. The async Clipboard API is the normal path; it can be refused
// (no user activation, document not focused, `ClipboardItem` missing in older Firefox, a test
// page without permission), and then the legacy `execCommand('copy')` path still works from a
// click handler in both browsers.

export interface CopyPayload {
  /** Always written as text/plain. */
  text: string;
  /** When given, also written as text/html (rich paste into editors and mail). */
  html?: string;
}

export type CopyMethod = 'clipboard-api' | 'exec-command';

export async function copyToClipboard(payload: CopyPayload, doc: Document = document): Promise<CopyMethod> {
  const win = doc.defaultView;
  const clipboard = win?.navigator.clipboard;
  try {
    if (payload.html !== undefined) {
      const Item = (win as (Window & { ClipboardItem?: typeof ClipboardItem }) | null)?.ClipboardItem;
      if (!clipboard?.write || !Item) throw new Error('ClipboardItem unavailable');
      await clipboard.write([
        new Item({
          'text/html': new Blob([payload.html], { type: 'text/html' }),
          'text/plain': new Blob([payload.text], { type: 'text/plain' }),
        }),
      ]);
    } else {
      if (!clipboard?.writeText) throw new Error('clipboard.writeText unavailable');
      await clipboard.writeText(payload.text);
    }
    return 'clipboard-api';
  } catch (apiError) {
    if (execCommandCopy(payload, doc)) return 'exec-command';
    throw apiError instanceof Error ? apiError : new Error(String(apiError));
  }
}

/**
 * Selects a hidden textarea holding the text and runs `execCommand('copy')`. A `copy` listener
 * puts both flavours on the event's clipboardData, so HTML survives this path too.
 */
export function execCommandCopy(payload: CopyPayload, doc: Document = document): boolean {
  const area = doc.createElement('textarea');
  area.value = payload.text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  // Off-screen but rendered: a display:none textarea cannot hold a selection.
  area.style.position = 'fixed';
  area.style.top = '0';
  area.style.left = '-9999px';
  area.style.opacity = '0';
  const onCopy = (event: ClipboardEvent): void => {
    if (!event.clipboardData) return;
    event.clipboardData.setData('text/plain', payload.text);
    if (payload.html !== undefined) event.clipboardData.setData('text/html', payload.html);
    event.preventDefault();
  };
  const active = doc.activeElement as HTMLElement | null;
  doc.addEventListener('copy', onCopy, true);
  (doc.body ?? doc.documentElement).appendChild(area);
  try {
    area.focus();
    area.select();
    return doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    doc.removeEventListener('copy', onCopy, true);
    area.remove();
    active?.focus?.();
  }
}
