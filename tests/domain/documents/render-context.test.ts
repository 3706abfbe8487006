import { describe, expect, it } from 'vitest';
import { addMinutes, agePhrase, compareDays, yearsOld } from '@/domain/documents/render-context';
import { lowerFirst } from '@/domain/documents/phrases';
import { article } from '@/domain/documents/render-history-physical';
import { addDays, ageInMonths, ageOn } from '@/domain/time/dates';

describe('render-context date helpers', () => {
  it('counts completed years of age exactly as ageOn does, including leap-day birthdays', () => {
    for (const birth of ['1960-02-29', '1975-07-15', '2001-12-31', '2024-01-01']) {
      for (let day = addDays(birth, 1); day < '2026-07-01'; day = addDays(day, 13)) {
        expect(yearsOld(birth, day)).toBe(ageOn(birth, day));
      }
    }
  });

  it('describes infants in days and months and adults in years', () => {
    expect(agePhrase('2026-06-01', '2026-06-20', false)).toBe('19-day-old');
    expect(agePhrase('2025-09-10', '2026-06-30', false)).toBe(`${ageInMonths('2025-09-10', '2026-06-30')}-month-old`);
    expect(agePhrase('1971-08-11', '2026-06-30', false)).toBe('54-year-old');
    expect(agePhrase('1971-08-11', '2026-06-30', true)).toBe('54 y.o.');
  });

  it('orders calendar days of dates and dateTimes', () => {
    expect(compareDays('2026-01-31', '2026-02-01')).toBeLessThan(0);
    expect(compareDays('2026-02-01T23:59:00-05:00', '2026-02-01')).toBe(0);
    expect(compareDays('2027-01-01', '2026-12-31')).toBeGreaterThan(0);
  });

  it('adds minutes across midnight, keeping the clinic offset', () => {
    expect(addMinutes('2026-04-09T23:45:00-05:00', 30)).toBe('2026-04-10T00:15:00-05:00');
    expect(addMinutes('2026-12-31T13:45:00-05:00', 1440 + 15)).toBe('2027-01-01T14:00:00-05:00');
  });
});

describe('article', () => {
  it('writes "an" before ages spoken with a vowel sound', () => {
    expect(['8-year-old', '11-month-old', '18 y.o.', '83 y.o.', '80-year-old'].map(article)).toEqual(['an', 'an', 'an', 'an', 'an']);
    expect(['7-year-old', '1-month-old', '28 y.o.', '100-year-old', '54 y.o.'].map(article)).toEqual(['a', 'a', 'a', 'a', 'a']);
  });
});

describe('lowerFirst', () => {
  it('lower-cases a name for mid-sentence use but keeps acronyms and eponyms', () => {
    expect(lowerFirst('Essential hypertension')).toBe('essential hypertension');
    expect(lowerFirst('HTN')).toBe('HTN');
    expect(lowerFirst('Alzheimer dementia')).toBe('Alzheimer dementia');
    expect(lowerFirst("Alzheimer's disease")).toBe("Alzheimer's disease");
    expect(lowerFirst('Parkinson disease')).toBe('Parkinson disease');
    expect(lowerFirst('Sz d/o')).toBe('sz d/o');
  });
});
