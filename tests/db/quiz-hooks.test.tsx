// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { TrainerDBProvider } from '@/db/db-context';
import { createLearner } from '@/db/learner-repo';
import { recordQuizResults } from '@/db/quiz-repo';
import { quizItemId, type QuizItemStats, type QuizSession } from '@/db/records';
import { createMemoryTrainerDB } from '@/db/storage-status';
import type { TrainerDB } from '@/db/trainer-db';
import { useDueQuizItems, useQuizSession, useQuizSessions, useQuizTopicTotals } from '@/db/use-quiz';
import { freshName } from './db-test-utils';

/* The quiz hooks on the in-memory database the app falls back to, as in hooks.test.tsx. */
let db: TrainerDB;
afterEach(() => db?.close());

const wrapper = ({ children }: { children: ReactNode }) => (
  <TrainerDBProvider db={db} status={{ mode: 'best-effort', reason: 'test' }}>
    {children}
  </TrainerDBProvider>
);

const T0 = Date.UTC(2026, 4, 2, 12);
const DAY = 86_400_000;

function session(learnerId: string, n: number, topics: string[]): QuizSession {
  return { id: `${learnerId}-quiz-${n}`, learnerId, seed: n, topics, startedAt: T0 + n * DAY, finishedAt: T0 + n * DAY + 60_000, questionCount: 2, correctCount: 1, itemKeys: [`q${n}a`, `q${n}b`] };
}

function item(learnerId: string, itemKey: string, topic: string, dueAt: number, seen: number, correct: number): QuizItemStats {
  return { id: quizItemId(learnerId, itemKey), learnerId, itemKey, topic, box: 1, dueAt, seen, correct, lastSeenAt: T0 };
}

describe('quiz live-query hooks', () => {
  it('return undefined while the learner loads, empty for nobody, and only this learner\u2019s quizzes after writes', async () => {
    db = await createMemoryTrainerDB({ name: freshName() });
    const ana = await createLearner(db, 'Ana');
    const ben = await createLearner(db, 'Ben');
    await recordQuizResults(db, ben.id, session(ben.id, 9, ['coding']), [item(ben.id, 'b1', 'coding', T0, 4, 4)]);

    const { result, rerender } = renderHook(
      ({ learnerId }: { learnerId: string | null | undefined }) => ({
        sessions: useQuizSessions(learnerId),
        latest: useQuizSessions(learnerId, 1),
        one: useQuizSession(learnerId, `${ana.id}-quiz-1`),
        due: useDueQuizItems(learnerId, T0 + 2 * DAY),
        totals: useQuizTopicTotals(learnerId, ['abstraction', 'coding', 'terminology']),
      }),
      { wrapper, initialProps: { learnerId: undefined as string | null | undefined } },
    );
    expect(result.current).toEqual({ sessions: undefined, latest: undefined, one: undefined, due: undefined, totals: undefined });

    rerender({ learnerId: null });
    await waitFor(() => expect(result.current).toEqual({ sessions: [], latest: [], one: null, due: [], totals: [] }));

    rerender({ learnerId: ana.id });
    await waitFor(() => expect(result.current.totals).toEqual([]));
    expect(result.current.sessions).toEqual([]);
    expect(result.current.one).toBeNull();

    await act(() =>
      recordQuizResults(db, ana.id, session(ana.id, 1, ['coding', 'abstraction']), [
        item(ana.id, 'c1', 'coding', T0 + DAY, 2, 1),
        item(ana.id, 'a1', 'abstraction', T0 + 3 * DAY, 3, 3),
        item(ana.id, 'a2', 'abstraction', T0, 1, 0),
      ]),
    );
    await act(() => recordQuizResults(db, ana.id, session(ana.id, 2, ['coding']), []));

    await waitFor(() => expect(result.current.sessions?.map((s) => s.id)).toEqual([`${ana.id}-quiz-2`, `${ana.id}-quiz-1`]));
    expect(result.current.latest?.map((s) => s.id)).toEqual([`${ana.id}-quiz-2`]);
    expect(result.current.one?.topics).toEqual(['coding', 'abstraction']);
    // Due by T0 + 2 days, most overdue first; a1 is not due yet, and Ben's b1 is never Ana's.
    expect(result.current.due?.map((i) => i.itemKey)).toEqual(['a2', 'c1']);
    // In the order asked for, topics with no answers (terminology) left out.
    expect(result.current.totals).toEqual([
      { topic: 'abstraction', items: 2, seen: 4, correct: 3 },
      { topic: 'coding', items: 1, seen: 2, correct: 1 },
    ]);
  });

  it('finds no quiz of another learner by its id', async () => {
    db = await createMemoryTrainerDB({ name: freshName() });
    const ana = await createLearner(db, 'Ana');
    const ben = await createLearner(db, 'Ben');
    await recordQuizResults(db, ben.id, session(ben.id, 1, ['coding']), []);
    const { result } = renderHook(() => ({ mine: useQuizSession(ben.id, `${ben.id}-quiz-1`), theirs: useQuizSession(ana.id, `${ben.id}-quiz-1`) }), { wrapper });
    await waitFor(() => expect(result.current.mine?.learnerId).toBe(ben.id));
    await waitFor(() => expect(result.current.theirs).toBeNull());
  });
});
