/** Save text or bytes as a file through a temporary object URL. */
export function downloadFile(fileName: string, data: string | Uint8Array, type = 'application/json'): void {
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The text of files the user chose or dropped. */
export function readFiles(files: FileList | readonly File[]): Promise<{ name: string; content: string }[]> {
  return Promise.all(Array.from(files, async (file) => ({ name: file.name, content: await file.text() })));
}

export function formatMinutes(ms: number): string {
  const minutes = Math.round(ms / 60000);
  return minutes < 1 ? '< 1 min' : `${minutes} min`;
}

export function formatPercent(score: number): string {
  return `${Math.round(score * 1000) / 10}%`;
}
