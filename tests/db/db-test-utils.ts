import { readFileSync } from 'node:fs';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach } from 'vitest';
import type { AttemptScenario } from '@/db/attempt-repo';
import { TrainerDB, type TrainerDBOptions } from '@/db/trainer-db';
import type { FeedbackItem, ScoreReport, Verdict } from '@/domain/scoring/score-types';
import type { Answers, RecordingAnswers, ValidationAnswers } from '@/domain/scoring/submission-schema';

let counter = 0;

/** A database name no other test uses. */
export function freshName(): string {
  counter += 1;
  return `chartlab-test-${counter}-${Math.random().toString(36).slice(2)}`;
}

/** A fresh in-memory IndexedDB (its own factory, so nothing is shared between tests). */
export function freshFactory(): { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange } {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export async function openTestDB(options: Omit<TrainerDBOptions, 'indexedDB' | 'IDBKeyRange'> = {}): Promise<TrainerDB> {
  const db = new TrainerDB(freshName(), { ...freshFactory(), ...options });
  await db.open();
  return db;
}

/** For a test file: `const freshDB = testDatabases();` opens test databases that are closed after each test. */
export function testDatabases(): () => Promise<TrainerDB> {
  const opened: TrainerDB[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  return async () => {
    const db = await openTestDB();
    opened.push(db);
    return db;
  };
}

/** Every row of every table, each table sorted by primary key: for "nothing changed" checks. */
export async function dumpAll(db: TrainerDB): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) {
    const keys = await table.toCollection().primaryKeys();
    const rows = await table.bulkGet(keys as never[]);
    out[table.name] = keys.map((k, i) => ({ key: k, row: rows[i] }));
  }
  return out;
}

export const validationScenario: AttemptScenario = {
  id: 'lab-data-quality',
  domain: 'data-quality',
  difficulty: 'intermediate',
  task: { kind: 'validation' },
  refDate: '2026-05-01',
  schemaVersion: 1,
};

export const recordingScenario: AttemptScenario = {
  id: 'allergy-intake-intro',
  domain: 'data-abstraction',
  difficulty: 'intro',
  task: { kind: 'recording' },
  refDate: '2026-05-01',
  schemaVersion: 1,
};

export const emptyRecording: RecordingAnswers = { kind: 'recording', allergies: [], problems: [], medications: [], labs: [], immunizations: [], vitals: [] };
export const emptyValidation: ValidationAnswers = { kind: 'validation', findings: [] };

function item(index: number, verdict: Verdict, errorType?: string): FeedbackItem {
  const earned = verdict === 'correct' ? 1 : verdict === 'partial' ? 0.5 : 0;
  return {
    id: `findings:${index}:target`,
    section: 'findings',
    label: `Finding ${index}`,
    field: 'target',
    expected: 'x',
    entered: verdict === 'missing' ? null : 'y',
    earned,
    weight: 1,
    verdict,
    whyItMatters: 'It matters.',
    evidence: [],
    ...(errorType ? { errorType } : {}),
  };
}

/** A small hand-made report; `items` are [verdict, errorType?] pairs. */
export function makeReport(
  scenario: AttemptScenario,
  seed: number,
  score: number,
  items: [Verdict, string?][] = [],
  passingScore = 0.8,
): ScoreReport {
  return {
    scenarioId: scenario.id,
    seed,
    kind: scenario.task.kind,
    score,
    passed: score >= passingScore,
    passingScore,
    earned: score * 10,
    possible: 10,
    sections: [{ section: 'findings', earned: score * 10, possible: 10 }],
    items: items.map(([verdict, errorType], i) => item(i, verdict, errorType)),
  };
}

type ScoredCase = { answers: Answers; report: ScoreReport };
type RealCase = { scenario: AttemptScenario; seed: number; empty: ScoredCase; partial: ScoredCase; key: ScoredCase };

/**
 * A real validation case (lab-data-quality) as the domain scored it: the empty submission, one
 * finding, and the full key. Read from a frozen fixture (see its "source"), so these tests don't
 * depend on chart generation, which other work changes.
 */
export function realValidationCase(): RealCase {
  return JSON.parse(readFileSync(new URL('./fixtures/lab-data-quality-scored.json', import.meta.url), 'utf8')) as RealCase;
}
