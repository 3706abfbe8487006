import { useLiveQuery } from 'dexie-react-hooks';
import type { AssignmentFile } from '@/domain/instructor/assignment';
import { getAssignment, getAssignmentProgress, listAssignments, type AssignmentProgress, type StoredAssignment } from './assignment-repo';
import { listAuthoredScenarios } from './authored-scenario-repo';
import { useTrainerDB } from './db-context';
import type { AuthoredScenarioRecord } from './records';

/** Authored scenarios, most recently edited first; undefined while loading. */
export function useAuthoredScenarios(): AuthoredScenarioRecord[] | undefined {
  const db = useTrainerDB();
  return useLiveQuery(() => listAuthoredScenarios(db), [db]);
}

/** Assignments on this computer, newest first; undefined while loading. */
export function useAssignments(): StoredAssignment[] | undefined {
  const db = useTrainerDB();
  return useLiveQuery(() => listAssignments(db), [db]);
}

/** One assignment; null when there is none with that id; undefined while loading. */
export function useAssignment(id: string | undefined): StoredAssignment | null | undefined {
  const db = useTrainerDB();
  return useLiveQuery(async () => (id ? getAssignment(db, id) : null), [db, id]);
}

/** A learner's progress on an assignment; null without a learner; undefined while loading. */
export function useAssignmentProgress(learnerId: string | null | undefined, assignment: AssignmentFile | null | undefined): AssignmentProgress | null | undefined {
  const db = useTrainerDB();
  return useLiveQuery(async () => {
    if (learnerId === undefined || assignment === undefined) return undefined;
    if (learnerId === null || assignment === null) return null;
    return getAssignmentProgress(db, learnerId, assignment);
  }, [db, learnerId, assignment?.id, assignment?.checksum]);
}
