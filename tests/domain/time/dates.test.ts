import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, ageInMonths, ageOn, dateTimeAfter, daysBetween, formatDay, parseDay, printDate } from '@/domain/time/dates';

describe('calendar arithmetic', () => {
  it('agrees with Date.UTC for every day from 1900 to 2100', () => {
    for (let n = parseDay('1900-01-01'); n <= parseDay('2100-12-31'); n += 1) {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      expect(formatDay(n)).toBe(iso);
      expect(parseDay(iso)).toBe(n);
    }
  });

  it('adds days, months and years with month-end and leap-day rules', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-11-15', 3)).toBe('2024-02-15');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
  });

  it('counts ages in completed years and months', () => {
    expect(ageOn('1980-06-30', '2026-06-29')).toBe(45);
    expect(ageOn('1980-06-30', '2026-06-30')).toBe(46);
    expect(ageInMonths('2025-01-15', '2025-03-14')).toBe(1);
    expect(ageInMonths('2025-01-15', '2025-03-15T10:00:00-05:00')).toBe(2);
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
  });

  it('rejects text that is not a calendar date', () => {
    expect(() => parseDay('2026-02-30')).toThrow(/Not a date/);
    expect(() => parseDay('03/14/2026')).toThrow(/Not a date/);
  });

  it('rolls clinic times over midnight and prints U.S. date styles', () => {
    expect(dateTimeAfter('2025-02-11', 21, 30, 255)).toBe('2025-02-12T01:45:00-05:00');
    expect(printDate('2024-03-04', 'us')).toBe('03/04/2024');
    expect(printDate('2024-03-04', 'us-short')).toBe('3/4/24');
    expect(printDate('2024-03-04', 'long')).toBe('Mar 4, 2024');
  });
});
