import { formatHash } from './routes';

export const ASSIGNMENTS_HASH = formatHash({ section: 'assignments' });

export function assignmentHash(assignmentId: string): string {
  return formatHash({ section: 'assignments', id: assignmentId });
}

/** `#/assignment-exercise/<assignment id>?item=<n>`: one item of an assignment, at its fixed seed. */
export function assignmentItemHash(assignmentId: string, index: number): string {
  return formatHash({ section: 'assignment-exercise', id: assignmentId, params: new URLSearchParams({ item: String(index) }) });
}
