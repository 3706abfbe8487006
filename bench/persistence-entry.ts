/**
 * Runs in Chromium on bench/persistence-page.html (built by Vite into .tmp/, never into the app):
 * each piece of persistence work done through ChartLab's db layer (Dexie) and the same work done
 * with raw IndexedDB calls on the same database, so the two can be compared.
 */
import { listAttempts, submitAttempt } from '@/db/attempt-repo';
import { saveDraft } from '@/db/draft-repo';
import { exportProgress, importProgress, serializeProgress, verifyProgressFile, type ProgressFile } from '@/db/export-import';
import { addToLearnerStats, buildLearnerStats, dashboardFromStats, getDashboard } from '@/db/learner-stats';
import { draftId, summarizeAttempt, type Attempt, type AttemptSummary, type Draft, type LearnerStats } from '@/db/records';
import { TrainerDB } from '@/db/trainer-db';
import { SKILL_DOMAINS, type TaskKind } from '@/domain/scenario/scenario-schema';
import type { ScoreReport } from '@/domain/scoring/score-types';
import type { RecordingAnswers, ValidationAnswers } from '@/domain/scoring/submission-schema';
import scored from '../tests/db/fixtures/lab-data-quality-scored.json';

const LEARNER = 'learner-bench';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}

async function freshDB(name: string): Promise<TrainerDB> {
  await request(indexedDB.deleteDatabase(name) as unknown as IDBRequest<unknown>).catch(() => undefined);
  const db = new TrainerDB(name);
  await db.open();
  await db.learners.add({ id: LEARNER, name: 'Bench Learner', createdAt: 0, lastActiveAt: 0 });
  return db;
}

async function dropDB(db: TrainerDB): Promise<void> {
  const name = db.name;
  db.close();
  await request(indexedDB.deleteDatabase(name) as unknown as IDBRequest<unknown>).catch(() => undefined);
}

// --- realistic records -------------------------------------------------------------------------

/** A half-done recording exercise: about 40 rows across the six sections (~4 KB of JSON). */
function draftAnswers(edit: number): RecordingAnswers {
  const row = (i: number, fields: string[]) => Object.fromEntries(fields.map((f) => [f, `${f} value ${i}`]));
  return {
    kind: 'recording',
    allergies: [
      { substance: 'penicillin G', reaction: 'anaphylaxis', severity: 'severe' },
      { substance: 'latex', reaction: 'hives', severity: 'mild' },
      { substance: 'sulfamethoxazole', reaction: `rash ${edit}`, severity: 'moderate' },
    ],
    problems: Array.from({ length: 6 }, (_, i) => ({ problem: `Problem ${i}`, icd10: `E11.${i}`, onset: '2024-03-01', status: 'active' })),
    medications: Array.from({ length: 9 }, (_, i) => ({ drug: `metformin ${i} 500 mg`, dose: '500 mg', route: 'oral', frequency: 'twice daily' })),
    labs: Array.from({ length: 12 }, (_, i) => ({ test: `Hemoglobin A1c ${i}`, value: '7.2', unit: '%', date: '2026-04-02', flag: 'H' })),
    immunizations: Array.from({ length: 4 }, (_, i) => ({ vaccine: `Influenza ${i}`, date: '2025-10-01' })),
    vitals: Array.from({ length: 6 }, (_, i) => row(i, ['vital', 'value', 'unit', 'date']) as RecordingAnswers['vitals'][number]),
  };
}

const TEMPLATE = scored.partial.report as unknown as ScoreReport;
const KINDS: TaskKind[] = ['recording', 'filing', 'mpi', 'validation'];

/** `count` attempts over 22 scenarios and half a year, each with a real-sized score report (~6 KB). */
function makeAttempts(count: number, learnerId = LEARNER): Attempt[] {
  const rng = mulberry32(20260504);
  const start = Date.UTC(2025, 10, 1);
  const attempts: Attempt[] = [];
  for (let i = 0; i < count; i++) {
    const scenarioNo = Math.floor(rng() * 22);
    const scenarioId = `scenario-${scenarioNo}`;
    const seed = Math.floor(rng() * 100_000);
    const score = Math.round(rng() * 100) / 100;
    const finishedAt = start + Math.floor((i / count) * 180 * 86_400_000) + Math.floor(rng() * 3_600_000);
    const elapsedMs = 120_000 + Math.floor(rng() * 1_500_000);
    const report: ScoreReport = { ...TEMPLATE, scenarioId, seed, score, passed: score >= 0.8, earned: score * TEMPLATE.possible };
    const answers: ValidationAnswers = { kind: 'validation', findings: [{ target: `Observation/obs-${i}`, errorType: 'unit-error', correction: '5 mg' }] };
    attempts.push({
      id: `attempt-${String(i).padStart(6, '0')}`,
      learnerId,
      scenarioId,
      seed,
      kind: KINDS[scenarioNo % 4] as TaskKind,
      domain: SKILL_DOMAINS[scenarioNo % SKILL_DOMAINS.length] as Attempt['domain'],
      difficulty: (['intro', 'intermediate', 'advanced'] as const)[scenarioNo % 3] as Attempt['difficulty'],
      startedAt: finishedAt - elapsedMs,
      finishedAt,
      elapsedMs,
      answers,
      report,
      score,
      passed: score >= 0.8,
      appVersion: 'bench',
      generatorVersion: '1.0.0',
    });
  }
  return attempts;
}

/** Stores one learner's attempts as the app does: attempts, summaries and the stats row in one transaction. */
async function seedAttempts(db: TrainerDB, attempts: Attempt[]): Promise<void> {
  const summaries = attempts.map(summarizeAttempt);
  await db.transaction('rw', db.attempts, db.attemptSummaries, db.learnerStats, async () => {
    await db.attempts.bulkAdd(attempts);
    await db.attemptSummaries.bulkAdd(summaries);
    await addToLearnerStats(db, summaries[0]!.learnerId, summaries);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// --- 1. autosave --------------------------------------------------------------------------------

/** `count` saves of a realistic draft, through saveDraft and as a raw read-then-put transaction. */
async function autosave(count: number): Promise<{ dexie: number[]; raw: number[]; bytes: number }> {
  const db = await freshDB('chartlab-bench-autosave');
  const idb = db.backendDB();
  const rawId = draftId(LEARNER, 'raw-scenario', 1);
  let revision = 0;
  let rawRevision = 0;
  const dexie: number[] = [];
  const raw: number[] = [];
  for (let i = -20; i < count; i++) {
    const answers = draftAnswers(i);
    let t0 = performance.now();
    revision = await saveDraft(db, LEARNER, 'dexie-scenario', 1, answers, i * 1000, { expectedRevision: revision, writerId: 'tab-dexie' });
    const dexieMs = performance.now() - t0;

    t0 = performance.now();
    const tx = idb.transaction('drafts', 'readwrite');
    const store = tx.objectStore('drafts');
    const get = store.get(rawId);
    get.onsuccess = () => {
      const stored = get.result as Draft | undefined;
      if (stored && stored.revision > rawRevision && stored.writerId !== 'tab-raw') {
        tx.abort();
        return;
      }
      const now = Date.now();
      rawRevision = Math.max(stored?.revision ?? 0, rawRevision) + 1;
      const draft: Draft = {
        id: rawId,
        learnerId: LEARNER,
        scenarioId: 'raw-scenario',
        seed: 1,
        answers,
        startedAt: stored?.startedAt ?? now,
        elapsedMs: i * 1000,
        updatedAt: now,
        revision: rawRevision,
        writerId: 'tab-raw',
        generatorVersion: '1.0.0',
      };
      store.put(draft);
    };
    await done(tx);
    const rawMs = performance.now() - t0;
    if (i >= 0) {
      dexie.push(dexieMs);
      raw.push(rawMs);
    }
  }
  const bytes = JSON.stringify(draftAnswers(0)).length;
  await dropDB(db);
  return { dexie, raw, bytes };
}

// --- 2. dashboard over 10,000 attempts ----------------------------------------------------------

/** The learner's first history page, newest first, through the index with raw IndexedDB. */
function rawFirstPage(tx: IDBTransaction, learnerId: string, size: number): Promise<AttemptSummary[]> {
  const rows: AttemptSummary[] = [];
  const range = IDBKeyRange.bound([learnerId, -Infinity], [learnerId, Infinity]);
  return new Promise((resolve, reject) => {
    const cursor = tx.objectStore('attemptSummaries').index('[learnerId+finishedAt]').openCursor(range, 'prev');
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c || rows.length === size) return resolve(rows);
      rows.push(c.value as AttemptSummary);
      c.continue();
    };
    cursor.onerror = () => reject(cursor.error);
  });
}

/**
 * getDashboard + the first page of history (what the Progress screen loads), and the same work
 * with raw IndexedDB: get the stats row, compute the figures from it, read the first page
 * through the index. Then submitAttempt with that many attempts stored, which now also reads and
 * rewrites the stats row.
 */
async function dashboard(count: number, runs: number): Promise<{ dexie: number[]; raw: number[]; rowGet: number[]; compute: number[]; submit: number[]; attempts: number; rowBytes: number }> {
  const db = await freshDB('chartlab-bench-dashboard');
  await db.learners.add({ id: 'someone-else', name: 'Someone Else', createdAt: 0, lastActiveAt: 0 });
  await seedAttempts(db, makeAttempts(count));
  // Another learner's work in the same tables, which the queries must skip.
  await seedAttempts(db, makeAttempts(2000, 'someone-else').map((a) => ({ ...a, id: `other-${a.id}` })));
  const idb = db.backendDB();
  const dexie: number[] = [];
  const raw: number[] = [];
  const rowGet: number[] = [];
  const compute: number[] = [];
  let attempts = 0;
  for (let i = -3; i < runs; i++) {
    let t0 = performance.now();
    const figures = await getDashboard(db, LEARNER);
    const page = await listAttempts(db, LEARNER, { limit: 25 });
    const dexieMs = performance.now() - t0;
    attempts = figures.totalAttempts;
    if (page.length !== 25) throw new Error('first page has not 25 rows');

    t0 = performance.now();
    const tx = idb.transaction(['learnerStats', 'attemptSummaries'], 'readonly');
    const row = (await request(tx.objectStore('learnerStats').get(LEARNER))) as LearnerStats;
    const t1 = performance.now();
    const rawFigures = dashboardFromStats(row);
    const t2 = performance.now();
    const first = await rawFirstPage(tx, LEARNER, 25);
    const rawMs = performance.now() - t0;
    if (rawFigures.totalAttempts !== attempts || attempts !== count || first[0]?.id !== page[0]?.id) throw new Error('raw and Dexie disagree');
    if (i >= 0) {
      dexie.push(dexieMs);
      raw.push(rawMs);
      rowGet.push(t1 - t0);
      compute.push(t2 - t1);
    }
  }
  const row = (await db.learnerStats.get(LEARNER))!;
  const rowBytes = [row.finishedAt, row.score, row.elapsedMs, row.passed, row.domain, row.scenario].reduce((n, c) => n + c.byteLength, 0);

  const submit: number[] = [];
  const [template] = makeAttempts(1);
  for (let i = 0; i < runs; i++) {
    const a = template!;
    const t0 = performance.now();
    await submitAttempt(db, {
      learnerId: LEARNER,
      scenario: { id: a.scenarioId, domain: 'data-quality', difficulty: 'intermediate', task: { kind: 'validation' } },
      seed: a.seed,
      answers: a.answers,
      report: a.report,
      startedAt: a.startedAt,
      elapsedMs: a.elapsedMs,
      finishedAt: Date.UTC(2026, 5, 1) + i,
    });
    submit.push(performance.now() - t0);
  }
  if ((await getDashboard(db, LEARNER)).totalAttempts !== count + runs) throw new Error('submits not counted');
  await dropDB(db);
  return { dexie, raw, rowGet, compute, submit, attempts, rowBytes };
}

// --- 3. bulk import of 10,000 attempts ----------------------------------------------------------

interface ImportRun {
  /** importProgress: check (parse, checksum, schema) and merge. */
  total: number;
  /** verifyProgressFile on the same text: the check alone. */
  verify: number;
  /** importProgress's write transaction alone, through Dexie. */
  merge: number;
  /** The same merge with raw IndexedDB: look up every id, add the new attempts and their summaries. */
  raw: number;
}

/**
 * importProgress's writes with raw IndexedDB: look up every id, add the new attempts and their
 * summaries, then the stats row as addToLearnerStats does for a learner without one (get the
 * row, count the learner's index keys, build the row from the new summaries, put it). The bench
 * imports into a new learner, so the merge into an existing row is not needed here.
 */
async function rawMerge(db: TrainerDB, file: ProgressFile): Promise<void> {
  const idb = db.backendDB();
  const tx = idb.transaction(['learners', 'attempts', 'attemptSummaries', 'learnerStats'], 'readwrite');
  const learners = tx.objectStore('learners');
  const attempts = tx.objectStore('attempts');
  const summaries = tx.objectStore('attemptSummaries');
  const stats = tx.objectStore('learnerStats');
  const learnerId = file.learner.id;
  const getLearner = learners.get(learnerId);
  getLearner.onsuccess = () => {
    if (!getLearner.result) learners.add(file.learner);
    let pending = file.attempts.length;
    const exists: boolean[] = new Array(file.attempts.length);
    file.attempts.forEach((attempt, i) => {
      const get = attempts.get(attempt.id);
      get.onsuccess = () => {
        exists[i] = get.result !== undefined;
        if (--pending > 0) return;
        const added: AttemptSummary[] = [];
        file.attempts.forEach((a, j) => {
          if (exists[j]) return;
          attempts.add(a);
          const summary = summarizeAttempt(a);
          summaries.put(summary);
          added.push(summary);
        });
        const getRow = stats.get(learnerId);
        getRow.onsuccess = () => {
          if (getRow.result) return tx.abort(); // the bench imports into a learner without a stats row
          const counted = summaries.index('[learnerId+finishedAt]').count(IDBKeyRange.bound([learnerId, -Infinity], [learnerId, Infinity]));
          counted.onsuccess = () => {
            if (counted.result !== added.length) return tx.abort(); // the learner had summaries already
            stats.put(buildLearnerStats(learnerId, added));
          };
        };
      };
    });
  };
  await done(tx);
}

/** importProgress's write transaction for this file (a new learner, new attempts), without the file check. */
async function dexieMerge(db: TrainerDB, file: ProgressFile): Promise<void> {
  await db.transaction('rw', [db.learners, db.attempts, db.attemptSummaries, db.learnerStats, db.drafts, db.quizSessions, db.quizItems], async () => {
    if (!(await db.learners.get(file.learner.id))) await db.learners.add(file.learner);
    const existing = await db.attempts.bulkGet(file.attempts.map((a) => a.id));
    const added = file.attempts.filter((_, i) => !existing[i]);
    const summaries = added.map(summarizeAttempt);
    await db.attempts.bulkAdd(added);
    await db.attemptSummaries.bulkPut(summaries);
    await addToLearnerStats(db, file.learner.id, summaries);
  });
}

async function bulkImport(count: number, runs: number): Promise<{ runs: ImportRun[]; megabytes: number }> {
  const source = await freshDB('chartlab-bench-import-source');
  await seedAttempts(source, makeAttempts(count));
  const text = serializeProgress(await exportProgress(source, LEARNER));
  await dropDB(source);
  const results: ImportRun[] = [];
  const viaDexie = async () => {
    const db = await freshDB('chartlab-bench-import-dexie');
    await db.learners.delete(LEARNER);
    const t0 = performance.now();
    const summary = await importProgress(db, text);
    const ms = performance.now() - t0;
    if (summary.attemptsAdded !== count) throw new Error(`imported ${summary.attemptsAdded}`);
    await dropDB(db);
    return ms;
  };
  const viaRaw = async (file: ProgressFile, merge = rawMerge) => {
    const db = await freshDB('chartlab-bench-import-raw');
    await db.learners.delete(LEARNER);
    const t0 = performance.now();
    await merge(db, file);
    const ms = performance.now() - t0;
    if ((await db.attempts.count()) !== count || (await db.attemptSummaries.count()) !== count || (await getDashboard(db, LEARNER)).totalAttempts !== count) {
      throw new Error('raw import incomplete');
    }
    await dropDB(db);
    return ms;
  };
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const file = await verifyProgressFile(text);
    const verify = performance.now() - t0;
    // Alternate which goes first, so neither always pays for the other's garbage.
    let total: number;
    let raw: number;
    let merge: number;
    if (i % 2 === 0) {
      total = await viaDexie();
      merge = await viaRaw(file, dexieMerge);
      raw = await viaRaw(file);
    } else {
      raw = await viaRaw(file);
      merge = await viaRaw(file, dexieMerge);
      total = await viaDexie();
    }
    results.push({ total, verify, merge, raw });
  }
  return { runs: results, megabytes: text.length / (1024 * 1024) };
}

/** For comparison: reading every summary of the learner (what the dashboard did before v3) with raw IndexedDB. */
async function readAllSummaries(count: number): Promise<{ getAll: number; bytes: number }> {
  const db = await freshDB('chartlab-bench-all-summaries');
  await seedAttempts(db, makeAttempts(count));
  const idb = db.backendDB();
  const range = IDBKeyRange.bound([LEARNER, -Infinity], [LEARNER, Infinity]);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const rows = (await request(idb.transaction('attemptSummaries', 'readonly').objectStore('attemptSummaries').index('[learnerId+finishedAt]').getAll(range))) as AttemptSummary[];
    times.push(performance.now() - t0);
    bytes = JSON.stringify(rows).length;
  }
  await dropDB(db);
  return { getAll: median(times), bytes };
}

const api = { autosave, dashboard, readAllSummaries, bulkImport, median };
export type PersistenceBenchApi = typeof api;
declare global {
  interface Window {
    persistenceBench: typeof api;
  }
}
window.persistenceBench = api;
document.body.dataset.ready = 'true';
