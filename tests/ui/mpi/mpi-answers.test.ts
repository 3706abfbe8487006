import { describe, expect, it } from 'vitest';
import type { MpiRecord } from '@/domain/exercise/exercise-types';
import type { MpiAnswers } from '@/domain/scoring/submission-schema';
import { defaultSurvivor, differingFields, linkRecords, restoreGroup, setSurvivor, unlinkGroup } from '@/ui/features/mpi/mpi-answers';

const record = (recordId: string, created: string, extra: Partial<MpiRecord> = {}): MpiRecord => ({
  recordId,
  mrn: `M${recordId}`,
  family: 'Lopez',
  given: 'Maria',
  birthDate: '1980-05-01',
  sex: 'female',
  address: '1 Main St, Springfield, IL 62701',
  phone: '(217) 555-0100',
  created,
  ...extra,
});

const none: MpiAnswers = { kind: 'mpi', groups: [] };

describe('MPI answer edits', () => {
  it('suggests the earliest-created record, the lower id on the same day', () => {
    expect(defaultSurvivor([record('R2', '2020-01-01'), record('R1', '2021-01-01')])).toBe('R2');
    expect(defaultSurvivor([record('R3', '2020-01-01'), record('R2', '2020-01-01')])).toBe('R2');
  });

  it('merges a new link with the groups its records are already in', () => {
    const one = linkRecords(none, ['R1', 'R2'], 'R1');
    const two = linkRecords(one, ['R3', 'R4'], 'R3');
    const merged = linkRecords(two, ['R2', 'R3'], 'R1');
    expect(merged.groups).toEqual([{ recordIds: ['R1', 'R2', 'R3', 'R4'], survivorId: 'R1' }]);
  });

  it('unlinks and restores a group in its place, and changes a survivor only to a member', () => {
    const start: MpiAnswers = {
      kind: 'mpi',
      groups: [
        { recordIds: ['R1', 'R2'], survivorId: 'R1' },
        { recordIds: ['R3', 'R4'], survivorId: 'R3' },
      ],
    };
    const { answers, removed } = unlinkGroup(start, 0);
    expect(answers.groups).toHaveLength(1);
    expect(restoreGroup(answers, removed as NonNullable<typeof removed>, 0)).toEqual(start);
    expect(setSurvivor(start, 1, 'R4').groups[1]?.survivorId).toBe('R4');
    expect(setSurvivor(start, 1, 'R1')).toEqual(start);
  });

  it('marks identity fields that differ, never the MRN or the creation date', () => {
    const fields = differingFields([record('R1', '2020-01-01'), record('R2', '2022-01-01', { family: 'Lopez-Garcia', phone: '(217)  555-0100' })]);
    expect([...fields]).toEqual(['family']);
  });
});
