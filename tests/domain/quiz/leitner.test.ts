import { describe, expect, it } from 'vitest';
import { dueAt, isDue, nextBox, REVIEW_INTERVAL_DAYS, type LeitnerBox } from '@/domain/quiz/leitner';

describe('Leitner boxes', () => {
  it('moves a right answer up one box and keeps box 5 at 5', () => {
    expect([1, 2, 3, 4, 5].map((b) => nextBox(b as LeitnerBox, true))).toEqual([2, 3, 4, 5, 5]);
  });

  it('sends a wrong answer back to box 1 from any box', () => {
    expect([1, 2, 3, 4, 5].map((b) => nextBox(b as LeitnerBox, false))).toEqual([1, 1, 1, 1, 1]);
  });

  it('rejects a box outside 1..5', () => {
    expect(() => nextBox(0 as LeitnerBox, true)).toThrow(RangeError);
    expect(() => dueAt(6 as LeitnerBox, '2026-06-30')).toThrow(RangeError);
  });

  it('reviews boxes after 0, 1, 3, 7 and 14 days', () => {
    expect(Object.values(REVIEW_INTERVAL_DAYS)).toEqual([0, 1, 3, 7, 14]);
    expect(dueAt(1, '2026-06-30')).toBe('2026-06-30');
    expect(dueAt(2, '2026-06-30')).toBe('2026-07-01');
    expect(dueAt(3, '2026-06-30')).toBe('2026-07-03');
    expect(dueAt(5, '2026-12-25')).toBe('2027-01-08');
  });

  it('keeps the kind of time it is given: date, ISO date-time or epoch milliseconds', () => {
    expect(dueAt(4, '2026-06-30T14:05:00Z')).toBe('2026-07-07T14:05:00.000Z');
    expect(dueAt(2, Date.UTC(2026, 5, 30))).toBe(Date.UTC(2026, 6, 1));
  });

  it('says whether an item is due at a given time', () => {
    expect(isDue(3, '2026-06-30', '2026-07-02')).toBe(false);
    expect(isDue(3, '2026-06-30', '2026-07-03')).toBe(true);
    expect(isDue(1, '2026-06-30T10:00:00Z', '2026-06-30T10:00:00Z')).toBe(true);
  });
});
