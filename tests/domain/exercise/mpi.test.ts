import { describe, expect, it } from 'vitest';
import type { MpiExercise, MpiRecord } from '@/domain/exercise/exercise-types';
import { buildMpiExercise, MPI_SURVIVOR_RULE, mpiKeyAnswers, scoreMpi, transpositionsOf } from '@/domain/exercise/mpi';
import { MPI_VARIATIONS, type Scenario } from '@/domain/scenario/scenario-schema';
import type { MpiAnswers } from '@/domain/scoring/submission-schema';

type Variation = (typeof MPI_VARIATIONS)[number];

function mpiScenario(variations: Variation[], counts: { people?: number; duplicates?: number; decoys?: number } = {}): Scenario {
  return {
    schemaVersion: 1,
    id: 'mpi-cleanup',
    title: 'Clean up the master patient index',
    summary: 'Find the duplicate registrations in a small index and merge them into the right record.',
    learningObjectives: ['Recognize duplicate registrations', 'Choose the surviving record', 'Avoid overlays'],
    domain: 'mpi-integrity',
    difficulty: 'intermediate',
    refDate: '2026-06-30',
    patients: { seed: 21, minAge: 18, maxAge: 90 },
    task: {
      kind: 'mpi',
      people: counts.people ?? 8,
      duplicates: counts.duplicates ?? 7,
      variations,
      decoys: counts.decoys ?? 2,
      instructions: 'Link the records of one person and choose the survivor.',
    },
    passingScore: 0.8,
    instructorNotes: 'Decoys are different people and must stay apart.',
  };
}

const SEED = 21;
const ex = buildMpiExercise(mpiScenario([...MPI_VARIATIONS]), SEED);
const byId = new Map(ex.records.map((r) => [r.recordId, r]));
const key = mpiKeyAnswers(ex);

function originalAndDuplicates(e: MpiExercise) {
  const index = new Map(e.records.map((r) => [r.recordId, r]));
  return e.key.flatMap((g) =>
    g.recordIds.filter((id) => id !== g.survivorId).map((id) => ({ original: index.get(g.survivorId)!, duplicate: index.get(id)!, difference: g.differences[id]! })),
  );
}

describe('buildMpiExercise', () => {
  it('builds the same index, byte for byte, for the same scenario and seed', () => {
    expect(JSON.stringify(buildMpiExercise(mpiScenario([...MPI_VARIATIONS]), SEED))).toBe(JSON.stringify(ex));
    expect(JSON.stringify(buildMpiExercise(mpiScenario([...MPI_VARIATIONS]), SEED + 1))).not.toBe(JSON.stringify(ex));
  });

  it('has one record per person, duplicate and decoy, each with its own id and MRN, ids in a shuffled order', () => {
    expect(ex.records).toHaveLength(8 + 7 + 2);
    expect(ex.records.map((r) => r.recordId)).toEqual(ex.records.map((_, i) => `R${String(i + 1).padStart(4, '0')}`));
    expect(new Set(ex.records.map((r) => r.mrn)).size).toBe(ex.records.length);
    // Group members are not simply adjacent ids.
    expect(ex.key.some((g) => g.recordIds.some((id, i) => i > 0 && Number(id.slice(1)) !== Number(g.recordIds[i - 1]!.slice(1)) + 1))).toBe(true);
  });

  it('plants every duplicate in a group whose survivor is the earliest-created record', () => {
    expect(ex.key.reduce((s, g) => s + g.recordIds.length - 1, 0)).toBe(7);
    for (const g of ex.key) {
      const created = g.recordIds.map((id) => byId.get(id)!.created);
      expect(byId.get(g.survivorId)!.created).toBe([...created].sort()[0]);
      for (const id of g.recordIds) if (id !== g.survivorId) expect(byId.get(id)!.created > byId.get(g.survivorId)!.created).toBe(true);
      expect(Object.keys(g.differences).sort()).toEqual(g.recordIds.filter((id) => id !== g.survivorId).sort());
    }
    expect(MPI_SURVIVOR_RULE).toMatch(/earliest-created/);
  });

  it('shows the SSN last four on most records', () => {
    const withSsn = ex.records.filter((r) => r.ssnLast4).length;
    expect(withSsn / ex.records.length).toBeGreaterThanOrEqual(0.6);
    expect(ex.records.every((r) => r.ssnLast4 === undefined || /^\d{4}$/.test(r.ssnLast4))).toBe(true);
  });

  const checks: Record<Variation, (o: MpiRecord, d: MpiRecord) => void> = {
    typo: (o, d) => {
      const changed = [o.given !== d.given, o.family !== d.family].filter(Boolean);
      expect(changed).toHaveLength(1);
      const [a, b] = o.given !== d.given ? [o.given, d.given] : [o.family, d.family];
      expect(Math.abs(a.length - b.length)).toBeLessThanOrEqual(1);
      expect(a[0]).toBe(b[0]);
      expect(d.birthDate).toBe(o.birthDate);
    },
    nickname: (o, d) => {
      expect(d.given).not.toBe(o.given);
      expect(d.given.length).toBeLessThan(o.given.length + 1);
      expect(d.family).toBe(o.family);
    },
    'transposed-birth-date': (o, d) => {
      expect(transpositionsOf(o.birthDate, '2026-06-30')).toContain(d.birthDate);
      expect(d.given).toBe(o.given);
    },
    'maiden-name': (o, d) => {
      expect(d.family).not.toBe(o.family);
      expect([d.given, d.birthDate, d.sex]).toEqual([o.given, o.birthDate, 'female']);
    },
    'swapped-names': (o, d) => {
      expect([d.given, d.family]).toEqual([o.family, o.given]);
    },
    'missing-middle-name': (o, d) => {
      expect(o.middle).toBeTruthy();
      expect(d.middle).toBeUndefined();
      expect([d.given, d.family, d.birthDate]).toEqual([o.given, o.family, o.birthDate]);
    },
    'new-address': (o, d) => {
      expect(d.address).not.toBe(o.address);
      expect([d.given, d.family, d.birthDate]).toEqual([o.given, o.family, o.birthDate]);
    },
  };

  const PREFIX: Record<Variation, string> = {
    typo: 'typo in the',
    nickname: 'nickname:',
    'transposed-birth-date': 'birth date transposed:',
    'maiden-name': 'registered under another family name',
    'swapped-names': 'given and family names swapped:',
    'missing-middle-name': 'middle name missing',
    'new-address': 'moved:',
  };

  it.each([...MPI_VARIATIONS])('plants the %s variation as described', (variation) => {
    for (const seed of [1, 2, 3]) {
      const e = buildMpiExercise(mpiScenario([variation], { people: 5, duplicates: 3, decoys: 0 }), seed);
      const pairs = originalAndDuplicates(e);
      expect(pairs).toHaveLength(3);
      for (const { original, duplicate, difference } of pairs) {
        expect(duplicate.mrn).not.toBe(original.mrn);
        // A birth date with no possible transposition (11/11/2011) falls back to a typo.
        if (variation === 'transposed-birth-date' && difference.startsWith(PREFIX.typo)) continue;
        expect(difference.startsWith(PREFIX[variation]), difference).toBe(true);
        checks[variation](original, duplicate);
      }
    }
  });

  it('plants decoys that look like someone in the index but are different people', () => {
    expect(ex.decoys).toHaveLength(2);
    const grouped = new Set(ex.key.flatMap((g) => g.recordIds));
    for (const d of ex.decoys) {
      const [decoy, lookalike] = d.recordIds.map((id) => byId.get(id)!) as [MpiRecord, MpiRecord];
      expect(grouped.has(decoy.recordId)).toBe(false);
      expect(decoy.ssnLast4).toBeTruthy();
      expect(lookalike.ssnLast4).toBeTruthy();
      expect(decoy.ssnLast4).not.toBe(lookalike.ssnLast4);
      const sameName = decoy.given === lookalike.given && decoy.family === lookalike.family;
      const twins = decoy.family === lookalike.family && decoy.birthDate === lookalike.birthDate && decoy.address === lookalike.address;
      expect(sameName || twins).toBe(true);
      if (sameName) expect(decoy.birthDate).not.toBe(lookalike.birthDate);
      if (twins) expect(decoy.given).not.toBe(lookalike.given);
      expect(d.reason.length).toBeGreaterThan(10);
    }
  });
});

describe('scoreMpi', () => {
  it('scores the key 1 with perfect precision and recall', () => {
    const report = scoreMpi(ex, key);
    expect(report.score).toBe(1);
    expect(report.passed).toBe(true);
    expect(report.metrics).toMatchObject({ precision: 1, recall: 1, falsePositives: 0, falseNegatives: 0 });
  });

  it('scores an empty submission 0', () => {
    const report = scoreMpi(ex, { kind: 'mpi', groups: [] });
    expect(report.score).toBe(0);
    expect(report.metrics?.recall).toBe(0);
    expect(report.items.every((i) => i.verdict === 'missing')).toBe(true);
    expect(report.items.find((i) => i.field === 'link')?.note).toMatch(/^Not linked: /);
  });

  it('takes a point for one missed duplicate and names its variation', () => {
    const group = ex.key.find((g) => g.recordIds.length >= 3) ?? ex.key[0]!;
    const dropped = group.recordIds.find((id) => id !== group.survivorId)!;
    const answers: MpiAnswers = {
      kind: 'mpi',
      groups: key.groups.map((g) => (g.survivorId === group.survivorId ? { ...g, recordIds: g.recordIds.filter((id) => id !== dropped) } : g)).filter((g) => g.recordIds.length >= 2),
    };
    const report = scoreMpi(ex, answers);
    expect(report.score).toBeGreaterThan(0);
    expect(report.score).toBeLessThan(1);
    const item = report.items.find((i) => i.id.endsWith(`link-${dropped}`))!;
    expect(item.verdict).toBe('missing');
    expect(item.note).toContain(group.differences[dropped]!);
  });

  it('takes a point for a wrong survivor', () => {
    const answers: MpiAnswers = { kind: 'mpi', groups: key.groups.map((g, i) => (i === 0 ? { ...g, survivorId: g.recordIds.find((id) => id !== g.survivorId)! } : g)) };
    const report = scoreMpi(ex, answers);
    expect(report.score).toBeGreaterThan(0);
    expect(report.score).toBeLessThan(1);
    expect(report.items.find((i) => i.field === 'survivor' && i.verdict === 'wrong')?.note).toContain(MPI_SURVIVOR_RULE);
  });

  it('adds an extra item for a decoy merged into its look-alike', () => {
    const decoy = ex.decoys[0]!;
    const [decoyId, lookalikeId] = decoy.recordIds;
    const group = key.groups.find((g) => g.recordIds.includes(lookalikeId));
    const groups = group
      ? key.groups.map((g) => (g === group ? { ...g, recordIds: [...g.recordIds, decoyId] } : g))
      : [...key.groups, { recordIds: [lookalikeId, decoyId], survivorId: lookalikeId }];
    const report = scoreMpi(ex, { kind: 'mpi', groups });
    expect(report.score).toBeGreaterThan(0);
    expect(report.score).toBeLessThan(1);
    const extra = report.items.filter((i) => i.verdict === 'extra');
    expect(extra).toHaveLength(1);
    expect(extra[0]!.note).toContain(decoy.reason);
    expect(report.metrics?.falsePositives).toBeGreaterThan(0);
  });

  it('lowers the score with each further error', () => {
    const oneWrong: MpiAnswers = { kind: 'mpi', groups: key.groups.map((g, i) => (i === 0 ? { ...g, survivorId: g.recordIds.find((id) => id !== g.survivorId)! } : g)) };
    const twoWrong: MpiAnswers = {
      kind: 'mpi',
      groups: oneWrong.groups.map((g, i) => (i === 1 ? { ...g, survivorId: g.recordIds.find((id) => id !== key.groups[1]!.survivorId)! } : g)),
    };
    expect(scoreMpi(ex, twoWrong).score).toBeLessThan(scoreMpi(ex, oneWrong).score);
  });

  it('does not pay to link every record into one person', () => {
    const all = ex.records.map((r) => r.recordId);
    const report = scoreMpi(ex, { kind: 'mpi', groups: [{ recordIds: all, survivorId: all[0]! }] });
    expect(report.score).toBeLessThan(0.3);
    expect(report.metrics?.recall).toBe(1);
    expect(report.metrics?.precision).toBeLessThan(0.2);
  });

  it('computes pair precision and recall on a hand-checked index', () => {
    const record = (recordId: string, given: string, family: string, birthDate: string, created: string, ssnLast4: string): MpiRecord => ({
      recordId,
      mrn: `MRN${recordId}`,
      given,
      family,
      birthDate,
      sex: 'female',
      address: '1 Main Street, Springfield, IL 62701',
      phone: '(217) 555-0100',
      ssnLast4,
      created,
    });
    const small: MpiExercise = {
      kind: 'mpi',
      scenario: mpiScenario(['typo']),
      seed: 0,
      records: [
        record('A1', 'Margaret', 'Hill', '1960-04-12', '2010-01-01', '1111'),
        record('A2', 'Peggy', 'Hill', '1960-04-12', '2015-01-01', '1111'),
        record('A3', 'Margaret', 'Hil', '1960-04-12', '2020-01-01', '1111'),
        record('B1', 'Ann', 'Cole', '1970-02-03', '2011-01-01', '2222'),
        record('B2', 'Ann', 'Cole', '1970-03-02', '2019-01-01', '2222'),
        record('C1', 'Ann', 'Cole', '1988-09-30', '2012-01-01', '3333'),
      ],
      key: [
        { recordIds: ['A1', 'A2', 'A3'], survivorId: 'A1', differences: { A2: 'nickname: Peggy for Margaret', A3: 'typo in the family name: Hil for Hill' } },
        { recordIds: ['B1', 'B2'], survivorId: 'B1', differences: { B2: 'birth date transposed: 03/02/1970 for 02/03/1970' } },
      ],
      decoys: [{ recordIds: ['C1', 'B1'], reason: 'same name, but a different DOB, SSN-4 and address: a different person' }],
    };
    const report = scoreMpi(small, {
      kind: 'mpi',
      groups: [
        { recordIds: ['A1', 'A2'], survivorId: 'A1' },
        { recordIds: ['B1', 'C1'], survivorId: 'B1' },
      ],
    });
    // Learner pairs: A1–A2 (right), B1–C1 (wrong). True pairs: A1–A2, A1–A3, A2–A3, B1–B2.
    expect(report.metrics).toEqual({ precision: 0.5, recall: 0.25, truePositives: 1, falsePositives: 1, falseNegatives: 3 });
    // Items: A2 linked (1/1), A3 missing (0/1), B2 missing (0/1), survivor A1 (1/1), survivor B1
    // named but its merge holds C1, an overlay (0/1), C1 wrongly linked (0/1).
    expect([report.earned, report.possible]).toEqual([2, 6]);
    expect(report.score).toBeCloseTo(1 / 3, 10);
    expect(report.items.find((i) => i.id === 'mpi:1:survivor')?.note).toMatch(/overlay/);
    const extra = report.items.find((i) => i.verdict === 'extra')!;
    expect(extra.label).toContain('C1');
    expect(extra.note).toMatch(/different DOB, SSN-4/);
  });
});
