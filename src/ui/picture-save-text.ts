// What a save with pictures tells the user, in the UI's language: how many pictures the file holds, and why the
// others are links (refused permission, not found or not a picture, SVG, the size bound).
import type { PictureSaveReport } from '../save/save-with-pictures';
import { t } from './i18n';

const MB = 1024 * 1024;

export function picturesProgressText(done: number, total: number): string {
  return t('save_picturesProgress', [done, total]);
}

/** One line: the file's name, what it holds, and each reason some pictures are links. */
export function pictureSaveText(name: string, report: PictureSaveReport): { text: string; complete: boolean } {
  if (report.missed.refused) return { text: t('save_picturesRefused', name), complete: false };
  const parts = [t('save_picturesDone', [name, report.saved, report.total])];
  const unreachable = (report.missed.network ?? 0) + (report.missed['not-image'] ?? 0);
  if (unreachable) parts.push(t('save_picturesUnreachable', [unreachable]));
  if (report.missed.svg) parts.push(t('save_picturesSvg', [report.missed.svg]));
  if (report.missed['too-large']) parts.push(t('save_picturesTooLarge', [report.missed['too-large'], Math.round(report.limitBytes / MB)]));
  return { text: parts.join(' · '), complete: report.saved === report.total };
}
