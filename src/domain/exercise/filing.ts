import type { Organization, Patient } from '@medplum/fhirtypes';
import type { Chart, ChartSpec, DocumentKind, SourceDocument } from '@/domain/chart/chart-types';
import { cohortSeeds, generateChart } from '@/domain/chart/generate-chart';
import { renderDocuments } from '@/domain/documents/render-documents';
import { createRng, deriveSeed, type Rng } from '@/domain/rng/rng';
import { DOCUMENT_KINDS, type Scenario } from '@/domain/scenario/scenario-schema';
import type { Evidence, FeedbackItem, ScoreReport } from '@/domain/scoring/score-types';
import type { FilingAnswers } from '@/domain/scoring/submission-schema';
import { normalizeText } from '@/domain/scoring/match';
import { addDays, ageOn, daysBetween, printDate } from '@/domain/time/dates';
import { FILING_SECTIONS, type FilingExercise, type FilingKeyEntry, type FilingSection, type PatientCard } from './exercise-types';

/**
 * Filing loose documents: a pile of printed documents from several patients, some of whom look
 * alike (same name, twins, Jr./Sr.), to be filed to the right chart, in the right section, in date
 * order. The key is derived from the generated charts; nothing is typed by hand.
 */

type FilingTask = Extract<Scenario['task'], { kind: 'filing' }>;
type LookalikeKind = FilingTask['lookalikes'][number];

/** Look-alike B is planted from A (B copies A's name, DOB, address…); `a` may serve several pairs. */
interface LookalikePair {
  kind: LookalikeKind;
  a: number;
  b: number;
}

export const SECTION_OF_KIND: Record<DocumentKind, FilingSection> = {
  registration: 'registration',
  'history-physical': 'history-physical',
  'progress-note': 'progress-notes',
  'discharge-summary': 'discharge-summary',
  'lab-report': 'laboratory',
  'medication-list': 'medications',
  'immunization-record': 'immunizations',
};

export const FILING_SECTION_LABELS: Record<FilingSection, string> = {
  registration: 'Registration',
  'history-physical': 'History and physical',
  'progress-notes': 'Progress notes',
  'discharge-summary': 'Discharge summary',
  laboratory: 'Laboratory',
  medications: 'Medications',
  immunizations: 'Immunizations',
};

const KIND_LABELS: Record<DocumentKind, string> = {
  registration: 'Registration face sheet',
  'history-physical': 'History and physical',
  'progress-note': 'Progress note',
  'discharge-summary': 'Discharge summary',
  'lab-report': 'Lab report',
  'medication-list': 'Medication list',
  'immunization-record': 'Immunization record',
};

const WHY = {
  patient:
    'A document filed to the wrong chart puts one patient’s health information in another patient’s record: a privacy breach, and clinicians may treat on the wrong patient’s data while the right chart lacks it.',
  section:
    'Filed under the wrong section a document is as good as lost: clinicians look for results under Laboratory and for the hospital course under Discharge summary, and do not find it.',
  position:
    'Documents are filed in date order so the chart reads as the chronology of care; out of order, the latest result or plan is easy to miss.',
} as const;

/** Look-alikes that reshape a chart's generation (jr-sr fixes sex and age) are planted first. */
const PLANT_ORDER: Record<LookalikeKind, number> = { 'jr-sr': 0, twins: 1, 'same-name': 2 };

function filingTask(scenario: Scenario): FilingTask {
  if (scenario.task.kind !== 'filing') throw new Error(`Scenario ${scenario.id} is a ${scenario.task.kind} task, not filing`);
  return scenario.task;
}

/**
 * Which patients play A and B for each look-alike. Every B is a patient of its own; when the
 * patients run out, a later look-alike reuses an earlier patient as its A (Maria Lopez may have a
 * namesake and a twin). A Jr./Sr. pair always gets two fresh patients: its generation fixes both.
 */
export function planLookalikes(kinds: readonly LookalikeKind[], patientCount: number): LookalikePair[] {
  const ordered = [...kinds].sort((x, y) => PLANT_ORDER[x] - PLANT_ORDER[y]);
  const pairs: LookalikePair[] = [];
  const inJrSr = new Set<number>();
  let next = 0;
  for (const kind of ordered) {
    const free = patientCount - next;
    if (free >= 2) {
      pairs.push({ kind, a: next, b: next + 1 });
      next += 2;
    } else if (free === 1 && kind !== 'jr-sr') {
      const reusable = Array.from({ length: next }, (_, i) => i).filter((i) => !inJrSr.has(i));
      pairs.push({ kind, a: reusable[0] ?? 0, b: next });
      next += 1;
    } else {
      throw new Error(
        `A filing task with ${patientCount} patients cannot hold the look-alikes ${kinds.join(', ')}: each needs a patient of its own (a Jr./Sr. pair needs two)`,
      );
    }
    const last = pairs[pairs.length - 1] as LookalikePair;
    if (kind === 'jr-sr') inJrSr.add(last.a).add(last.b);
  }
  return pairs;
}

/**
 * Generate a chart; if the scenario's required conditions cannot fit the sex or age a look-alike
 * needs (a Jr. of 30 cannot have a geriatric condition), drop them for that patient rather than
 * fail: the filing task is about identifiers, not the problem list.
 */
function generateFitted(spec: ChartSpec): Chart {
  try {
    return generateChart(spec);
  } catch (error) {
    if (!spec.conditions?.length) throw error;
    return generateChart({ ...spec, conditions: undefined });
  }
}

function intersect(a: [number, number], b: [number, number]): [number, number] | undefined {
  const lo = Math.max(a[0], b[0]);
  const hi = Math.min(a[1], b[1]);
  return lo <= hi ? [lo, hi] : undefined;
}

function officialName(p: Patient) {
  const name = p.name?.[0];
  if (!name) throw new Error(`Patient ${p.id} has no name`);
  return name;
}

function phoneOf(p: Patient): string {
  return p.telecom?.find((t) => t.system === 'phone')?.value ?? '';
}

function mrnOf(p: Patient): string {
  return p.identifier?.find((i) => i.type?.coding?.some((c) => c.code === 'MR'))?.value ?? p.identifier?.[0]?.value ?? '';
}

/** After a name change: the e-mail and relatives' family names follow, as in generateRegistration. */
function renamed(p: Patient, before: { family: string }): void {
  const name = officialName(p);
  const given = name.given?.[0] ?? '';
  const family = name.family ?? '';
  for (const t of p.telecom ?? []) {
    if (t.system === 'email') t.value = `${given}.${family}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
  }
  for (const c of p.contact ?? []) {
    if (c.name?.family === before.family) c.name.family = family;
  }
}

function snapshotName(p: Patient): { family: string } {
  return { family: officialName(p).family ?? '' };
}

/** "Given Middle Family Suffix", as a chart label prints it. */
function cardName(p: Patient): string {
  const n = p.name?.[0];
  return [...(n?.given ?? []), n?.family, ...(n?.suffix ?? [])].filter(Boolean).join(' ');
}

function oneLineAddress(p: Patient): string {
  const a = p.address?.[0];
  if (!a) return '';
  return `${(a.line ?? []).join(' ')}, ${a.city}, ${a.state} ${a.postalCode ?? ''}`.trim();
}

function patientCard(p: Patient): PatientCard {
  return {
    patientId: p.id as string,
    name: cardName(p),
    birthDate: p.birthDate ?? '',
    sex: p.gender ?? 'unknown',
    mrn: mrnOf(p),
    address: oneLineAddress(p),
  };
}

/**
 * Plant look-alike B from A. Birth dates only ever move earlier, never later, so no generated
 * encounter, lab or vaccine can end up before the patient's birth.
 */
function plant(pair: LookalikePair, a: Patient, b: Patient): void {
  const nameA = officialName(a);
  const nameB = officialName(b);
  const before = snapshotName(b);
  if (pair.kind === 'same-name') {
    nameB.given = [...(nameA.given ?? [])];
    nameB.family = nameA.family;
    renamed(b, before);
  } else if (pair.kind === 'twins') {
    nameB.family = nameA.family;
    if (nameB.given?.[0] === nameA.given?.[0]) nameB.given = [...(nameB.given ?? [])].reverse();
    if (nameB.given?.[0] === nameA.given?.[0]) nameB.given = [`${nameA.given?.[0] === 'Alex' ? 'Sam' : 'Alex'}`];
    const shared = daysBetween(a.birthDate as string, b.birthDate as string) < 0 ? (b.birthDate as string) : (a.birthDate as string);
    a.birthDate = shared;
    b.birthDate = shared;
    b.address = structuredClone(a.address);
    const phone = phoneOf(a);
    for (const t of b.telecom ?? []) if (t.system === 'phone') t.value = phone;
    renamed(b, before);
  } else {
    nameB.given = [...(nameA.given ?? [])];
    nameB.family = nameA.family;
    nameA.suffix = ['Sr.'];
    nameB.suffix = ['Jr.'];
    b.address = structuredClone(a.address);
    renamed(b, before);
  }
}

/**
 * All the loose documents come from one facility's HIM department, so every chart gets the first
 * chart's facility and reference laboratory (keeping its own Organization ids); otherwise the
 * banner would sort the pile for the learner, and a Jr. and Sr. at one address would be patients
 * of different hospitals.
 */
function shareOrganizations(chart: Chart, facility: Organization, lab: Organization | undefined): void {
  const own = chart.organizations[0];
  if (own && own !== facility) {
    const oldName = own.name;
    chart.organizations[0] = { ...structuredClone(facility), id: own.id };
    const name = facility.name as string;
    const p = chart.patient;
    if (p.managingOrganization) p.managingOrganization.display = name;
    for (const id of p.identifier ?? []) if (id.assigner) id.assigner.display = name;
    for (const e of chart.encounters) if (e.serviceProvider) e.serviceProvider.display = name;
    for (const i of chart.immunizations) if (i.location && i.location.display === oldName) i.location.display = name;
  }
  const ownLab = chart.organizations[1];
  if (lab && ownLab && ownLab !== lab) {
    chart.organizations[1] = { ...structuredClone(lab), id: ownLab.id };
    const ref = `Organization/${ownLab.id}`;
    for (const r of [...chart.labs, ...chart.labReports]) {
      for (const performer of r.performer ?? []) if (performer.reference === ref) performer.display = lab.name;
    }
  }
}

const dayOf = (d: SourceDocument): string => d.date.slice(0, 10);

/**
 * `count` documents of one chart: a round over the kinds (in a seeded order) so the pile is
 * varied, first only documents on a day not yet taken (distinct dates make the order gradeable),
 * then any.
 */
function pickDocuments(rng: Rng, docs: readonly SourceDocument[], count: number): SourceDocument[] {
  const byKind = new Map<DocumentKind, SourceDocument[]>();
  for (const d of docs) byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), d]);
  const kinds = rng.shuffle(DOCUMENT_KINDS.filter((k) => byKind.has(k)));
  for (const k of kinds) byKind.set(k, rng.shuffle(byKind.get(k) ?? []));
  const chosen: SourceDocument[] = [];
  const days = new Set<string>();
  for (const distinctDays of [true, false]) {
    let progress = true;
    while (chosen.length < count && progress) {
      progress = false;
      for (const k of kinds) {
        if (chosen.length >= count) break;
        const list = byKind.get(k) ?? [];
        const i = list.findIndex((d) => !distinctDays || !days.has(dayOf(d)));
        if (i < 0) continue;
        const [doc] = list.splice(i, 1) as [SourceDocument];
        chosen.push(doc);
        days.add(dayOf(doc));
        progress = true;
      }
    }
  }
  return chosen;
}

/** Oldest first by document date; same date: kind order (registration first), then id. */
function chronological(a: SourceDocument, b: SourceDocument): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const k = DOCUMENT_KINDS.indexOf(a.kind) - DOCUMENT_KINDS.indexOf(b.kind);
  if (k !== 0) return k;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const us = (day: string) => printDate(day, 'us');

function lookalikeHint(pair: LookalikePair, self: PatientCard, other: PatientCard): string {
  switch (pair.kind) {
    case 'same-name':
      return `Same name as another patient (${other.name}, DOB ${us(other.birthDate)}, MRN ${other.mrn}): match the DOB ${us(self.birthDate)} and MRN ${self.mrn}.`;
    case 'twins':
      return `Twin of ${other.name} (same DOB, family name and address): match the first name and MRN ${self.mrn}.`;
    case 'jr-sr':
      return `${self.name} and ${other.name} share the name and address: match the DOB ${us(self.birthDate)} and MRN ${self.mrn}.`;
  }
}

export function buildFilingExercise(scenario: Scenario, seed: number): FilingExercise {
  const task = filingTask(scenario);
  const spec = scenario.patients;
  const refDate = scenario.refDate;
  const n = task.patientCount;
  const rng = createRng(seed);
  const seeds = cohortSeeds(seed, n);
  const pairs = planLookalikes(task.lookalikes, n);
  const band: [number, number] = [spec.minAge ?? 0, Math.min(spec.maxAge ?? 92, 92)];
  const base = (i: number): ChartSpec => ({
    seed: seeds[i] as number,
    refDate,
    sex: spec.sex,
    minAge: spec.minAge,
    maxAge: spec.maxAge,
    conditions: spec.conditions,
    allergies: spec.allergies,
    admission: spec.admission,
  });

  const charts: (Chart | undefined)[] = new Array(n).fill(undefined);
  const ensure = (i: number): Chart => {
    const existing = charts[i];
    if (existing) return existing;
    const asB = pairs.find((p) => p.b === i);
    const asSenior = pairs.find((p) => p.a === i && p.kind === 'jr-sr');
    let chartSpec = base(i);
    if (asB) {
      const a = ensure(asB.a).patient;
      const ageA = ageOn(a.birthDate as string, refDate);
      if (asB.kind === 'same-name') chartSpec = { ...chartSpec, sex: a.gender === 'female' ? 'female' : 'male' };
      else if (asB.kind === 'twins') chartSpec = { ...chartSpec, minAge: ageA, maxAge: ageA };
      else {
        // The Jr. is 22 to 40 years younger than the Sr., inside the scenario's band if it can be.
        const gap: [number, number] = [Math.max(0, ageA - 40), ageA - 22];
        const [lo, hi] = intersect(gap, band) ?? gap;
        const age = rng.int(lo, hi);
        chartSpec = { ...chartSpec, sex: 'male', minAge: age, maxAge: age };
      }
    } else if (asSenior) {
      const father = intersect([Math.max(band[0] + 22, 22), Math.min(band[1] + 40, 92)], [0, 92]) ?? [22, 92];
      const [lo, hi] = intersect(father, band) ?? father;
      chartSpec = { ...chartSpec, sex: 'male', minAge: lo, maxAge: hi };
    }
    const chart = generateFitted(chartSpec);
    charts[i] = chart;
    return chart;
  };
  for (const p of pairs) {
    ensure(p.a);
    ensure(p.b);
  }
  for (let i = 0; i < n; i++) ensure(i);
  const all = charts as Chart[];

  for (const p of pairs) plant(p, all[p.a]?.patient as Patient, all[p.b]?.patient as Patient);
  // A namesake born the same day would be indistinguishable but for the MRN; move B earlier.
  for (const p of pairs) {
    const a = all[p.a]?.patient as Patient;
    const b = all[p.b]?.patient as Patient;
    if (p.kind !== 'twins' && a.birthDate === b.birthDate) b.birthDate = addDays(b.birthDate as string, -rng.int(40, 300));
  }
  const [facility, lab] = all[0]?.organizations ?? [];
  all.forEach((chart, i) => {
    if (facility) shareOrganizations(chart, facility, lab);
    chart.documents = renderDocuments(chart, createRng(deriveSeed(seeds[i] as number, 5)));
  });

  const cards = all.map((c) => patientCard(c.patient));
  const hints = new Map<string, string[]>();
  for (const p of pairs) {
    const a = cards[p.a] as PatientCard;
    const b = cards[p.b] as PatientCard;
    hints.set(a.patientId, [...(hints.get(a.patientId) ?? []), lookalikeHint(p, a, b)]);
    hints.set(b.patientId, [...(hints.get(b.patientId) ?? []), lookalikeHint(p, b, a)]);
  }

  const keyByDoc = new Map<string, FilingKeyEntry>();
  const picked: SourceDocument[] = [];
  for (const chart of all) {
    const docs = pickDocuments(rng, chart.documents, task.documentsPerPatient).sort(chronological);
    const patientId = chart.patient.id as string;
    const hint = hints.get(patientId)?.join(' ');
    docs.forEach((doc, i) => {
      keyByDoc.set(doc.id, { documentId: doc.id, patientId, section: SECTION_OF_KIND[doc.kind], position: i + 1, ...(hint ? { hint } : {}) });
      picked.push(doc);
    });
  }
  const pile = rng.shuffle(picked);
  const key = pile.map((d) => keyByDoc.get(d.id) as FilingKeyEntry);
  // A chart rack is alphabetical: look-alikes sit next to each other, as they do in real life.
  const patients = [...cards].sort(
    (x, y) => compareNames(x, y) || (x.birthDate < y.birthDate ? -1 : x.birthDate > y.birthDate ? 1 : 0) || (x.mrn < y.mrn ? -1 : 1),
  );
  return { kind: 'filing', scenario, seed, charts: all, patients, pile, key };
}

function compareNames(x: PatientCard, y: PatientCard): number {
  const fx = sortName(x);
  const fy = sortName(y);
  return fx < fy ? -1 : fx > fy ? 1 : 0;
}

function sortName(card: PatientCard): string {
  const parts = card.name.replace(/ (Jr\.|Sr\.)$/, '').split(' ');
  return `${parts[parts.length - 1]} ${parts.slice(0, -1).join(' ')}`.toLowerCase();
}

export function filingKeyAnswers(ex: FilingExercise): FilingAnswers {
  return {
    kind: 'filing',
    placements: ex.key.map((k) => ({ documentId: k.documentId, patientId: k.patientId, section: k.section, position: k.position })),
  };
}

// --- Scoring -----------------------------------------------------------------------------------

type Placement = FilingAnswers['placements'][number];

function sectionOf(entered: string): FilingSection | undefined {
  const t = normalizeText(entered);
  return FILING_SECTIONS.find((s) => normalizeText(s) === t || normalizeText(FILING_SECTION_LABELS[s]) === t);
}

function documentLabel(doc: SourceDocument): string {
  return `${KIND_LABELS[doc.kind]} of ${us(doc.date)}`;
}

function identifyingEvidence(doc: SourceDocument, patientId: string): Evidence[] {
  const ref = `Patient/${patientId}`;
  const out: Evidence[] = [];
  for (const field of ['name', 'birthDate', 'mrn']) {
    const span = doc.spans.find((s) => s.ref === ref && s.field === field);
    if (span) out.push({ documentId: doc.id, documentTitle: doc.title, start: span.start, end: span.end, quote: doc.text.slice(span.start, span.end) });
  }
  return out.sort((a, b) => a.start - b.start);
}

function quoteOf(doc: SourceDocument, patientId: string, field: string): string | undefined {
  const span = doc.spans.find((s) => s.ref === `Patient/${patientId}` && s.field === field);
  return span ? doc.text.slice(span.start, span.end) : undefined;
}

function describeCard(card: PatientCard): string {
  return `${card.name} (DOB ${us(card.birthDate)}, MRN ${card.mrn})`;
}

function withoutSuffix(name: string): string {
  return name.replace(/ (Jr\.|Sr\.)$/, '');
}

function familyOf(card: PatientCard): string {
  const parts = withoutSuffix(card.name).split(' ');
  return parts[parts.length - 1] ?? '';
}

/** Why the patient the learner chose is not the one the document names, in the words a supervisor would use. */
function wrongPatientNote(doc: SourceDocument, truth: PatientCard, chosen: PatientCard): string {
  const dob = quoteOf(doc, truth.patientId, 'birthDate') ?? us(truth.birthDate);
  const mrn = quoteOf(doc, truth.patientId, 'mrn') ?? truth.mrn;
  const bornTruth = truth.birthDate.slice(0, 4) !== chosen.birthDate.slice(0, 4) ? `born ${truth.birthDate.slice(0, 4)}` : `born ${us(truth.birthDate)}`;
  const bornChosen = truth.birthDate.slice(0, 4) !== chosen.birthDate.slice(0, 4) ? `born ${chosen.birthDate.slice(0, 4)}` : `born ${us(chosen.birthDate)}`;
  const sameName = normalizeText(withoutSuffix(truth.name)) === normalizeText(withoutSuffix(chosen.name));
  if (sameName && truth.name !== chosen.name) {
    return `Same name and address, but the DOB on the document is ${dob} — this is ${truth.name}, ${bornTruth} (MRN ${mrn}), not ${chosen.name}${chosen.name.endsWith('.') ? '' : '.'}`;
  }
  if (sameName) {
    return `Same name, but the DOB on the document is ${dob} — this is ${truth.name} ${bornTruth} (MRN ${mrn}), not the ${chosen.name} ${bornChosen}.`;
  }
  if (truth.birthDate === chosen.birthDate && familyOf(truth) === familyOf(chosen)) {
    const named = quoteOf(doc, truth.patientId, 'name') ?? truth.name;
    return `Same family name, DOB and address — twins — but the document names ${named} (MRN ${mrn}); ${chosen.name} is the other twin.`;
  }
  return `The document identifies ${describeCard(truth)}, not ${describeCard(chosen)}: check the name, DOB (${dob}) and MRN (${mrn}) in its header.`;
}

const ordinal = (n: number): string => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
};

/**
 * Score filing: per document the right patient (weight 2, strict: a look-alike is wrong), the right
 * section (1) and the right place in that patient's chronology (1). Order is judged among the
 * documents the learner filed to the right patient, so one misfiled document does not cost every
 * other document its position; documents dated the same day may be in either order (the learner
 * sees dates, not the minute a note was signed).
 */
export function scoreFiling(ex: FilingExercise, answers: FilingAnswers): ScoreReport {
  const docs = new Map(ex.pile.map((d) => [d.id, d]));
  const cards = new Map(ex.patients.map((c) => [c.patientId, c]));
  const items: FeedbackItem[] = [];
  const extras: FeedbackItem[] = [];
  const first = new Map<string, Placement>();

  const extra = (label: string, entered: string, note: string, evidence: Evidence[] = []): void => {
    extras.push({
      id: `filing:extra:${extras.length}`,
      section: 'filing',
      label,
      field: 'patient',
      expected: 'no placement',
      entered,
      earned: 0,
      weight: 1,
      verdict: 'extra',
      note,
      whyItMatters: WHY.patient,
      evidence,
    });
  };

  for (const p of answers.placements) {
    const doc = docs.get(p.documentId);
    const card = cards.get(p.patientId);
    if (!doc) {
      extra(`Unknown document ${p.documentId}`, `${p.documentId} → ${card?.name ?? p.patientId}`, 'There is no such document in the pile.');
      continue;
    }
    if (!card) {
      extra(documentLabel(doc), `patient ${p.patientId}`, 'Filed to a patient who is not on the rack; this placement is not counted.');
      continue;
    }
    if (first.has(p.documentId)) {
      extra(documentLabel(doc), `${card.name}, ${p.section}, position ${p.position}`, 'Filed more than once: a document belongs in one place; only the first placement counts.');
      continue;
    }
    first.set(p.documentId, p);
  }

  // The learner's chronology per patient: documents they filed to the right patient.
  const filedRight = new Map<string, { doc: SourceDocument; position: number }[]>();
  for (const k of ex.key) {
    const p = first.get(k.documentId);
    const doc = docs.get(k.documentId);
    if (!p || !doc || p.patientId !== k.patientId) continue;
    filedRight.set(k.patientId, [...(filedRight.get(k.patientId) ?? []), { doc, position: p.position }]);
  }

  ex.key.forEach((k, i) => {
    const doc = docs.get(k.documentId) as SourceDocument;
    const truth = cards.get(k.patientId) as PatientCard;
    const label = documentLabel(doc);
    const evidence = identifyingEvidence(doc, k.patientId);
    const p = first.get(k.documentId);
    const count = ex.key.filter((e) => e.patientId === k.patientId).length;
    const expected = {
      patient: describeCard(truth),
      section: FILING_SECTION_LABELS[k.section],
      position: `${k.position} of ${count} for ${truth.name} (oldest first)`,
    };
    const base = { section: 'filing', label, evidence };
    if (!p) {
      for (const field of ['patient', 'section', 'position'] as const) {
        items.push({
          ...base,
          id: `filing:${i}:${field}`,
          field,
          expected: expected[field],
          entered: null,
          earned: 0,
          weight: field === 'patient' ? 2 : 1,
          verdict: 'missing',
          note: field === 'patient' ? 'Not filed: a loose document is a document nobody can find.' : undefined,
          whyItMatters: WHY[field],
        });
      }
      return;
    }
    const chosen = cards.get(p.patientId) as PatientCard;
    const rightPatient = p.patientId === k.patientId;
    items.push({
      ...base,
      id: `filing:${i}:patient`,
      field: 'patient',
      expected: expected.patient,
      entered: describeCard(chosen),
      earned: rightPatient ? 2 : 0,
      weight: 2,
      verdict: rightPatient ? 'correct' : 'wrong',
      note: rightPatient ? undefined : wrongPatientNote(doc, truth, chosen),
      whyItMatters: WHY.patient,
    });

    const section = sectionOf(p.section);
    const rightSection = section === k.section;
    items.push({
      ...base,
      id: `filing:${i}:section`,
      field: 'section',
      expected: expected.section,
      entered: section ? FILING_SECTION_LABELS[section] : p.section,
      earned: rightSection ? 1 : 0,
      weight: 1,
      verdict: rightSection ? 'correct' : 'wrong',
      note: rightSection ? undefined : `A ${KIND_LABELS[doc.kind].toLowerCase()} is filed under ${FILING_SECTION_LABELS[k.section]}.`,
      whyItMatters: WHY.section,
    });

    let positionOk = false;
    let note: string | undefined;
    let entered = `position ${p.position}`;
    if (!rightPatient) {
      note = `Filed to another patient, so it is missing from ${truth.name}’s chronology.`;
    } else {
      const mine = filedRight.get(k.patientId) ?? [];
      const day = dayOf(doc);
      const learnerLo = 1 + mine.filter((m) => m.position < p.position).length;
      const learnerHi = mine.filter((m) => m.position <= p.position).length;
      const trueLo = 1 + mine.filter((m) => dayOf(m.doc) < day).length;
      const trueHi = mine.filter((m) => dayOf(m.doc) <= day).length;
      positionOk = learnerLo >= trueLo && learnerHi <= trueHi;
      entered = `position ${p.position} (${ordinal(learnerLo)}${learnerHi > learnerLo ? `–${ordinal(learnerHi)}` : ''} of the ${mine.length} you filed for ${truth.name})`;
      if (!positionOk) {
        note =
          learnerHi > learnerLo
            ? `Another document has the same position; by its date (${us(doc.date)}) this is the ${ordinal(trueLo)} oldest of them.`
            : `By its date (${us(doc.date)}) this is the ${ordinal(trueLo)} oldest of the documents you filed for ${truth.name}, not the ${ordinal(learnerLo)}.`;
      }
    }
    items.push({
      ...base,
      id: `filing:${i}:position`,
      field: 'position',
      expected: expected.position,
      entered,
      earned: positionOk ? 1 : 0,
      weight: 1,
      verdict: positionOk ? 'correct' : 'wrong',
      note,
      whyItMatters: WHY.position,
    });
  });

  const all = [...items, ...extras];
  const earned = all.reduce((s, it) => s + it.earned, 0);
  const possible = all.reduce((s, it) => s + it.weight, 0);
  const score = possible > 0 ? earned / possible : 0;
  return {
    scenarioId: ex.scenario.id,
    seed: ex.seed,
    kind: 'filing',
    score,
    passed: score >= ex.scenario.passingScore,
    passingScore: ex.scenario.passingScore,
    earned,
    possible,
    sections: [{ section: 'filing', earned, possible }],
    items: all,
  };
}
