/**
 * xAPI (Experience API 1.0.3) statements for assignment work, so an LRS (a Learning Record
 * Store, often part of the LMS) can track ChartLab exercises. Pure: the caller gives the times
 * and ids; sending is src/lms/xapi-client.ts.
 *
 * Per submitted item: `experienced` (the learner worked on the exercise), `completed` (with the
 * score) and `passed` or `failed` (with result.success), all with result.score.scaled (0 to 1).
 * The actor is the learner's account (homePage = where ChartLab runs, name = the learner key);
 * the object is the scenario as an activity; the context names the assignment as the parent
 * activity, the course as grouping, and the seed, so the LRS can tell variants apart.
 * Spec: https://github.com/adlnet/xAPI-Spec/blob/master/xAPI-Data.md
 */

export const XAPI_VERSION = '1.0.3';

export const XAPI_VERBS = {
  experienced: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed' } },
  failed: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'en-US': 'failed' } },
} as const;

export type XapiVerbName = keyof typeof XAPI_VERBS;

export interface XapiAgent {
  objectType: 'Agent';
  name: string;
  account: { homePage: string; name: string };
}

export interface XapiActivity {
  objectType: 'Activity';
  id: string;
  definition?: { name?: Record<string, string>; description?: Record<string, string>; type?: string; extensions?: Record<string, unknown> };
}

export interface XapiResult {
  score?: { scaled: number; raw: number; min: number; max: number };
  success?: boolean;
  completion?: boolean;
  /** ISO 8601 duration. */
  duration?: string;
}

export interface XapiStatement {
  id: string;
  actor: XapiAgent;
  verb: { id: string; display: Record<string, string> };
  object: XapiActivity;
  result?: XapiResult;
  context: {
    registration?: string;
    platform: string;
    language: string;
    contextActivities: { parent: XapiActivity[]; grouping?: XapiActivity[]; category?: XapiActivity[] };
    extensions: Record<string, unknown>;
  };
  /** ISO 8601. */
  timestamp: string;
}

export interface ItemAttemptFacts {
  learner: { key: string; name: string };
  assignment: { id: string; title: string; course?: string; checksum: string };
  item: { index: number; scenarioId: string; title: string; summary: string; seed: number };
  attempt: { id: string; number: number; startedAt: string; finishedAt: string; elapsedMs: number };
  score: { scaled: number; passed: boolean; passingScore: number };
  /** Where ChartLab runs, e.g. "https://chartlab.school.edu/" (the account's homePage). */
  homePage: string;
  /** IRI prefix for activity ids; default "https://chartlab.example/xapi". */
  activityBase?: string;
}

export const DEFAULT_ACTIVITY_BASE = 'https://chartlab.example/xapi';

const ASSESSMENT = 'http://adlnet.gov/expapi/activities/assessment';
const COURSE = 'http://adlnet.gov/expapi/activities/course';
const MODULE = 'http://adlnet.gov/expapi/activities/module';

/** 83_400 ms → "PT1M23.4S" (ISO 8601 duration, as xAPI result.duration wants). */
export function isoDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 100) / 10);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Math.round((totalSeconds % 60) * 10) / 10;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds || (!hours && !minutes) ? `${seconds}S` : ''}`;
}

/**
 * A UUID-shaped id derived from text (two 64-bit FNV-1a hashes). Statement ids must be UUIDs;
 * deriving them from the attempt and verb makes a retried POST send the same ids, which an LRS
 * treats as the same statements instead of storing them twice.
 */
export function stableUuid(text: string): string {
  const fnv = (seed: bigint) => {
    let h = 0xcbf29ce484222325n ^ seed;
    for (const ch of new TextEncoder().encode(text)) {
      h ^= BigInt(ch);
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
    }
    return h.toString(16).padStart(16, '0');
  };
  const hex = (fnv(0n) + fnv(0x9e3779b97f4a7c15n)).split('');
  hex[12] = '4'; // version nibble
  hex[16] = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16); // RFC 4122 variant
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function slug(text: string): string {
  return encodeURIComponent(text.toLowerCase().replace(/\s+/g, '-'));
}

export function scenarioActivityId(scenarioId: string, base = DEFAULT_ACTIVITY_BASE): string {
  return `${base}/scenarios/${slug(scenarioId)}`;
}

export function assignmentActivityId(assignmentId: string, base = DEFAULT_ACTIVITY_BASE): string {
  return `${base}/assignments/${slug(assignmentId)}`;
}

/** The statements for one submitted assignment item: experienced, completed, passed|failed. */
export function buildItemStatements(facts: ItemAttemptFacts): XapiStatement[] {
  const base = (facts.activityBase ?? DEFAULT_ACTIVITY_BASE).replace(/\/+$/, '');
  const actor: XapiAgent = { objectType: 'Agent', name: facts.learner.name, account: { homePage: facts.homePage, name: facts.learner.key } };
  const object: XapiActivity = {
    objectType: 'Activity',
    id: scenarioActivityId(facts.item.scenarioId, base),
    definition: { name: { 'en-US': facts.item.title }, description: { 'en-US': facts.item.summary }, type: ASSESSMENT },
  };
  const parent: XapiActivity = {
    objectType: 'Activity',
    id: assignmentActivityId(facts.assignment.id, base),
    definition: { name: { 'en-US': facts.assignment.title }, type: MODULE },
  };
  const grouping: XapiActivity[] = facts.assignment.course
    ? [{ objectType: 'Activity', id: `${base}/courses/${slug(facts.assignment.course)}`, definition: { name: { 'en-US': facts.assignment.course }, type: COURSE } }]
    : [];
  const context: XapiStatement['context'] = {
    // One registration per learner and assignment groups their attempts, as xAPI intends.
    registration: stableUuid(`registration|${facts.learner.key}|${facts.assignment.id}|${facts.assignment.checksum}`),
    platform: 'ChartLab',
    language: 'en-US',
    contextActivities: { parent: [parent], ...(grouping.length ? { grouping } : {}) },
    extensions: {
      [`${base}/extensions/seed`]: facts.item.seed,
      [`${base}/extensions/item-index`]: facts.item.index,
      [`${base}/extensions/attempt-number`]: facts.attempt.number,
      [`${base}/extensions/passing-score`]: facts.score.passingScore,
    },
  };
  const scaled = Math.min(1, Math.max(0, facts.score.scaled));
  const score = { scaled, raw: Math.round(scaled * 1000) / 10, min: 0, max: 100 };
  const duration = isoDuration(facts.attempt.elapsedMs);
  const statement = (verb: XapiVerbName, timestamp: string, result?: XapiResult): XapiStatement => ({
    id: stableUuid(`${facts.attempt.id}|${verb}`),
    actor,
    verb: XAPI_VERBS[verb],
    object,
    ...(result ? { result } : {}),
    context,
    timestamp,
  });
  return [
    statement('experienced', facts.attempt.startedAt, { duration }),
    statement('completed', facts.attempt.finishedAt, { score, completion: true, duration }),
    statement(facts.score.passed ? 'passed' : 'failed', facts.attempt.finishedAt, { score, success: facts.score.passed, completion: true, duration }),
  ];
}
