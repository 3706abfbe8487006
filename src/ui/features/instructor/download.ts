export { downloadFile } from '@/ui/components/download';

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
