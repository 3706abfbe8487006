import { describe, expect, it } from 'vitest';
import type { FilingExercise, PatientCard } from '@/domain/exercise/exercise-types';
import { buildFilingExercise, filingKeyAnswers, planLookalikes, scoreFiling, SECTION_OF_KIND } from '@/domain/exercise/filing';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import type { FilingAnswers } from '@/domain/scoring/submission-schema';
import { ageOn } from '@/domain/time/dates';

type Lookalike = 'same-name' | 'twins' | 'jr-sr';

function filingScenario(lookalikes: Lookalike[], patientCount = 4, documentsPerPatient = 4): Scenario {
  return {
    schemaVersion: 1,
    id: 'filing-loose-documents',
    title: 'File the loose documents',
    summary: 'Loose documents from several patients, some of whom look alike, wait to be filed.',
    learningObjectives: ['Identify the patient of a document by two identifiers', 'File documents by section and date'],
    domain: 'document-management',
    difficulty: 'intermediate',
    refDate: '2026-06-30',
    patients: { seed: 11, minAge: 25, maxAge: 85, admission: true },
    task: { kind: 'filing', patientCount, lookalikes, documentsPerPatient, instructions: 'File every document to its patient, section and date order.' },
    passingScore: 0.85,
    instructorNotes: 'Look-alikes are planted; two identifiers tell them apart.',
  };
}

const SEED = 11;
const allKinds = buildFilingExercise(filingScenario(['same-name', 'twins', 'jr-sr'], 6, 4), SEED);

const lastName = (card: PatientCard) => card.name.replace(/ (Jr\.|Sr\.)$/, '').split(' ').pop();
const firstName = (card: PatientCard) => card.name.split(' ')[0];

function score(ex: FilingExercise, answers: FilingAnswers): number {
  return scoreFiling(ex, answers).score;
}

/** A patient of the exercise with at least two documents on different days, and those documents. */
function twoDatedDocuments(ex: FilingExercise) {
  for (const card of ex.patients) {
    const entries = ex.key.filter((k) => k.patientId === card.patientId);
    const docs = entries.map((k) => ({ k, doc: ex.pile.find((d) => d.id === k.documentId)! }));
    for (const a of docs) {
      const b = docs.find((x) => x.doc.date.slice(0, 10) !== a.doc.date.slice(0, 10));
      if (b) return [a.k, b.k] as const;
    }
  }
  throw new Error('no patient with two documents on different days');
}

describe('buildFilingExercise', () => {
  it('builds the same exercise, byte for byte, for the same scenario and seed', () => {
    const again = buildFilingExercise(filingScenario(['same-name', 'twins', 'jr-sr'], 6, 4), SEED);
    expect(JSON.stringify(again)).toBe(JSON.stringify(allKinds));
    const other = buildFilingExercise(filingScenario(['same-name', 'twins', 'jr-sr'], 6, 4), SEED + 1);
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(allKinds));
  });

  it('plants a same-name look-alike: exact name, different DOB and MRN', () => {
    for (const seed of [1, 2, 3]) {
      const ex = buildFilingExercise(filingScenario(['same-name'], 3), seed);
      const pairs = ex.patients.flatMap((a, i) => ex.patients.slice(i + 1).filter((b) => b.name === a.name).map((b) => [a, b] as const));
      expect(pairs).toHaveLength(1);
      const [a, b] = pairs[0]!;
      expect(a.birthDate).not.toBe(b.birthDate);
      expect(a.mrn).not.toBe(b.mrn);
    }
  });

  it('plants twins: same family name, DOB, address and phone, a different given name', () => {
    for (const seed of [1, 2, 3]) {
      const ex = buildFilingExercise(filingScenario(['twins'], 3), seed);
      const pairs = ex.patients.flatMap((a, i) =>
        ex.patients.slice(i + 1).filter((b) => lastName(b) === lastName(a) && b.birthDate === a.birthDate).map((b) => [a, b] as const),
      );
      expect(pairs).toHaveLength(1);
      const [a, b] = pairs[0]!;
      expect(firstName(a)).not.toBe(firstName(b));
      expect(a.address).toBe(b.address);
      expect(a.mrn).not.toBe(b.mrn);
      const phone = (id: string) => ex.charts.find((c) => c.id === id)!.patient.telecom?.find((t) => t.system === 'phone')?.value;
      expect(phone(a.patientId)).toBe(phone(b.patientId));
    }
  });

  it('plants a Jr. and a Sr.: same name and address, both male, the Sr. 22 to 40 years older', () => {
    for (const seed of [1, 2, 3]) {
      const ex = buildFilingExercise(filingScenario(['jr-sr'], 3), seed);
      const sr = ex.patients.find((c) => c.name.endsWith(' Sr.'));
      const jr = ex.patients.find((c) => c.name.endsWith(' Jr.'));
      expect(sr && jr).toBeTruthy();
      expect(sr!.name.replace(/ Sr\.$/, '')).toBe(jr!.name.replace(/ Jr\.$/, ''));
      expect([sr!.sex, jr!.sex]).toEqual(['male', 'male']);
      expect(sr!.address).toBe(jr!.address);
      const gap = ageOn(sr!.birthDate, '2026-06-30') - ageOn(jr!.birthDate, '2026-06-30');
      expect(gap).toBeGreaterThanOrEqual(22);
      expect(gap).toBeLessThanOrEqual(40);
    }
  });

  it('prints the Jr. or Sr. on every document of the pair, so the name on the page tells them apart', () => {
    for (const seed of [1, 2, 3]) {
      const ex = buildFilingExercise(filingScenario(['jr-sr'], 3), seed);
      for (const suffix of ['Jr.', 'Sr.']) {
        const card = ex.patients.find((c) => c.name.endsWith(` ${suffix}`))!;
        const ref = `Patient/${card.patientId}`;
        const filed = ex.key.filter((k) => k.patientId === card.patientId).map((k) => ex.pile.find((d) => d.id === k.documentId)!);
        expect(filed.length).toBeGreaterThan(0);
        for (const doc of filed) {
          const names = doc.spans.filter((s) => s.ref === ref && s.field === 'name').map((s) => doc.text.slice(s.start, s.end));
          expect(names.length, doc.kind).toBeGreaterThan(0);
          for (const name of names) expect(name.toLowerCase().endsWith(` ${suffix.toLowerCase()}`), `${doc.kind}: ${name}`).toBe(true);
        }
      }
    }
  });

  it('prints each planted registration on the documents: every document names its own patient in the header', () => {
    for (const chart of allKinds.charts) {
      const family = chart.patient.name?.[0]?.family ?? '';
      for (const doc of chart.documents) {
        const ref = `Patient/${chart.patient.id}`;
        for (const field of ['name', 'birthDate', 'mrn']) expect(doc.spans.some((s) => s.ref === ref && s.field === field), `${doc.kind} ${field}`).toBe(true);
        const name = doc.spans.find((s) => s.ref === ref && s.field === 'name')!;
        expect(doc.text.slice(name.start, name.end).toLowerCase()).toContain(family.toLowerCase());
      }
    }
  });

  it('files every pile document to exactly one patient, from that patient’s chart', () => {
    expect(allKinds.pile).toHaveLength(6 * 4);
    expect(allKinds.key.map((k) => k.documentId)).toEqual(allKinds.pile.map((d) => d.id));
    expect(new Set(allKinds.pile.map((d) => d.id)).size).toBe(allKinds.pile.length);
    for (const k of allKinds.key) {
      const owners = allKinds.charts.filter((c) => c.documents.some((d) => d.id === k.documentId));
      expect(owners.map((c) => c.id)).toEqual([k.patientId]);
      const doc = allKinds.pile.find((d) => d.id === k.documentId)!;
      expect(k.section).toBe(SECTION_OF_KIND[doc.kind]);
    }
    expect(new Set(allKinds.patients.map((p) => p.patientId))).toEqual(new Set(allKinds.key.map((k) => k.patientId)));
  });

  it('numbers each patient’s documents 1..n, oldest first, and varies their kinds', () => {
    for (const card of allKinds.patients) {
      const entries = allKinds.key.filter((k) => k.patientId === card.patientId).sort((a, b) => a.position - b.position);
      expect(entries.map((k) => k.position)).toEqual([1, 2, 3, 4]);
      const dates = entries.map((k) => allKinds.pile.find((d) => d.id === k.documentId)!.date);
      expect([...dates].sort()).toEqual(dates);
      const kinds = new Set(entries.map((k) => allKinds.pile.find((d) => d.id === k.documentId)!.kind));
      expect(kinds.size).toBeGreaterThanOrEqual(3);
    }
  });

  it('hints how to tell look-alikes apart on their documents', () => {
    const sameName = allKinds.key.filter((k) => k.hint?.startsWith('Same name'));
    expect(sameName.length).toBeGreaterThan(0);
    expect(allKinds.key.some((k) => k.hint?.startsWith('Twin of'))).toBe(true);
  });

  it('gives all patients the same facility and laboratory, so the banner does not sort the pile', () => {
    const facilities = new Set(allKinds.charts.map((c) => c.patient.managingOrganization?.display));
    expect(facilities.size).toBe(1);
    const banner = (lab: boolean) =>
      new Set(allKinds.charts.flatMap((c) => c.documents.filter((d) => (d.kind === 'lab-report') === lab).map((d) => d.text.trim().split('\n')[0]!.trim())));
    expect(banner(false).size).toBe(1);
    expect(banner(true).size).toBe(1);
  });

  it('refuses a scenario with too few patients for its look-alikes', () => {
    expect(() => buildFilingExercise(filingScenario(['same-name', 'twins'], 2), 1)).toThrow(/cannot hold the look-alikes/);
    expect(planLookalikes(['same-name', 'twins'], 3)).toEqual([
      { kind: 'twins', a: 0, b: 1 },
      { kind: 'same-name', a: 0, b: 2 },
    ]);
  });
});

describe('scoreFiling', () => {
  const ex = allKinds;
  const key = filingKeyAnswers(ex);

  it('scores the key 1 and passes it', () => {
    const report = scoreFiling(ex, key);
    expect(report.score).toBe(1);
    expect(report.passed).toBe(true);
    expect(report.possible).toBe(ex.key.length * 4);
    expect(report.items.every((i) => i.verdict === 'correct')).toBe(true);
  });

  it('scores an empty submission 0, every document missing', () => {
    const report = scoreFiling(ex, { kind: 'filing', placements: [] });
    expect(report.score).toBe(0);
    expect(report.items.filter((i) => i.verdict === 'missing')).toHaveLength(ex.key.length * 3);
  });

  it('takes the patient and the position for a document filed to its look-alike, and says why', () => {
    const entry = ex.key.find((k) => k.hint?.startsWith('Same name'))!;
    const truth = ex.patients.find((p) => p.patientId === entry.patientId)!;
    const namesake = ex.patients.find((p) => p.patientId !== truth.patientId && p.name === truth.name)!;
    const answers: FilingAnswers = {
      kind: 'filing',
      placements: key.placements.map((p) => (p.documentId === entry.documentId ? { ...p, patientId: namesake.patientId } : p)),
    };
    const report = scoreFiling(ex, answers);
    expect(report.score).toBeGreaterThan(0);
    expect(report.score).toBeLessThan(1);
    expect(report.possible - report.earned).toBe(3);
    const item = report.items.find((i) => i.field === 'patient' && i.verdict === 'wrong')!;
    expect(item.note).toMatch(/^Same name, but the DOB on the document is .+ — this is /);
    expect(item.label).toMatch(/ of \d{2}\/\d{2}\/\d{4}$/);
    expect(item.evidence.map((e) => e.quote).length).toBeGreaterThanOrEqual(3);
    const doc = ex.pile.find((d) => d.id === entry.documentId)!;
    for (const e of item.evidence) expect(doc.text.slice(e.start, e.end)).toBe(e.quote);
    // The namesake's own documents keep their positions: one misfiling does not cascade.
    expect(report.items.filter((i) => i.field === 'position' && i.verdict === 'wrong')).toHaveLength(1);
  });

  it('takes one point for a document filed under the wrong section', () => {
    const first = key.placements[0]!;
    const wrong = first.section === 'laboratory' ? 'medications' : 'laboratory';
    const answers: FilingAnswers = { kind: 'filing', placements: [{ ...first, section: wrong }, ...key.placements.slice(1)] };
    const report = scoreFiling(ex, answers);
    expect(report.score).toBeGreaterThan(0);
    expect(report.score).toBeLessThan(1);
    expect(report.items.find((i) => i.field === 'section' && i.verdict === 'wrong')?.entered).toBe(wrong === 'laboratory' ? 'Laboratory' : 'Medications');
  });

  it('takes the order of two swapped documents of one patient', () => {
    const [a, b] = twoDatedDocuments(ex);
    const answers: FilingAnswers = {
      kind: 'filing',
      placements: key.placements.map((p) =>
        p.documentId === a.documentId ? { ...p, position: b.position } : p.documentId === b.documentId ? { ...p, position: a.position } : p,
      ),
    };
    const report = scoreFiling(ex, answers);
    expect(report.score).toBeLessThan(1);
    expect(report.score).toBeGreaterThan(0);
    expect(report.items.filter((i) => i.field === 'position' && i.verdict === 'wrong').length).toBeGreaterThanOrEqual(2);
  });

  it('counts an unfiled document as missing, 0 of 4', () => {
    const report = scoreFiling(ex, { kind: 'filing', placements: key.placements.slice(1) });
    expect(report.possible - report.earned).toBe(4);
    expect(report.items.filter((i) => i.verdict === 'missing').map((i) => i.field)).toEqual(['patient', 'section', 'position']);
  });

  it('scores the first placement of a document filed twice and flags the rest as extra', () => {
    const first = key.placements[0]!;
    const other = ex.patients.find((p) => p.patientId !== first.patientId)!;
    const report = scoreFiling(ex, { kind: 'filing', placements: [...key.placements, { ...first, patientId: other.patientId }] });
    expect(report.earned).toBe(ex.key.length * 4);
    expect(report.possible).toBe(ex.key.length * 4 + 1);
    expect(report.items.filter((i) => i.verdict === 'extra')).toHaveLength(1);
  });

  it('flags unknown documents and patients as extra', () => {
    const first = key.placements[0]!;
    const report = scoreFiling(ex, {
      kind: 'filing',
      placements: [...key.placements, { ...first, documentId: 'no-such-document' }, { ...first, patientId: 'no-such-patient' }],
    });
    expect(report.items.filter((i) => i.verdict === 'extra')).toHaveLength(2);
    expect(report.score).toBeLessThan(1);
  });

  it('lowers the score with every further corruption', () => {
    const [a, b] = twoDatedDocuments(ex);
    const one = scoreFiling(ex, { kind: 'filing', placements: key.placements.filter((p) => p.documentId !== a.documentId) }).score;
    const two = score(ex, { kind: 'filing', placements: key.placements.filter((p) => p.documentId !== a.documentId && p.documentId !== b.documentId) });
    expect(one).toBeLessThan(1);
    expect(two).toBeLessThan(one);
  });

  it('accepts documents of the same day in either order', () => {
    // Two neighbouring documents of one patient, the later moved onto the earlier one's day.
    const copy: FilingExercise = structuredClone(ex);
    const entries = copy.key.filter((k) => k.patientId === copy.key[0]!.patientId).sort((a, b) => a.position - b.position);
    const [x, y] = [entries[0]!, entries[1]!];
    const docX = copy.pile.find((d) => d.id === x.documentId)!;
    const docY = copy.pile.find((d) => d.id === y.documentId)!;
    docY.date = `${docX.date.slice(0, 10)}T23:59:00-05:00`;
    const answers = filingKeyAnswers(copy);
    for (const p of answers.placements) {
      if (p.documentId === x.documentId) p.position = y.position;
      else if (p.documentId === y.documentId) p.position = x.position;
    }
    expect(scoreFiling(copy, answers).score).toBe(1);
    // On different days the same swap costs both positions.
    expect(scoreFiling(ex, answers).possible - scoreFiling(ex, answers).earned).toBe(2);
  });
});
