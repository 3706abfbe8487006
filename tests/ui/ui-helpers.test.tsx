// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { parseHash, formatHash } from '@/ui/app/routes';
import { requestFromParams, requestToParams } from '@/ui/app/patient-link';
import { ageText, formatDate, formatDateTime, unitText } from '@/ui/components/chart-format';
import { niceTicks } from '@/ui/components/trend-chart';
import { parseSeed } from '@/ui/features/patient-generator/seed';
import { highlightSegments } from '@/ui/components/highlight';

describe('ui helpers', () => {
  it('accepts seeds 0 to 4294967295 written as digits only', () => {
    expect(parseSeed(' 42 ')).toEqual({ ok: true, seed: 42 });
    expect(parseSeed('0')).toEqual({ ok: true, seed: 0 });
    expect(parseSeed('4294967295')).toEqual({ ok: true, seed: 4294967295 });
    for (const bad of ['', 'abc', '-1', '4.2', '1e3', '4294967296', '0x10']) expect(parseSeed(bad).ok, bad).toBe(false);
  });

  it('round-trips a patient request through the link', () => {
    const request = { seed: 9, sex: 'female' as const, minAge: 18, maxAge: 39 };
    const route = parseHash(formatHash({ section: 'chart', params: requestToParams(request) }));
    expect(route.section).toBe('chart');
    expect(requestFromParams(route.params)).toEqual(request);
    expect(requestFromParams(new URLSearchParams('seed=abc'))).toBeNull();
    expect(parseHash('')).toEqual({ section: '', params: new URLSearchParams() });
  });

  it('prints U.S. dates and ages the way a banner does', () => {
    expect(formatDate('2024-03-07')).toBe('03/07/2024');
    expect(formatDateTime('2024-03-07T14:05:00-05:00')).toBe('03/07/2024 14:05');
    expect(ageText('1984-06-07', '2026-06-30')).toBe('42 y');
    expect(ageText('2025-10-15', '2026-06-30')).toBe('8 mo');
    expect(ageText('2026-06-20', '2026-06-30')).toBe('10 d');
    expect(unitText('[pH]')).toBe('');
    expect(unitText('mg/dL')).toBe('mg/dL');
  });

  it('merges overlapping evidence spans and clamps them to the text', () => {
    const spans = [
      { ref: 'A/1', field: 'code', start: 4, end: 9 },
      { ref: 'A/1', field: 'reaction', start: 7, end: 12 },
      { ref: 'A/1', field: 'date', start: 18, end: 99 },
    ];
    expect(highlightSegments('abc penicillin hives', spans)).toEqual([
      { text: 'abc ', fields: [] },
      { text: 'penicill', fields: ['code', 'reaction'] },
      { text: 'in hiv', fields: [] },
      { text: 'es', fields: ['date'] },
    ]);
  });

  it('picks round chart ticks', () => {
    expect(niceTicks(76, 138)).toEqual([60, 80, 100, 120, 140]);
    expect(niceTicks(5, 5).length).toBeGreaterThan(1);
  });
});
