import type {
  AllergyIntolerance,
  CodeableConcept,
  HumanName,
  Observation,
  Patient,
  Quantity,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import type { Chart } from '@/domain/chart/chart-types';
import { SYSTEMS } from '@/domain/codes/code-types';
import { ageInMonths, ageOn, daysBetween, printDate } from '@/domain/time/dates';

/**
 * Display helpers shared by the chart and document features: how a U.S. chart prints dates,
 * names, codes and values. Pure functions of the chart; the chart's own "today" (meta.refDate)
 * stands in for the clock so a seed reads the same on every day.
 */

/** SNOMED CT 716186003 |No known allergy (situation)|: the coded NKA statement. */
export const NO_KNOWN_ALLERGY = '716186003';

export const LOINC = {
  bloodPressure: '85354-9',
  systolic: '8480-6',
  diastolic: '8462-4',
  heartRate: '8867-4',
  respiratoryRate: '9279-1',
  temperature: '8310-5',
  oxygenSaturation: '2708-6',
  height: '8302-2',
  weight: '29463-7',
  bmi: '39156-5',
  pain: '72514-3',
} as const;

/** `ResourceType/id`, the key evidence spans use. */
export function refOf(resource: Resource): string {
  return `${resource.resourceType}/${resource.id ?? ''}`;
}

/** MM/DD/YYYY from a FHIR date or dateTime; an em dash when there is none. */
export function formatDate(value: string | undefined): string {
  if (!value) return '—';
  // FHIR allows a year, or a year and month, alone (imported records): print what is known.
  if (value.length < 10) return value.length === 7 ? `${value.slice(5, 7)}/${value.slice(0, 4)}` : value;
  return printDate(value, 'us');
}

/** MM/DD/YYYY HH:MM when the value carries a time. */
export function formatDateTime(value: string | undefined): string {
  if (!value) return '—';
  return value.length > 10 ? `${printDate(value, 'us')} ${value.slice(11, 16)}` : formatDate(value);
}


/** Age as a chart banner prints it: years from 2, months under 2, days under 1 month. */
export function ageText(birthDate: string | undefined, asOf: string): string {
  // A birth year alone (allowed by FHIR, seen in imported records) gives no exact age.
  if (!birthDate || birthDate.length < 10) return '—';
  const years = ageOn(birthDate, asOf);
  if (years >= 2) return `${years} y`;
  const months = ageInMonths(birthDate, asOf);
  if (months >= 1) return `${months} mo`;
  return `${daysBetween(birthDate, asOf)} d`;
}

export function patientName(patient: Patient): { family: string; given: string; display: string } {
  const name: HumanName | undefined = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  const family = name?.family ?? '';
  const given = (name?.given ?? []).join(' ');
  return { family, given, display: [family.toUpperCase(), given].filter(Boolean).join(', ') };
}

export function personName(name: HumanName | undefined): string {
  if (!name) return '';
  return name.text ?? [...(name.given ?? []), name.family].filter(Boolean).join(' ');
}

export function mrnOf(patient: Patient): string | undefined {
  return patient.identifier?.find((i) => i.type?.coding?.some((c) => c.code === 'MR'))?.value;
}

export function genderText(gender: string | undefined): string {
  if (!gender) return '—';
  return gender.charAt(0).toUpperCase() + gender.slice(1);
}

export function idOf(reference: Reference | undefined): string | undefined {
  return reference?.reference?.split('/')[1];
}

/** Name of the practitioner a reference points to, from the chart's practitioners. */
export function practitionerName(chart: Chart, reference: Reference | string | undefined): string {
  const ref = typeof reference === 'string' ? { reference } : reference;
  const id = idOf(ref);
  const practitioner = chart.practitioners.find((p) => p.id === id);
  return practitioner ? personName(practitioner.name?.[0]) : (ref?.display ?? '—');
}

export function pcpName(chart: Chart): string {
  return practitionerName(chart, chart.patient.generalPractitioner?.[0]);
}

export function preferredLanguage(patient: Patient): string {
  const communication = patient.communication?.find((c) => c.preferred) ?? patient.communication?.[0];
  return conceptText(communication?.language);
}

/** Primary insurance as a banner shows it: payer and plan type, or self-pay. */
export function insuranceText(chart: Chart): string {
  const coverage = chart.coverage.find((c) => c.status === 'active') ?? chart.coverage[0];
  if (!coverage) return 'Self-pay';
  const payer = coverage.payor?.[0]?.display ?? '';
  const kind = coverage.type?.text ?? '';
  if (!payer) return kind || 'Insured';
  return kind && !payer.includes(kind) ? `${payer} (${kind})` : payer;
}

export function conceptText(concept: CodeableConcept | undefined): string {
  return concept?.text ?? concept?.coding?.[0]?.display ?? concept?.coding?.[0]?.code ?? '—';
}

export function codeIn(concept: CodeableConcept | undefined, system: keyof typeof SYSTEMS): string | undefined {
  return concept?.coding?.find((c) => c.system === SYSTEMS[system])?.code;
}

export function statusCode(concept: CodeableConcept | undefined): string | undefined {
  return concept?.coding?.[0]?.code;
}

export function capitalize(text: string | undefined): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : '—';
}

export function isNoKnownAllergy(allergy: AllergyIntolerance): boolean {
  return allergy.code?.coding?.some((c) => c.code === NO_KNOWN_ALLERGY) ?? false;
}

export function allergySubstance(allergy: AllergyIntolerance): string {
  return allergy.code?.text ?? allergy.code?.coding?.[0]?.display ?? '—';
}

export function allergyReactions(allergy: AllergyIntolerance): string[] {
  return (allergy.reaction ?? []).flatMap((r) => r.manifestation.map((m) => m.text ?? m.coding?.[0]?.display ?? '')).filter(Boolean);
}

export function allergySeverity(allergy: AllergyIntolerance): string | undefined {
  const order = ['severe', 'moderate', 'mild'] as const;
  const severities = (allergy.reaction ?? []).map((r) => r.severity);
  return order.find((s) => severities.includes(s));
}

/**
 * The unit as a report prints it. UCUM writes dimensionless results with the unit `1` and pH
 * as `[pH]`; a lab report leaves both blank.
 */
export function unitText(unit: string | undefined): string {
  if (!unit || unit === '1' || unit === '[pH]') return '';
  return unit;
}

/**
 * A result's value as the chart prints it: the number as reported, or for a coded result
 * (imported records: "Negative (qualifier value)", "Detected") the answer's text, or the text,
 * count or yes/no a result may carry instead.
 */
export function resultValue(observation: Observation): string {
  const { valueQuantity, valueCodeableConcept, valueString, valueInteger, valueBoolean } = observation;
  if (valueQuantity?.value !== undefined) return String(valueQuantity.value);
  if (valueCodeableConcept) return conceptText(valueCodeableConcept);
  if (valueString) return valueString;
  if (valueInteger !== undefined) return String(valueInteger);
  if (valueBoolean !== undefined) return valueBoolean ? 'Yes' : 'No';
  return '—';
}

/** The value with its unit: "7.4 %", "Negative (qualifier value)". */
export function resultText(observation: Observation): string {
  return observation.valueQuantity?.value !== undefined ? quantityText(observation.valueQuantity) : resultValue(observation);
}

export function quantityText(quantity: Quantity | undefined): string {
  if (quantity?.value === undefined) return '—';
  const unit = unitText(quantity.unit);
  return unit ? `${quantity.value} ${unit}` : String(quantity.value);
}

export type Flag = 'N' | 'H' | 'L' | 'HH' | 'LL';

const FLAG_TEXT: Record<Flag, string> = { N: 'Normal', H: 'High', L: 'Low', HH: 'Critical high', LL: 'Critical low' };

export function flagText(flag: Flag): string {
  return FLAG_TEXT[flag];
}

/** The H/L/HH/LL interpretation of a result (v3 ObservationInterpretation). */
export function flagOf(observation: Observation): Flag | undefined {
  const code = observation.interpretation?.[0]?.coding?.[0]?.code;
  return code === 'N' || code === 'H' || code === 'L' || code === 'HH' || code === 'LL' ? code : undefined;
}

export function isAbnormal(flag: Flag | undefined): boolean {
  return flag !== undefined && flag !== 'N';
}

export function observationCode(observation: Observation): string | undefined {
  return observation.code?.coding?.[0]?.code;
}

/** Systolic and diastolic of a blood pressure panel Observation. */
export function bloodPressure(observation: Observation): { systolic?: number; diastolic?: number } {
  const find = (code: string) => observation.component?.find((c) => c.code.coding?.some((k) => k.code === code))?.valueQuantity?.value;
  return { systolic: find(LOINC.systolic), diastolic: find(LOINC.diastolic) };
}

/** Newest first by a FHIR date/dateTime (ISO strings with the same offset sort as text). */
export function newestFirst<T>(items: readonly T[], dateOf: (item: T) => string | undefined): T[] {
  return [...items].sort((a, b) => (dateOf(b) ?? '').localeCompare(dateOf(a) ?? ''));
}

const DOCUMENT_KINDS: Record<string, string> = {
  registration: 'Registration',
  'history-physical': 'History and physical',
  'progress-note': 'Progress note',
  'discharge-summary': 'Discharge summary',
  'lab-report': 'Laboratory report',
  'medication-list': 'Medication list',
  'immunization-record': 'Immunization record',
};

export function documentKindText(kind: string): string {
  return DOCUMENT_KINDS[kind] ?? capitalize(kind.replace(/-/g, ' '));
}
