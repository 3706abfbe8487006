import type { AssignmentFile } from '@/domain/instructor/assignment';

/** Whether this build ships the SCORM player (set up in the SCORM step). */
export function scormPlayerAvailable(): boolean {
  return false;
}

export async function buildScormFromApp(_assignment: AssignmentFile): Promise<void> {
  throw new Error('This build of ChartLab has no SCORM player; use npm run scorm.');
}
