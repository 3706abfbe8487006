import { SKILL_DOMAINS } from '@/domain/scenario/scenario-schema';
import { guardWrite } from './db-errors';
import { learnerRange } from './learner-range';
import type { AttemptDomain, AttemptSummary, LearnerStats } from './records';
import type { TrainerDB } from './trainer-db';

/**
 * The per-learner statistics row (LearnerStats in records.ts) and the dashboard figures computed
 * from it. Writes that add summaries call addToLearnerStats in their own transaction; a row that
 * is missing or of an older layout is rebuilt from the summaries.
 */

/** Bump when LearnerStats changes shape or meaning: older rows are then rebuilt from the summaries on first use. */
export const STATS_LAYOUT = 1;

// --- Dashboard figures ------------------------------------------------------------------------

export interface AccuracyPoint {
  /** The local calendar day, YYYY-MM-DD. */
  day: string;
  attempts: number;
  /** Mean score (0 to 1) of that day's attempts. */
  averageScore: number;
  passRate: number;
}

export interface DomainAccuracy {
  domain: AttemptDomain;
  attempts: number;
  averageScore: number;
  passRate: number;
  bestScore: number;
  lastAttemptAt: number;
}

export interface MissedErrorType {
  errorType: string;
  /** Report items about this error type that were missed or wrong, over all attempts. */
  missed: number;
  /** Attempts in which it was missed at least once. */
  attempts: number;
}

export interface ExerciseTime {
  scenarioId: string;
  attempts: number;
  averageMs: number;
  /** Less affected than the mean by a tab left open over lunch. */
  medianMs: number;
  fastestMs: number;
  /** The most recent attempt's time. */
  lastMs: number;
}

export interface Dashboard {
  totalAttempts: number;
  passedAttempts: number;
  /** Mean score over all attempts, 0 when there are none. */
  averageScore: number;
  /** One point per local day with attempts, in time order. */
  accuracyOverTime: AccuracyPoint[];
  /** In the catalog's domain order, 'unknown' last. */
  byDomain: DomainAccuracy[];
  /** Most missed first (ties by name). */
  mostMissedErrorTypes: MissedErrorType[];
  /** By scenario id. */
  timePerExercise: ExerciseTime[];
}

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const DOMAIN_ORDER: readonly AttemptDomain[] = [...SKILL_DOMAINS, 'unknown'];

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Every dashboard figure from the stats row: one pass over the columns, oldest first. Days are
 * the reader's local days, which is why they are not stored.
 */
export function dashboardFromStats(stats: LearnerStats): Dashboard {
  const { finishedAt, score, elapsedMs, passed, domain, scenario } = stats;
  const count = finishedAt.length;
  let passedAttempts = 0;
  let scoreSum = 0;
  const days = new Map<string, { attempts: number; scoreSum: number; passed: number }>();
  const domains = new Map<number, { attempts: number; scoreSum: number; passed: number; bestScore: number; lastAttemptAt: number }>();
  const scenarios = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const s = score[i]!;
    const t = finishedAt[i]!;
    const ok = passed[i] === 1;
    if (ok) passedAttempts += 1;
    scoreSum += s;

    const key = localDay(t);
    const day = days.get(key) ?? { attempts: 0, scoreSum: 0, passed: 0 };
    day.attempts += 1;
    day.scoreSum += s;
    if (ok) day.passed += 1;
    days.set(key, day);

    const d = domains.get(domain[i]!) ?? { attempts: 0, scoreSum: 0, passed: 0, bestScore: 0, lastAttemptAt: 0 };
    d.attempts += 1;
    d.scoreSum += s;
    if (ok) d.passed += 1;
    d.bestScore = Math.max(d.bestScore, s);
    d.lastAttemptAt = Math.max(d.lastAttemptAt, t);
    domains.set(domain[i]!, d);

    const times = scenarios.get(scenario[i]!) ?? [];
    times.push(elapsedMs[i]!);
    scenarios.set(scenario[i]!, times);
  }
  const domainOf = (index: number) => stats.domains[index]!;
  return {
    totalAttempts: count,
    passedAttempts,
    averageScore: count ? scoreSum / count : 0,
    accuracyOverTime: [...days].map(([day, d]) => ({ day, attempts: d.attempts, averageScore: d.scoreSum / d.attempts, passRate: d.passed / d.attempts })),
    byDomain: [...domains]
      .sort(([a], [b]) => DOMAIN_ORDER.indexOf(domainOf(a)) - DOMAIN_ORDER.indexOf(domainOf(b)))
      .map(([index, { scoreSum: sum, passed: passes, ...d }]) => ({ domain: domainOf(index), ...d, averageScore: sum / d.attempts, passRate: passes / d.attempts })),
    mostMissedErrorTypes: stats.missedErrorTypes.map((t) => ({ ...t })).sort((a, b) => b.missed - a.missed || a.errorType.localeCompare(b.errorType)),
    timePerExercise: [...scenarios]
      .map(([index, times]) => [stats.scenarioIds[index]!, times] as const)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([scenarioId, times]) => {
        const sorted = [...times].sort((a, b) => a - b);
        return {
          scenarioId,
          attempts: times.length,
          averageMs: times.reduce((sum, t) => sum + t, 0) / times.length,
          medianMs: median(sorted),
          fastestMs: sorted[0]!,
          lastMs: times[times.length - 1]!,
        };
      }),
  };
}

export function emptyDashboard(): Dashboard {
  return { totalAttempts: 0, passedAttempts: 0, averageScore: 0, accuracyOverTime: [], byDomain: [], mostMissedErrorTypes: [], timePerExercise: [] };
}

// --- Building and merging rows (pure) -------------------------------------------------------

/**
 * The order of the `[learnerId+finishedAt]` index within one learner: finishedAt, then the
 * primary key (IndexedDB compares strings by UTF-16 code units, as `<` does).
 */
function compareIndexOrder(a: Pick<AttemptSummary, 'finishedAt' | 'id'>, b: Pick<AttemptSummary, 'finishedAt' | 'id'>): number {
  return a.finishedAt - b.finishedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Writes columns of exactly `size` entries: the base row's entries copied, new summaries added. */
function statsWriter(learnerId: string, size: number, base: LearnerStats) {
  const out: LearnerStats = {
    learnerId,
    layout: STATS_LAYOUT,
    finishedAt: new Float64Array(size),
    score: new Float64Array(size),
    elapsedMs: new Float64Array(size),
    passed: new Uint8Array(size),
    domain: new Uint32Array(size),
    scenario: new Uint32Array(size),
    domains: [...base.domains],
    scenarioIds: [...base.scenarioIds],
    missedErrorTypes: base.missedErrorTypes.map((t) => ({ ...t })),
  };
  const domainIndex = new Map(out.domains.map((d, i) => [d, i]));
  const scenarioIndex = new Map(out.scenarioIds.map((id, i) => [id, i]));
  const missed = new Map(out.missedErrorTypes.map((t) => [t.errorType, t]));
  let next = 0;
  const indexIn = <T>(list: T[], index: Map<T, number>, value: T) => {
    let i = index.get(value);
    if (i === undefined) {
      i = list.push(value) - 1;
      index.set(value, i);
    }
    return i;
  };
  return {
    get written() {
      return next;
    },
    copy(k: number) {
      out.finishedAt[next] = base.finishedAt[k]!;
      out.score[next] = base.score[k]!;
      out.elapsedMs[next] = base.elapsedMs[k]!;
      out.passed[next] = base.passed[k]!;
      out.domain[next] = base.domain[k]!;
      out.scenario[next] = base.scenario[k]!;
      next += 1;
    },
    add(s: AttemptSummary) {
      out.finishedAt[next] = s.finishedAt;
      out.score[next] = s.score;
      out.elapsedMs[next] = s.elapsedMs;
      out.passed[next] = s.passed ? 1 : 0;
      out.domain[next] = indexIn(out.domains, domainIndex, s.domain);
      out.scenario[next] = indexIn(out.scenarioIds, scenarioIndex, s.scenarioId);
      for (const [errorType, n] of Object.entries(s.missedErrorTypes)) {
        let t = missed.get(errorType);
        if (!t) {
          t = { errorType, missed: 0, attempts: 0 };
          missed.set(errorType, t);
          out.missedErrorTypes.push(t);
        }
        t.missed += n;
        t.attempts += 1;
      }
      next += 1;
    },
    out,
  };
}

function emptyStats(learnerId: string): LearnerStats {
  return {
    learnerId,
    layout: STATS_LAYOUT,
    finishedAt: new Float64Array(0),
    score: new Float64Array(0),
    elapsedMs: new Float64Array(0),
    passed: new Uint8Array(0),
    domain: new Uint32Array(0),
    scenario: new Uint32Array(0),
    domains: [],
    scenarioIds: [],
    missedErrorTypes: [],
  };
}

/**
 * A new row with `added` (in index order) merged into `base`. Where an added summary has the
 * same finishedAt as stored entries, `tieKeys` gives the ids the index holds at that time (old
 * and added, in index order), because the row keeps no ids. Returns null when the row and the
 * index disagree (the caller then rebuilds from the summaries).
 */
function mergeIntoStats(base: LearnerStats, added: readonly AttemptSummary[], tieKeys: ReadonlyMap<number, readonly string[]>): LearnerStats | null {
  const stored = base.finishedAt.length;
  const w = statsWriter(base.learnerId, stored + added.length, base);
  let i = 0;
  let j = 0;
  while (j < added.length) {
    const t = added[j]!.finishedAt;
    while (i < stored && base.finishedAt[i]! < t) w.copy(i++);
    if (i < stored && base.finishedAt[i] === t) {
      const keys = tieKeys.get(t);
      if (!keys) return null;
      const group = new Map<string, AttemptSummary>();
      for (; j < added.length && added[j]!.finishedAt === t; j++) group.set(added[j]!.id, added[j]!);
      for (const key of keys) {
        const s = group.get(key);
        if (s) w.add(s);
        else if (i < stored && base.finishedAt[i] === t) w.copy(i++);
        else return null;
      }
      if (i < stored && base.finishedAt[i] === t) return null;
    } else {
      w.add(added[j++]!);
    }
  }
  while (i < stored) w.copy(i++);
  return w.written === stored + added.length ? w.out : null;
}

/** A learner's row from their summaries (any order). */
export function buildLearnerStats(learnerId: string, summaries: readonly AttemptSummary[]): LearnerStats {
  // An empty base has no ties, so this never returns null.
  return mergeIntoStats(emptyStats(learnerId), [...summaries].sort(compareIndexOrder), new Map())!;
}

/** One row per learner that has summaries. */
export function buildAllLearnerStats(summaries: readonly AttemptSummary[]): LearnerStats[] {
  const byLearner = new Map<string, AttemptSummary[]>();
  for (const s of summaries) {
    const list = byLearner.get(s.learnerId) ?? [];
    list.push(s);
    byLearner.set(s.learnerId, list);
  }
  return [...byLearner].map(([learnerId, list]) => buildLearnerStats(learnerId, list));
}

export function isCurrentStats(row: LearnerStats | undefined): row is LearnerStats {
  return row?.layout === STATS_LAYOUT;
}

// --- In the database ------------------------------------------------------------------------

/** Every summary of a learner, oldest first. */
export function loadSummaries(db: TrainerDB, learnerId: string): Promise<AttemptSummary[]> {
  return learnerRange(db.attemptSummaries, '[learnerId+finishedAt]', [learnerId]).toArray();
}

/**
 * Counts summaries just written for `learnerId` into the learner's row. Call it inside the
 * write's readwrite transaction (which must include attemptSummaries and learnerStats), AFTER
 * writing them, and only with summaries that were not stored before (a re-submitted or
 * re-imported attempt would otherwise count twice).
 */
export async function addToLearnerStats(db: TrainerDB, learnerId: string, added: readonly AttemptSummary[]): Promise<void> {
  if (added.length === 0) return;
  if (added.some((s) => s.learnerId !== learnerId)) throw new Error(`addToLearnerStats: summaries of another learner than ${learnerId}`);
  const row = await db.learnerStats.get(learnerId);
  const sorted = [...added].sort(compareIndexOrder);
  if (!isCurrentStats(row)) {
    // Missing (a new learner) or older layout. When the new summaries are all there is, they are
    // enough: a count of index keys is much cheaper than reading 10,000 imported summaries back.
    const stored = await learnerRange(db.attemptSummaries, '[learnerId+finishedAt]', [learnerId]).count();
    await db.learnerStats.put(buildLearnerStats(learnerId, stored === added.length ? sorted : await loadSummaries(db, learnerId)));
    return;
  }
  const tieKeys = new Map<number, string[]>();
  for (const s of sorted) {
    if (!tieKeys.has(s.finishedAt) && hasTime(row.finishedAt, s.finishedAt)) {
      tieKeys.set(s.finishedAt, (await learnerRange(db.attemptSummaries, '[learnerId+finishedAt]', [learnerId], { from: s.finishedAt, to: s.finishedAt }).primaryKeys()) as string[]);
    }
  }
  const merged = mergeIntoStats(row, sorted, tieKeys);
  await db.learnerStats.put(merged ?? buildLearnerStats(learnerId, await loadSummaries(db, learnerId)));
}

/** Binary search in a sorted column. */
function hasTime(column: Float64Array, t: number): boolean {
  let lo = 0;
  let hi = column.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (column[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo < column.length && column[lo] === t;
}

/** Rebuilds a learner's row from their summaries unless it is already current. Own transaction. */
function repairLearnerStats(db: TrainerDB, learnerId: string): Promise<void> {
  return guardWrite(() =>
    db.transaction('rw', db.attemptSummaries, db.learnerStats, async () => {
      if (isCurrentStats(await db.learnerStats.get(learnerId))) return;
      await db.learnerStats.put(buildLearnerStats(learnerId, await loadSummaries(db, learnerId)));
    }),
  );
}

const repairs = new WeakMap<TrainerDB, Set<string>>();

/**
 * The dashboard figures of a learner from their stats row. If the row is missing or of an older
 * layout, the figures are computed from the summaries this time (right, only slower) and the row
 * is rebuilt once in the background: reads may run in a live query, where Dexie forbids writes,
 * so the repair is started from a timer, outside it.
 */
export async function getDashboard(db: TrainerDB, learnerId: string): Promise<Dashboard> {
  const row = await db.learnerStats.get(learnerId);
  if (isCurrentStats(row)) return dashboardFromStats(row);
  const summaries = await loadSummaries(db, learnerId);
  if (summaries.length > 0) {
    const pending = repairs.get(db) ?? new Set<string>();
    repairs.set(db, pending);
    if (!pending.has(learnerId)) {
      pending.add(learnerId);
      setTimeout(() => {
        repairLearnerStats(db, learnerId)
          .catch(() => undefined) // closed or full: the next read computes from the summaries again
          .finally(() => pending.delete(learnerId));
      }, 0);
    }
  }
  return dashboardFromStats(buildLearnerStats(learnerId, summaries));
}
