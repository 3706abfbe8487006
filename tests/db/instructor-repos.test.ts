import { afterEach, describe, expect, it } from 'vitest';
import { deleteAssignment, getAssignment, getAssignmentProgress, listAssignmentAttempts, listAssignments, saveAssignment } from '@/db/assignment-repo';
import { submitAttempt } from '@/db/attempt-repo';
import { deleteAuthoredScenario, InvalidAuthoredScenarioError, listAuthoredScenarios, saveAuthoredScenario } from '@/db/authored-scenario-repo';
import { createLearner } from '@/db/learner-repo';
import type { TrainerDB } from '@/db/trainer-db';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { authoredLabAudit, week3Assignment } from '../domain/instructor/instructor-fixtures';
import { emptyValidation, makeReport, openTestDB } from './db-test-utils';

let db: TrainerDB;
afterEach(() => db?.close());

describe('authored scenarios', () => {
  it('are validated, kept newest first, renamed without leaving the old row, and deleted', async () => {
    db = await openTestDB();
    await saveAuthoredScenario(db, authoredLabAudit, { now: 1 });
    await saveAuthoredScenario(db, { ...authoredLabAudit, id: 'second', title: 'Second one' }, { now: 2 });
    expect((await listAuthoredScenarios(db)).map((r) => r.id)).toEqual(['second', 'unit-check-drill']);
    await saveAuthoredScenario(db, { ...authoredLabAudit, id: 'unit-drill-renamed' }, { previousId: 'unit-check-drill', now: 3 });
    expect((await listAuthoredScenarios(db)).map((r) => r.id)).toEqual(['unit-drill-renamed', 'second']);
    expect(() => saveAuthoredScenario(db, { ...authoredLabAudit, id: 'Bad Id' } as Scenario)).toThrow(InvalidAuthoredScenarioError);
    await deleteAuthoredScenario(db, 'second');
    expect((await listAuthoredScenarios(db)).map((r) => r.id)).toEqual(['unit-drill-renamed']);
  });
});

describe('assignments', () => {
  it('are saved once per id, replaced by a changed copy, and listed with the learner’s progress', async () => {
    db = await openTestDB();
    const assignment = await week3Assignment();
    expect(await saveAssignment(db, assignment, { now: 10 })).toBe('added');
    expect(await saveAssignment(db, assignment, { now: 11 })).toBe('unchanged');
    expect(await saveAssignment(db, { ...assignment, checksum: 'f'.repeat(64) }, { now: 12 })).toBe('replaced');
    expect((await listAssignments(db)).map((a) => a.record.importedAt)).toEqual([12]);
    await saveAssignment(db, assignment);

    const learner = await createLearner(db, 'Maria');
    const progress0 = await getAssignmentProgress(db, learner.id, assignment);
    expect(progress0).toMatchObject({ attemptsUsed: 0, bestTotal: null, complete: false });

    const scenario = { ...authoredLabAudit, passingScore: 0.7 };
    for (const [i, score] of [0.5, 1].entries()) {
      await submitAttempt(db, {
        id: `a${i}`,
        learnerId: learner.id,
        scenario,
        seed: 10120,
        answers: emptyValidation,
        report: makeReport(scenario, 10120, score, [], 0.7),
        startedAt: 1000 + i,
        finishedAt: 2000 + i,
        elapsedMs: 500,
        assignmentId: assignment.id,
      });
    }
    const progress = await getAssignmentProgress(db, learner.id, assignment);
    expect(progress.items.map((i) => [i.attemptsUsed, i.bestScore, i.passed])).toEqual([
      [0, null, false],
      [2, 1, true],
    ]);
    expect(progress).toMatchObject({ attemptsUsed: 2, bestTotal: 0.5, complete: false });
    expect((await listAssignmentAttempts(db, learner.id, assignment.id)).map((a) => a.id)).toEqual(['a0', 'a1']);

    await deleteAssignment(db, assignment.id);
    expect(await getAssignment(db, assignment.id)).toBeNull();
  });
});
