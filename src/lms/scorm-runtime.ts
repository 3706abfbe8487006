/**
 * The content (SCO) side of SCORM 1.2: find the LMS's API object and report through it. The
 * LMS side (the API object itself) is the LMS's business; ChartLab tests against scorm-again's
 * Scorm12API, a maintained implementation of that contract, and against a recording stub.
 *
 * References: SCORM 1.2 Run-Time Environment (ADL, 2001), 3.3 "API adapter discovery" (walk up
 * window.parent, then window.opener, up to 7 levels) and the cmi.core data model: score.raw
 * 0–100, lesson_status one of passed/failed/completed/incomplete/browsed/not attempted,
 * session_time as CMITimespan HHHH:MM:SS.SS.
 */

/** The SCORM 1.2 API as an LMS exposes it (all values are strings; "true"/"false" results). */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

interface WindowLike {
  API?: unknown;
  parent?: WindowLike | null;
  opener?: WindowLike | null;
}

const MAX_DEPTH = 7;

function isApi(value: unknown): value is Scorm12Api {
  return typeof value === 'object' && value !== null && typeof (value as Scorm12Api).LMSInitialize === 'function' && typeof (value as Scorm12Api).LMSSetValue === 'function';
}

function searchUp(start: WindowLike | null | undefined): Scorm12Api | null {
  let win = start;
  for (let depth = 0; win && depth <= MAX_DEPTH; depth++) {
    try {
      if (isApi(win.API)) return win.API;
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    } catch {
      // A cross-origin frame: its API can't be reached from here.
      return null;
    }
  }
  return null;
}

/** The LMS's API: this window and its parents first, then the window that opened this one and its parents. */
export function findScormApi(win: WindowLike): Scorm12Api | null {
  const found = searchUp(win);
  if (found) return found;
  try {
    return win.opener ? searchUp(win.opener) : null;
  } catch {
    return null;
  }
}

/** 83_456 ms → "0000:01:23.46" (CMITimespan; hours take 4 digits, at most 9999). */
export function cmiTimespan(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.min(9999, Math.floor(centis / 360000));
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = Math.floor((centis % 6000) / 100);
  const hundredths = centis % 100;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(hours).padStart(4, '0')}:${two(minutes)}:${two(seconds)}.${two(hundredths)}`;
}

export type LessonStatus = 'passed' | 'failed' | 'completed' | 'incomplete';

export interface ScormOutcome {
  /** 0 to 1 (reported as score.raw 0–100). */
  score: number;
  status: LessonStatus;
}

/** What the session saves in cmi.suspend_data (4096 characters in SCORM 1.2): each item's best score. */
export interface SuspendState {
  v: 1;
  scores: (number | null)[];
  /** Attempts made at each item. */
  attempts: number[];
}

export function encodeSuspend(state: SuspendState): string {
  return JSON.stringify({ v: 1, s: state.scores.map((s) => (s === null ? null : Math.round(s * 10000) / 10000)), a: state.attempts });
}

export function decodeSuspend(text: string, items: number): SuspendState | null {
  try {
    const parsed = JSON.parse(text) as { v?: number; s?: unknown; a?: unknown };
    if (parsed.v !== 1 || !Array.isArray(parsed.s) || parsed.s.length !== items) return null;
    const scores = parsed.s.map((x) => (typeof x === 'number' && x >= 0 && x <= 1 ? x : null));
    const attempts = Array.isArray(parsed.a) && parsed.a.length === items ? parsed.a.map((n) => (Number.isInteger(n) && (n as number) >= 0 ? (n as number) : 0)) : scores.map((s) => (s === null ? 0 : 1));
    return { v: 1, scores, attempts };
  } catch {
    return null;
  }
}

/** The overall outcome: the mean of the items (a missing one counts 0); passed/failed only once all are done. */
export function outcomeOf(scores: readonly (number | null)[], passMark: number): ScormOutcome {
  const score = scores.reduce<number>((sum, s) => sum + (s ?? 0), 0) / Math.max(1, scores.length);
  const done = scores.every((s) => s !== null);
  if (!done) return { score, status: 'incomplete' };
  // A pass mark of 0 means "hand it in": completion, not a pass/fail judgement.
  if (passMark <= 0) return { score, status: 'completed' };
  return { score, status: score + 1e-9 >= passMark ? 'passed' : 'failed' };
}

export interface ScormSessionOptions {
  now?: () => number;
}

/**
 * One launch of the SCO: LMSInitialize on start, values as the learner progresses, LMSFinish
 * once. Without an API (opened outside an LMS) every call is a no-op and `connected` is false.
 */
export class ScormSession {
  readonly connected: boolean;
  private readonly startedAt: number;
  private finished = false;
  private readonly now: () => number;
  readonly errors: string[] = [];

  constructor(
    private readonly api: Scorm12Api | null,
    options: ScormSessionOptions = {},
  ) {
    this.now = options.now ?? (() => Date.now());
    this.startedAt = this.now();
    this.connected = api !== null && api.LMSInitialize('') === 'true';
    if (api && !this.connected) this.recordError('LMSInitialize');
  }

  private recordError(call: string): void {
    if (!this.api) return;
    const code = this.api.LMSGetLastError();
    if (code && code !== '0') this.errors.push(`${call}: ${code} ${this.api.LMSGetErrorString(code)}`);
  }

  /** '' when not connected, and after LMSFinish (no call may follow it). */
  get(element: string): string {
    if (!this.connected || !this.api || this.finished) return '';
    return this.api.LMSGetValue(element);
  }

  set(element: string, value: string): boolean {
    if (!this.connected || !this.api || this.finished) return false;
    const ok = this.api.LMSSetValue(element, value) === 'true';
    if (!ok) this.recordError(`LMSSetValue(${element})`);
    return ok;
  }

  commit(): boolean {
    if (!this.connected || !this.api || this.finished) return false;
    const ok = this.api.LMSCommit('') === 'true';
    if (!ok) this.recordError('LMSCommit');
    return ok;
  }

  private name: string | undefined;

  /** The learner's name as the LMS has it ("Lopez, Maria"), or ''; asked once. */
  learnerName(): string {
    this.name ??= this.get('cmi.core.student_name');
    return this.name;
  }

  /** Marks the attempt started (not attempted → incomplete). */
  begin(): void {
    const status = this.get('cmi.core.lesson_status');
    if (status === '' || status === 'not attempted') {
      this.set('cmi.core.lesson_status', 'incomplete');
      this.commit();
    }
  }

  /** Writes the score, status and progress, and commits. */
  report(outcome: ScormOutcome, suspend?: SuspendState): void {
    this.set('cmi.core.score.min', '0');
    this.set('cmi.core.score.max', '100');
    this.set('cmi.core.score.raw', String(Math.round(outcome.score * 1000) / 10));
    this.set('cmi.core.lesson_status', outcome.status);
    if (suspend) this.set('cmi.suspend_data', encodeSuspend(suspend));
    this.commit();
  }

  /** Session time, exit mode, commit and LMSFinish; only the first call counts. */
  finish(complete: boolean): void {
    if (!this.connected || !this.api || this.finished) return;
    this.set('cmi.core.session_time', cmiTimespan(this.now() - this.startedAt));
    this.set('cmi.core.exit', complete ? '' : 'suspend');
    this.commit();
    this.finished = true;
    if (this.api.LMSFinish('') !== 'true') this.recordError('LMSFinish');
  }

  get isFinished(): boolean {
    return this.finished;
  }
}
