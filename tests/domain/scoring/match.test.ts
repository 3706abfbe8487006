import { describe, expect, it } from 'vitest';
import {
  datePrecisionMatch,
  matchesAny,
  normalizeText,
  parseNumber,
  parseUserDate,
  sameDate,
  sameDose,
  sameNumber,
  sameTerm,
  sameUnit,
  similarity,
} from '@/domain/scoring/match';

describe('tolerant matching', () => {
  it('ignores case, spacing and punctuation', () => {
    expect(normalizeText('  Penicillin-V.  ')).toBe('penicillin v');
    expect(sameTerm('ATORVASTATIN 20 mg oral tablet', 'atorvastatin 20 MG Oral Tablet')).toBe(true);
    expect(normalizeText('7.5')).toBe('7.5');
  });

  it('accepts standard record abbreviations as their meaning', () => {
    expect(sameTerm('NKDA', 'No known allergies')).toBe(true);
    expect(sameTerm('po', 'by mouth')).toBe(true);
    expect(sameTerm('BID', 'twice daily')).toBe(true);
    expect(sameTerm('q.h.s.', 'at bedtime')).toBe(true);
    expect(sameTerm('H', 'High')).toBe(true);
    expect(sameTerm('HH', 'critical high')).toBe(true);
  });

  it('does not treat different meanings as the same', () => {
    expect(sameTerm('BID', 'three times daily')).toBe(false);
    expect(sameTerm('H', 'Low')).toBe(false);
    expect(sameTerm('HH', 'High')).toBe(false);
    expect(sameTerm('left', 'right')).toBe(false);
    expect(sameTerm('mild', 'severe')).toBe(false);
  });

  it('accepts any listed rendering, such as PCN for penicillin', () => {
    expect(matchesAny('PCN', ['penicillin', 'PCN', 'penicillins'])).toBe(true);
    expect(matchesAny('sulfa', ['penicillin', 'PCN'])).toBe(false);
  });

  it('reads dates in the formats U.S. records use', () => {
    for (const text of ['2024-03-14', '03/14/2024', '3/14/2024', '3/14/24', '3-14-2024', 'Mar 14, 2024', 'March 14th 2024', '14 March 2024']) {
      expect(parseUserDate(text), text).toBe('2024-03-14');
    }
    expect(parseUserDate('02/30/2024')).toBeUndefined();
    expect(parseUserDate('yesterday')).toBeUndefined();
    expect(sameDate('3/14/24', '2024-03-14')).toBe(true);
    expect(sameDate('3/15/24', '2024-03-14')).toBe(false);
  });

  it('gives month or year precision for an onset typed without the day', () => {
    expect(datePrecisionMatch('03/2019', '2019-03-14')).toBe('month');
    expect(datePrecisionMatch('2019', '2019-03-14')).toBe('year');
    expect(datePrecisionMatch('2018', '2019-03-14')).toBe('none');
    expect(datePrecisionMatch('3/14/2019', '2019-03-14')).toBe('exact');
  });

  it('treats unit synonyms as equal and different units as different', () => {
    expect(sameUnit('mg/dl', 'mg/dL')).toBe(true);
    expect(sameUnit('K/uL', '10*3/uL')).toBe(true);
    expect(sameUnit('mcg', 'ug')).toBe(true);
    expect(sameUnit('µg', 'mcg')).toBe(true);
    expect(sameUnit('mmHg', 'mm[Hg]')).toBe(true);
    expect(sameUnit('°C', 'Cel')).toBe(true);
    expect(sameUnit('mg', 'mcg')).toBe(false);
    expect(sameUnit('mmol/L', 'mg/dL')).toBe(false);
    expect(sameUnit('lb', 'kg')).toBe(false);
  });

  it('compares numbers at the reported precision', () => {
    expect(sameNumber('7.0', 7, 1)).toBe(true);
    expect(sameNumber('7', 7, 1)).toBe(true);
    expect(sameNumber('7.1', 7, 1)).toBe(false);
    expect(sameNumber('1,250', 1250, 0)).toBe(true);
    expect(sameNumber('abc', 7, 0)).toBe(false);
    expect(parseNumber('<0.01')).toBe(0.01);
  });

  it('is strict on doses: the number and the unit must agree', () => {
    expect(sameDose('500mg', '500 mg')).toBe(true);
    expect(sameDose('0.5 g', '500 mg')).toBe(true);
    expect(sameDose('75 mcg', '75 ug')).toBe(true);
    expect(sameDose('0.075 mg', '75 mcg')).toBe(true);
    expect(sameDose('75 mg', '75 mcg')).toBe(false);
    expect(sameDose('1000 mg', '500 mg')).toBe(false);
    expect(sameDose('1 tablet', '1 tablet')).toBe(true);
    expect(sameDose('1 tablets', '1 tablet')).toBe(true);
    expect(sameDose('2 tablets', '1 tablet')).toBe(false);
    expect(sameDose('2 puffs', '2 puff')).toBe(true);
  });

  it('measures similarity for near misses', () => {
    expect(similarity('Jonathan', 'Johnathan')).toBeGreaterThan(0.8);
    expect(similarity('Smith', 'Garcia')).toBeLessThan(0.3);
    expect(similarity('same', 'SAME')).toBe(1);
  });
});
