// Latin words a clerk may meet: the ID of 18 位 ID numbers, file kinds named on buttons, sizes.
// Shared by the UI walk (what a page shows) and the audit story (what the audit log says).
export const LATIN_ALLOWED = new Set(['ID', 'Excel', 'CSV', 'xlsx', 'csv', 'kB', 'KB', 'MB', 'A4', 'WPS']);

/** The Latin-letter words of a text, except the allowed ones (U盘 is the everyday word for a USB stick). */
export function latinWordsIn(text: string): string[] {
  const words = text.replace(/U盘/g, '盘').match(/[A-Za-z][A-Za-z_.-]*[A-Za-z]|\b[A-Za-z]\b/g) ?? [];
  return [...new Set(words)].filter((w) => !LATIN_ALLOWED.has(w));
}
