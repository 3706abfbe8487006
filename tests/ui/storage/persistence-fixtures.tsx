import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach } from 'vitest';
import { submitAttempt, type AttemptScenario } from '@/db/attempt-repo';
import { TrainerDBProvider } from '@/db/db-context';
import { createLearner, setActiveLearner } from '@/db/learner-repo';
import type { Learner } from '@/db/records';
import { createMemoryTrainerDB, type StorageStatus } from '@/db/storage-status';
import type { TrainerDB } from '@/db/trainer-db';
import type { ScoreReport } from '@/domain/scoring/score-types';
import type { Answers } from '@/domain/scoring/submission-schema';
import { App } from '@/ui/app/app';
import { freshName } from '../../db/db-test-utils';
import { resetExerciseApp } from '../exercises/exercise-fixtures';

/*
 * The app with a real database, as app-root.tsx renders it: the in-memory IndexedDB the app
 * falls back to (fake-indexeddb), a fresh one per test. jsdom has no IndexedDB of its own, so
 * createMemoryTrainerDB also gives Dexie's live queries one.
 */

export const BEST_EFFORT: StorageStatus = { mode: 'best-effort', reason: 'Your work is saved in this browser on this computer.' };

const opened: TrainerDB[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

export async function freshDB(): Promise<TrainerDB> {
  const db = await createMemoryTrainerDB({ name: freshName() });
  opened.push(db);
  return db;
}

/** A learner who is the active one. */
export async function activeLearner(db: TrainerDB, name = 'Maria Lopez'): Promise<Learner> {
  const learner = await createLearner(db, name);
  await setActiveLearner(db, learner.id);
  return learner;
}

/** Render the whole app at `hash` over `db`. */
export function renderApp(db: TrainerDB, hash: string, status: StorageStatus = BEST_EFFORT) {
  resetExerciseApp(hash);
  const user = userEvent.setup();
  const view = render(
    <TrainerDBProvider db={db} status={status}>
      <App />
    </TrainerDBProvider>,
  );
  return { user, ...view };
}

/** Store an attempt finished at `finishedAt` (ms) for `learnerId`. */
export function storeAttempt(
  db: TrainerDB,
  learnerId: string,
  scenario: AttemptScenario,
  seed: number,
  answers: Answers,
  report: ScoreReport,
  finishedAt: number,
  elapsedMs = 300_000,
) {
  return submitAttempt(db, { learnerId, scenario, seed, answers, report, startedAt: finishedAt - elapsedMs, elapsedMs, finishedAt });
}
