/**
 * Spaced repetition with Leitner boxes (Sebastian Leitner, "So lernt man lernen", 1972): a right
 * answer moves an item up one box, a wrong one sends it back to box 1, and each box is reviewed
 * after a longer interval. Pure: the caller passes the time an answer was given.
 */

export const LEITNER_BOXES = [1, 2, 3, 4, 5] as const;
export type LeitnerBox = (typeof LEITNER_BOXES)[number];

/** Days until an item in each box is due again: box 1 at once, box 5 after two weeks. */
export const REVIEW_INTERVAL_DAYS: Record<LeitnerBox, number> = { 1: 0, 2: 1, 3: 3, 4: 7, 5: 14 };

export function isLeitnerBox(n: number): n is LeitnerBox {
  return Number.isInteger(n) && n >= 1 && n <= 5;
}

/** Up one box when right (5 stays 5); back to box 1 when wrong. */
export function nextBox(box: LeitnerBox, correct: boolean): LeitnerBox {
  if (!isLeitnerBox(box)) throw new RangeError(`Not a Leitner box: ${box}`);
  if (!correct) return 1;
  return Math.min(5, box + 1) as LeitnerBox;
}

const DAY_MS = 86_400_000;

/**
 * When an item answered at `answeredAt` into `box` is due: a `YYYY-MM-DD` date gives a date, an
 * ISO date-time gives an ISO date-time (UTC), an epoch-milliseconds number gives a number.
 */
export function dueAt(box: LeitnerBox, answeredAt: string): string;
export function dueAt(box: LeitnerBox, answeredAt: number): number;
export function dueAt(box: LeitnerBox, answeredAt: string | number): string | number {
  if (!isLeitnerBox(box)) throw new RangeError(`Not a Leitner box: ${box}`);
  const days = REVIEW_INTERVAL_DAYS[box];
  if (typeof answeredAt === 'number') return answeredAt + days * DAY_MS;
  if (/^\d{4}-\d{2}-\d{2}$/.test(answeredAt)) {
    return new Date(Date.parse(`${answeredAt}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  }
  const ms = Date.parse(answeredAt);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO date or date-time: ${answeredAt}`);
  return new Date(ms + days * DAY_MS).toISOString();
}

/** Whether an item answered into `box` at `answeredAt` is due at `now` (same kind of time as answeredAt). */
export function isDue(box: LeitnerBox, answeredAt: string | number, now: string | number): boolean {
  const due = typeof answeredAt === 'number' ? dueAt(box, answeredAt) : dueAt(box, answeredAt);
  const t = (v: string | number) => (typeof v === 'number' ? v : Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v));
  return t(due) <= t(now);
}
