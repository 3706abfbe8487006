import type { CodeableConcept, DiagnosticReport, Medication, MedicationRequest, MedicationStatement, Observation, Reference } from '@medplum/fhirtypes';
import { LABS, VITALS } from '@/domain/codes/code-tables';
import { SYSTEMS } from '@/domain/codes/code-types';
import { stableUuid } from './import-ids';

/**
 * Where imported clinical facts go in a chart: Observations by category and LOINC code,
 * DiagnosticReports by whether they are lab reports, and medications made readable by the chart
 * (which reads `medicationCodeableConcept` on MedicationStatements).
 */

const CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';

/** R4 observation categories other than the three the chart keeps. */
const OTHER_CATEGORIES = new Set(['imaging', 'survey', 'exam', 'procedure', 'therapy', 'activity']);

/** FHIR vital signs profile codes (hl7.org/fhir/R4/observation-vitalsigns.html) and the chart's own vitals table. */
const VITAL_LOINC = new Set([
  '85353-1', '9279-1', '8867-4', '2708-6', '59408-5', '8310-5', '8331-1', '8328-7', '8302-2', '8306-3', '9843-4', '8287-5',
  '29463-7', '39156-5', '85354-9', '8480-6', '8462-4', '8478-0', '72514-3', '59576-9', '8289-1', '77606-2',
  ...VITALS.map((v) => v.loinc.code),
]);

/** Social history codes ChartLab charts or Synthea writes without a category. */
const SOCIAL_LOINC = new Set(['72166-2', '11367-0', '74013-4', '11331-6', '68518-0', '8663-7', '64218-1', '63586-2', '76689-9']);

const LAB_LOINC = new Set(LABS.map((l) => l.loinc.code));

export const SYSTOLIC = '8480-6';
export const DIASTOLIC = '8462-4';
export const BP_PANEL = '85354-9';

function categoryCodes(categories: CodeableConcept[] | undefined): string[] {
  const out: string[] = [];
  for (const c of categories ?? []) for (const coding of c.coding ?? []) if (coding.code) out.push(coding.code);
  return out;
}

export function loincOf(concept: CodeableConcept | undefined): string | undefined {
  return concept?.coding?.find((c) => c.system === SYSTEMS.loinc)?.code ?? concept?.coding?.[0]?.code;
}

export type ObservationPlace = 'vitals' | 'labs' | 'socialHistory' | 'unmapped';

/** The chart list an Observation belongs in; `unmapped` comes with the reason. */
export function classifyObservation(o: Observation, inReport: boolean): { place: ObservationPlace; reason?: string } {
  const categories = categoryCodes(o.category);
  if (categories.includes('vital-signs')) return { place: 'vitals' };
  if (categories.includes('laboratory') || categories.includes('LAB')) return { place: 'labs' };
  if (categories.includes('social-history')) return { place: 'socialHistory' };
  if (categories.length === 0) {
    const code = loincOf(o.code);
    if (code && VITAL_LOINC.has(code)) return { place: 'vitals' };
    if (code && SOCIAL_LOINC.has(code)) return { place: 'socialHistory' };
    if ((code && LAB_LOINC.has(code)) || inReport) return { place: 'labs' };
  } else if (inReport && !categories.some((c) => OTHER_CATEGORIES.has(c))) {
    return { place: 'labs' };
  }
  const named = categories.length ? `of category ${categories.join(', ')}` : 'without a category or a known LOINC code';
  return { place: 'unmapped', reason: `Observation ${named}: the chart has vitals, labs and social history only` };
}

/** A lab report: category LAB (v2-0074) or laboratory, or one whose results are lab results. */
export function isLabReport(report: DiagnosticReport, resultsInLabs: boolean): boolean {
  const categories = categoryCodes(report.category);
  if (categories.some((c) => c === 'LAB' || c === 'laboratory' || c === 'LP29693-6')) return true;
  return categories.length === 0 && resultsInLabs;
}

/**
 * Blood pressure charted as two Observations (systolic, diastolic) instead of the R4 panel with
 * components (the vital signs profile's shape, which the chart uses): pairs taken at the same time
 * are combined into one panel `derivedFrom` both. Returns the panels and the ids they absorbed.
 */
export function combineBloodPressures(vitals: readonly Observation[]): { panels: Observation[]; absorbed: Map<string, string> } {
  const panels: Observation[] = [];
  const absorbed = new Map<string, string>();
  const alreadyDerived = new Set<string>();
  const panelTimes = new Set<string>();
  for (const o of vitals) {
    if (loincOf(o.code) !== BP_PANEL) continue;
    for (const d of o.derivedFrom ?? []) if (d.reference) alreadyDerived.add(d.reference);
    panelTimes.add(`${o.effectiveDateTime ?? ''}|${o.encounter?.reference ?? ''}`);
  }
  const pending = new Map<string, { systolic?: Observation; diastolic?: Observation }>();
  for (const o of vitals) {
    const code = loincOf(o.code);
    if ((code !== SYSTOLIC && code !== DIASTOLIC) || !o.effectiveDateTime || o.valueQuantity === undefined) continue;
    if (alreadyDerived.has(`Observation/${o.id}`)) {
      absorbed.set(o.id as string, '');
      continue;
    }
    const key = `${o.effectiveDateTime}|${o.encounter?.reference ?? ''}`;
    if (panelTimes.has(key)) continue;
    const pair = pending.get(key) ?? {};
    if (code === SYSTOLIC) pair.systolic ??= o;
    else pair.diastolic ??= o;
    pending.set(key, pair);
  }
  for (const { systolic, diastolic } of pending.values()) {
    if (!systolic || !diastolic) continue;
    const panel: Observation = {
      resourceType: 'Observation',
      id: stableUuid(`bp-panel:${systolic.id}:${diastolic.id}`),
      status: systolic.status,
      category: [{ coding: [{ system: CATEGORY_SYSTEM, code: 'vital-signs', display: 'Vital Signs' }] }],
      code: { coding: [{ system: SYSTEMS.loinc, code: BP_PANEL, display: 'Blood pressure panel with all children optional' }], text: 'Blood pressure' },
      subject: systolic.subject,
      effectiveDateTime: systolic.effectiveDateTime,
      component: [
        { code: systolic.code, valueQuantity: systolic.valueQuantity },
        { code: diastolic.code, valueQuantity: diastolic.valueQuantity },
      ],
      derivedFrom: [{ reference: `Observation/${systolic.id}` }, { reference: `Observation/${diastolic.id}` }],
    };
    if (systolic.encounter) panel.encounter = systolic.encounter;
    if (systolic.performer) panel.performer = systolic.performer;
    panels.push(panel);
    absorbed.set(systolic.id as string, panel.id as string);
    absorbed.set(diastolic.id as string, panel.id as string);
  }
  return { panels, absorbed };
}

/**
 * Copy the code of a referenced Medication (contained `#id`, or a bundle entry found by
 * `lookup`) into `medicationCodeableConcept`, which is what the chart, the documents and the
 * exercises read. The Medication itself is kept aside by the importer. Mutates `med`; returns
 * a warning when the Medication could not be found.
 */
export function foldMedication(med: MedicationRequest | MedicationStatement, lookup: (reference: string) => Medication | undefined): string | undefined {
  const reference = med.medicationReference;
  if (!reference || med.medicationCodeableConcept) return undefined;
  let medication: Medication | undefined;
  let warning: string | undefined;
  if (reference.reference?.startsWith('#')) {
    const id = reference.reference.slice(1);
    medication = med.contained?.find((c): c is Medication => c.resourceType === 'Medication' && c.id === id);
  } else if (reference.reference) {
    medication = lookup(reference.reference);
  }
  if (!medication) warning = `${med.resourceType}/${med.id}: its medication (${reference.reference ?? reference.display ?? 'no reference'}) is not in the file; its name is taken from the reference's text.`;
  const code: CodeableConcept = medication?.code ? structuredClone(medication.code) : {};
  if (!code.text && reference.display) code.text = reference.display;
  if (!code.text && !code.coding?.length) code.text = 'Unnamed medication';
  delete med.medicationReference;
  med.medicationCodeableConcept = code;
  if (reference.reference?.startsWith('#') && med.contained) {
    // A contained resource must be referenced from its container (R4 dom-3); drop it once folded.
    const still = JSON.stringify({ ...med, contained: undefined }).includes(`"${reference.reference}"`);
    if (!still) {
      med.contained = med.contained.filter((c) => `#${c.id}` !== reference.reference);
      if (med.contained.length === 0) delete med.contained;
    }
  }
  return warning;
}

const STATEMENT_STATUS: Record<MedicationRequest['status'], MedicationStatement['status']> = {
  active: 'active',
  'on-hold': 'on-hold',
  cancelled: 'not-taken',
  completed: 'completed',
  'entered-in-error': 'entered-in-error',
  stopped: 'stopped',
  draft: 'intended',
  unknown: 'unknown',
};

const INFORMATION_SOURCES = ['Patient/', 'Practitioner/', 'PractitionerRole/', 'RelatedPerson/', 'Organization/'];

/**
 * The medication list entry for a prescription (the chart lists what the patient takes as
 * MedicationStatements). It is `basedOn` the request, so a re-import recognises it and does not
 * derive a second one.
 */
export function statementFromRequest(request: MedicationRequest): MedicationStatement {
  const statement: MedicationStatement = {
    resourceType: 'MedicationStatement',
    id: stableUuid(`MedicationStatement:${request.id}`),
    basedOn: [{ reference: `MedicationRequest/${request.id}` }],
    status: STATEMENT_STATUS[request.status] ?? 'unknown',
    subject: request.subject,
  };
  if (request.medicationCodeableConcept) statement.medicationCodeableConcept = request.medicationCodeableConcept;
  else if (request.medicationReference) statement.medicationReference = request.medicationReference;
  if (request.encounter) statement.context = request.encounter;
  if (request.authoredOn) {
    statement.effectiveDateTime = request.authoredOn;
    statement.dateAsserted = request.authoredOn;
  }
  const source: Reference | undefined = request.requester;
  if (source?.reference && INFORMATION_SOURCES.some((p) => source.reference?.startsWith(p))) statement.informationSource = source as MedicationStatement['informationSource'];
  if (request.reasonCode) statement.reasonCode = request.reasonCode;
  if (request.reasonReference) statement.reasonReference = request.reasonReference;
  if (request.dosageInstruction) statement.dosage = request.dosageInstruction;
  if (request.note) statement.note = request.note;
  return statement;
}
