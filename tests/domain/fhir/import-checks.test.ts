import { describe, expect, it } from 'vitest';
import { checkResource, dateProblem } from '@/domain/fhir/import-checks';
import { base64ToUtf8 } from '@/domain/fhir/import-documents';
import { checkImportSize, formatBytes } from '@/domain/fhir/import-errors';
import { stableUuid, UUID_PATTERN } from '@/domain/fhir/import-ids';
import { judgeVersion, resourceVersionHints } from '@/domain/fhir/import-version';
import { utf8ToBase64 } from '@/domain/fhir/to-bundle';

describe('R4 date checks', () => {
  it('accepts the partial and full forms R4 allows', () => {
    for (const value of ['2021', '2021-02', '2021-02-28', '2020-02-29', '2021-02-28T23:59:60Z', '2021-02-28T08:00:00.123-05:00']) {
      expect(dateProblem(value, 'dateTime'), value).toBeUndefined();
    }
    expect(dateProblem('2021-02-28', 'date')).toBeUndefined();
    expect(dateProblem('2021-02-28T08:00:00Z', 'instant')).toBeUndefined();
  });

  it('names what is wrong with an impossible or malformed date', () => {
    expect(dateProblem('2021-02-30', 'dateTime')).toBe('"2021-02-30" is not a calendar date (2021-02 has 28 days)');
    expect(dateProblem('2019-02-29', 'date')).toBe('"2019-02-29" is not a calendar date (2019-02 has 28 days)');
    expect(dateProblem('2021-04-31T10:00:00Z', 'dateTime')).toMatch(/not a calendar date \(2021-04 has 30 days\)/);
    expect(dateProblem('2021-13-01', 'dateTime')).toBe('"2021-13-01" is not a valid FHIR dateTime');
    expect(dateProblem('2021-02-03T10:00', 'dateTime')).toMatch(/a time needs a time zone/);
    expect(dateProblem('2021-02-03T10:00:00Z', 'date')).toMatch(/a date has no time/);
    expect(dateProblem('2021-02-03', 'instant')).toMatch(/needs a date, a time to the second and a time zone/);
    expect(dateProblem('03/02/2021', 'dateTime')).toBe('"03/02/2021" is not a valid FHIR dateTime');
    expect(dateProblem(20210203, 'dateTime')).toBe('must be a dateTime string, got 20210203');
  });

  it('finds dates anywhere in a mapped resource, contained resources and periods included', () => {
    const issues = checkResource({
      resourceType: 'Encounter',
      id: 'e1',
      status: 'finished',
      class: { code: 'AMB' },
      period: { start: '2024-06-31T10:00:00Z' },
      contained: [{ resourceType: 'Location', id: 'l', meta: { lastUpdated: '2024-01-01' } }],
    });
    expect(issues).toEqual([
      'period.start "2024-06-31T10:00:00Z" is not a calendar date (2024-06 has 30 days)',
      'contained[0].meta.lastUpdated "2024-01-01" is not a FHIR instant (it needs a date, a time to the second and a time zone)',
    ]);
  });

  it('checks ids, datatype bindings and wrongly typed codes', () => {
    expect(checkResource({ resourceType: 'Patient', id: 'has space', name: [{ use: 'legal', family: 'X' }], telecom: [{ system: 'beeper', value: '1' }] })).toEqual([
      'id "has space" is not a FHIR id (1 to 64 letters, digits, "-" or ".")',
      'name[0].use "legal" is not allowed (R4 allows usual, official, temp, nickname, anonymous, old, maiden)',
      'telecom[0].system "beeper" is not allowed (R4 allows phone, fax, email, pager, url, sms, other)',
    ]);
    expect(checkResource({ resourceType: 'Observation', id: 'o', status: 42, code: { text: 'x' } })).toEqual([
      'status 42 is not allowed (R4 allows registered, preliminary, final, amended, corrected, cancelled, entered-in-error, unknown)',
    ]);
  });
});

describe('version detection', () => {
  it('finds nothing to say about R4 resources', () => {
    expect(resourceVersionHints({ resourceType: 'Condition', clinicalStatus: { coding: [{ code: 'active' }] }, subject: { reference: 'Patient/1' } }, 'Condition/1')).toEqual([]);
    expect(judgeVersion([])).toBeUndefined();
  });

  it('recognises versions by explicit markers and by shapes', () => {
    expect(resourceVersionHints({ resourceType: 'Patient', meta: { profile: ['http://hl7.org/fhir/STU3/StructureDefinition/Patient'] } }, 'Patient/1')[0]?.version).toBe('STU3');
    expect(resourceVersionHints({ resourceType: 'Bundle', meta: { fhirVersion: '1.0.2' } }, 'Bundle')[0]?.version).toBe('DSTU2');
    expect(resourceVersionHints({ resourceType: 'Encounter', class: 'inpatient' }, 'Encounter/1')[0]).toEqual({ version: 'DSTU2', where: 'Encounter/1', what: 'class is a plain code (R4: a Coding)' });
    expect(resourceVersionHints({ resourceType: 'MedicationStatement', medication: { concept: { text: 'x' } } }, 'MedicationStatement/1')[0]?.version).toBe('R5');
    expect(resourceVersionHints({ resourceType: 'Immunization', date: '2015-01-01', notGiven: false }, 'Immunization/1').map((h) => h.version)).toEqual(['STU3', 'STU3']);
  });

  it('judges by the majority of hints', () => {
    const verdict = judgeVersion([
      { version: 'STU3', where: 'a', what: 'x' },
      { version: 'DSTU2', where: 'b', what: 'y' },
      { version: 'DSTU2', where: 'c', what: 'z' },
    ]);
    expect(verdict?.version).toBe('DSTU2');
    expect(verdict?.hints.map((h) => h.where)).toEqual(['b', 'c']);
  });
});

describe('import helpers', () => {
  it('decodes base64 the way utf8ToBase64 encodes it, including multi-byte characters and line breaks', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'Temp 37.2 °C — “NKDA”', 'x'.repeat(999)]) {
      expect(base64ToUtf8(utf8ToBase64(text))).toBe(text);
    }
    expect(base64ToUtf8('SGVs\nbG8=')).toBe('Hello');
    expect(() => base64ToUtf8('SGVs*bG8=')).toThrow('"*" at position 4 is not a base64 character');
  });

  it('derives the same UUID-shaped id from the same name', () => {
    expect(stableUuid('Patient/1')).toBe(stableUuid('Patient/1'));
    expect(stableUuid('Patient/1')).not.toBe(stableUuid('Patient/2'));
    expect(stableUuid('Patient/1')).toMatch(UUID_PATTERN);
  });

  it('refuses sizes over the limit by size alone', () => {
    expect(() => checkImportSize(50 * 1024 * 1024)).not.toThrow();
    expect(() => checkImportSize(100 * 1024 * 1024)).toThrow('The file is 100.0 MB; ChartLab imports files up to 50.0 MB.');
    expect(formatBytes(48213)).toBe('47.1 kB');
  });
});
