// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { submitAttempt } from '@/db/attempt-repo';
import { TrainerDBProvider, useStorageStatus } from '@/db/db-context';
import { saveDraft } from '@/db/draft-repo';
import { createLearner, setActiveLearner } from '@/db/learner-repo';
import { createMemoryTrainerDB, type StorageStatus } from '@/db/storage-status';
import type { TrainerDB } from '@/db/trainer-db';
import { useAttempt, useAttempts, useDashboard } from '@/db/use-attempts';
import { useDraft } from '@/db/use-draft';
import { useActiveLearner, useLearners } from '@/db/use-learners';
import { isCurrentStats } from '@/db/learner-stats';
import { emptyValidation, freshName, makeReport, validationScenario } from './db-test-utils';

/*
 * These run on the in-memory database the app falls back to. The test environment has no global
 * indexedDB, like a browser with IndexedDB switched off, which is exactly where Dexie's
 * liveQuery needs the help createMemoryTrainerDB gives it.
 */
let db: TrainerDB;
afterEach(() => db?.close());
const openTestDB = () => createMemoryTrainerDB({ name: freshName() });

const status: StorageStatus = { mode: 'best-effort', reason: 'test' };
const wrapper = ({ children }: { children: ReactNode }) => (
  <TrainerDBProvider db={db} status={status}>
    {children}
  </TrainerDBProvider>
);

describe('live-query hooks', () => {
  it('return undefined while loading, then data, and follow writes', async () => {
    db = await openTestDB();
    const { result } = renderHook(() => ({ learners: useLearners(), active: useActiveLearner(), status: useStorageStatus() }), { wrapper });
    expect(result.current.learners).toBeUndefined();
    expect(result.current.active).toBeUndefined();
    expect(result.current.status).toBe(status);
    await waitFor(() => expect(result.current.learners).toEqual([]));
    expect(result.current.active).toBeNull();

    const ana = await act(() => createLearner(db, 'Ana'));
    await act(() => setActiveLearner(db, ana.id));
    await waitFor(() => expect(result.current.active?.name).toBe('Ana'));
    expect(result.current.learners?.map((l) => l.name)).toEqual(['Ana']);
  });

  it('scope attempts, the dashboard and drafts to the learner, with null meaning "nobody"', async () => {
    db = await openTestDB();
    const ana = await createLearner(db, 'Ana');
    const ben = await createLearner(db, 'Ben');
    const { result, rerender } = renderHook(
      ({ learnerId }: { learnerId: string | null | undefined }) => ({
        attempts: useAttempts(learnerId, { kind: 'validation' }),
        dashboard: useDashboard(learnerId),
        draft: useDraft(learnerId, validationScenario.id, 7),
      }),
      { wrapper, initialProps: { learnerId: undefined as string | null | undefined } },
    );
    expect(result.current).toEqual({ attempts: undefined, dashboard: undefined, draft: undefined });

    rerender({ learnerId: null });
    await waitFor(() => expect(result.current.attempts).toEqual([]));
    expect(result.current.draft).toBeNull();

    rerender({ learnerId: ana.id });
    await waitFor(() => expect(result.current.dashboard?.totalAttempts).toBe(0));

    await act(() => saveDraft(db, ana.id, validationScenario.id, 7, emptyValidation, 1, { expectedRevision: 0, writerId: 'tab' }));
    await waitFor(() => expect(result.current.draft?.revision).toBe(1));

    const attempt = await act(() =>
      submitAttempt(db, { learnerId: ana.id, scenario: validationScenario, seed: 7, answers: emptyValidation, report: makeReport(validationScenario, 7, 0.9), startedAt: 0, elapsedMs: 1 }),
    );
    await waitFor(() => expect(result.current.attempts?.map((a) => a.id)).toEqual([attempt.id]));
    expect(result.current.draft).toBeNull();
    await waitFor(() => expect(result.current.dashboard?.totalAttempts).toBe(1));

    rerender({ learnerId: ben.id });
    await waitFor(() => expect(result.current.attempts).toEqual([]));
    await waitFor(() => expect(result.current.dashboard?.totalAttempts).toBe(0));

    const single = renderHook(() => ({ mine: useAttempt(ana.id, attempt.id), theirs: useAttempt(ben.id, attempt.id) }), { wrapper });
    await waitFor(() => expect(single.result.current.mine?.report.score).toBe(0.9));
    expect(single.result.current.theirs).toBeNull();
  });

  it('show the right dashboard for a learner whose stats row is missing, rebuild the row outside the live query, and follow later submits', async () => {
    db = await openTestDB();
    const ana = await createLearner(db, 'Ana');
    const submit = (score: number, finishedAt: number) =>
      submitAttempt(db, { learnerId: ana.id, scenario: validationScenario, seed: 7, answers: emptyValidation, report: makeReport(validationScenario, 7, score), startedAt: 0, elapsedMs: 1000, finishedAt });
    await submit(0.5, 1_000);
    await submit(1, 2_000);
    await db.learnerStats.delete(ana.id);
    const { result } = renderHook(() => useDashboard(ana.id), { wrapper });
    await waitFor(() => expect(result.current).toMatchObject({ totalAttempts: 2, averageScore: 0.75 }));
    // Dexie refuses writes inside a live query; the repair runs from a timer, so it gets through.
    await waitFor(async () => expect(isCurrentStats(await db.learnerStats.get(ana.id))).toBe(true));
    await act(() => submit(0.9, 3_000));
    await waitFor(() => expect(result.current).toMatchObject({ totalAttempts: 3, passedAttempts: 2 }));
  });
});
