/**
 * Saves data as a .json file the user keeps (their answers, to import again on another device or later).
 * A Blob URL and a download link: nothing leaves the browser, and it works under a strict CSP.
 */
export function downloadJson(data: unknown, fileName: string): void {
  downloadText(`${JSON.stringify(data, null, 2)}\n`, fileName, 'application/json');
}

/** Any text as a file (JSON, CSV with its byte-order mark, JSON Lines). */
export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

/** Any bytes as a file (the Word report). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `aimm-answers-<company>-<date>.json`, with only characters every file system accepts. */
export function answersFileName(company: string, date: Date = new Date()): string {
  const safe = company.trim().replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  const day = date.toISOString().slice(0, 10);
  return `aimm-answers${safe ? `-${safe}` : ''}-${day}.json`;
}
