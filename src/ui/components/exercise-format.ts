import type { Difficulty, TaskKind } from '@/domain/scenario/scenario-schema';

/**
 * Plain words for exercise metadata, shared by the library, the session and the score report.
 * Kept free of the domain's runtime modules (only types) so it stays out of the lazy chunks.
 */

export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  recording: 'Recording',
  filing: 'Organizing: filing',
  mpi: 'Organizing: MPI',
  validation: 'Validating',
};

export const DIFFICULTY_LABELS: Record<Difficulty, string> = {
  intro: 'Intro',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
};

const SECTION_LABELS: Record<string, string> = {
  allergies: 'Allergies',
  problems: 'Problems',
  medications: 'Medications',
  labs: 'Labs',
  immunizations: 'Immunizations',
  vitals: 'Vital signs',
  mpi: 'Master patient index',
};

/** "allergies" → "Allergies"; "history-physical" → "History physical" for sections it does not know. */
export function sectionLabel(section: string): string {
  const known = SECTION_LABELS[section];
  if (known) return known;
  const words = section.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 0.834 → "83%". Rounded down so that 79.6% never reads as a pass mark of 80%. */
export function percent(fraction: number): string {
  return `${Math.floor(fraction * 100 + 1e-9)}%`;
}

/** Milliseconds as M:SS, or H:MM:SS past an hour. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** Milliseconds in words for screen readers: "4 minutes 5 seconds". */
export function durationWords(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  const parts = [];
  if (m > 0) parts.push(`${m} ${m === 1 ? 'minute' : 'minutes'}`);
  if (s > 0 || m === 0) parts.push(`${s} ${s === 1 ? 'second' : 'seconds'}`);
  return parts.join(' ');
}
