import type {
  AllergyIntolerance,
  Condition,
  ContactPoint,
  Coverage,
  Encounter,
  FamilyMemberHistory,
  Immunization,
  MedicationStatement,
  Observation,
  Organization,
  Patient,
  Practitioner,
  Procedure,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import type { Chart, EvidenceSpan, SourceDocument } from '@/domain/chart/chart-types';
import { chartIndex, type ChartIndex } from './chart-index';
import {
  allergenNames,
  CLINICIAN_NAME_FORMS,
  clinicianName,
  conceptWords,
  conditionTerms,
  CRITICALITY_TEXTS,
  dateTexts,
  doseTexts,
  drugNames,
  encounterTypeTexts,
  FLAG_TEXTS,
  frequencyTexts,
  GENDER_TEXTS,
  icd10Of,
  isNoKnownAllergy,
  labNames,
  MARITAL_ALIASES,
  MEDICATION_STATUS_TEXTS,
  NO_KNOWN_ALLERGY_TEXTS,
  observationNumber,
  PERSON_NAME_FORMS,
  personName,
  printableUnit,
  procedureTerms,
  rangeTexts,
  reactionTerms,
  resultText,
  routeTexts,
  socialValueTexts,
  vaccineNames,
  vitalNames,
  vitalValueTexts,
} from './phrases';

/**
 * Every acceptable textual rendering of one field of one charted fact: display names, the code
 * tables' abbreviations, synonyms and brand names, numbers with the test's decimals, every
 * printed date style, frequency codes and their spelled-out forms.
 *
 * This is the single definition of "this text states this fact". The document renderer picks
 * its wording from the same helpers (`./phrases`), the tests check every span against it, and
 * the scoring engine uses it to accept a learner's evidence. Compare case-insensitively.
 * Unknown refs or fields give an empty list.
 *
 * Field names by resource (see src/domain/documents/README.md):
 * - Patient: name, birthDate, gender, mrn, address, phone, language, maritalStatus, emergencyContact
 * - Coverage: payer, memberId
 * - AllergyIntolerance: code (also the "no known allergies" statement), reaction, severity, criticality
 * - Condition: code, icd10, onset, status, bodySite
 * - Procedure: code, date, bodySite
 * - MedicationStatement: drug, dose, route, frequency, indication, start, end, status
 * - Immunization: vaccine, date, lot, site, route
 * - Observation (lab): code, value, unit, flag, range, date
 * - Observation (vital sign): code, value, unit, date
 * - Observation (social history): code, value, date
 * - Encounter: date, end, type, reason, provider
 * - FamilyMemberHistory: relationship, code
 * - Practitioner: name; Organization: name
 *
 * The first text is the canonical one (what an answer key shows as expected).
 */
export function factTexts(chart: Chart, ref: string, field: string): string[] {
  const index = chartIndex(chart);
  const resource = index.byRef.get(ref);
  if (!resource) return [];
  return unique(textsOf(index, resource, field));
}

function unique(texts: readonly (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of texts) {
    if (!t) continue;
    const trimmed = t.trim();
    if (trimmed.length === 0 || seen.has(trimmed)) continue;
    seen.add(trimmed);
    out.push(trimmed);
  }
  return out;
}

function textsOf(index: ChartIndex, resource: Resource, field: string): (string | undefined)[] {
  switch (resource.resourceType) {
    case 'Patient':
      return patientTexts(resource, field);
    case 'Coverage':
      return coverageTexts(index, resource, field);
    case 'AllergyIntolerance':
      return allergyTexts(resource, field);
    case 'Condition':
      return conditionTexts(resource, field);
    case 'Procedure':
      return procedureTexts(resource, field);
    case 'MedicationStatement':
      return medicationTexts(index, resource, field);
    case 'Immunization':
      return immunizationTexts(resource, field);
    case 'Observation':
      return observationTexts(index, resource, field);
    case 'Encounter':
      return encounterTexts(index, resource, field);
    case 'FamilyMemberHistory':
      return familyTexts(resource, field);
    case 'Practitioner':
      return field === 'name' ? practitionerNames(resource) : [];
    case 'Organization':
      return field === 'name' ? [(resource as Organization).name] : [];
    default:
      return [];
  }
}

function phones(telecom: ContactPoint[] | undefined): string[] {
  return (telecom ?? []).filter((t) => t.system === 'phone').map((t) => t.value ?? '');
}

function patientTexts(p: Patient, field: string): (string | undefined)[] {
  switch (field) {
    case 'name':
      return (p.name ?? []).flatMap((n) => [n.text, ...PERSON_NAME_FORMS.map((f) => personName(n, f))]);
    case 'birthDate':
      return dateTexts(p.birthDate);
    case 'gender':
      return [...(GENDER_TEXTS[p.gender ?? ''] ?? [])];
    case 'mrn':
      return (p.identifier ?? []).filter((i) => i.type?.coding?.some((c) => c.code === 'MR')).map((i) => i.value);
    case 'address':
      return (p.address ?? []).flatMap((a) => {
        const street = (a.line ?? []).join(', ');
        const cityState = `${a.city}, ${a.state}`;
        return [
          a.text,
          `${street}, ${cityState} ${a.postalCode}`,
          `${street} ${cityState} ${a.postalCode}`,
          `${street}, ${cityState}  ${a.postalCode}`,
          `${street}, ${cityState}`,
        ];
      });
    case 'phone':
      return phones(p.telecom);
    case 'language':
      return (p.communication ?? []).flatMap((c) => conceptWords(c.language));
    case 'maritalStatus':
      return [...conceptWords(p.maritalStatus), ...(p.maritalStatus?.coding ?? []).flatMap((c) => MARITAL_ALIASES[c.code ?? ''] ?? [])];
    case 'emergencyContact':
      // A contact is written as its name, its relationship and its phone, each its own span.
      return (p.contact ?? []).flatMap((c) => [
        ...PERSON_NAME_FORMS.map((f) => personName(c.name, f)),
        ...(c.relationship ?? []).slice(1).flatMap((r) => conceptWords(r)),
        ...phones(c.telecom),
      ]);
    default:
      return [];
  }
}

function coverageTexts(index: ChartIndex, c: Coverage, field: string): (string | undefined)[] {
  switch (field) {
    case 'payer':
      return (c.payor ?? []).flatMap((p) => [p.display, (resolve(index, p) as Organization | undefined)?.name]);
    case 'memberId':
      return [c.subscriberId, ...(c.identifier ?? []).map((i) => i.value)];
    default:
      return [];
  }
}

function allergyTexts(a: AllergyIntolerance, field: string): (string | undefined)[] {
  switch (field) {
    case 'code':
      return isNoKnownAllergy(a) ? [...conceptWords(a.code), ...NO_KNOWN_ALLERGY_TEXTS] : allergenNames(a.code);
    case 'reaction':
      return (a.reaction ?? []).flatMap((r) => (r.manifestation ?? []).flatMap((m) => reactionTerms(m)));
    case 'severity':
      return (a.reaction ?? []).map((r) => r.severity);
    case 'criticality':
      return [...(CRITICALITY_TEXTS[a.criticality ?? ''] ?? [])];
    default:
      return [];
  }
}

function conditionTexts(c: Condition, field: string): (string | undefined)[] {
  switch (field) {
    case 'code':
      return conditionTerms(c.code);
    case 'icd10':
      return [icd10Of(c.code)];
    case 'onset':
      return dateTexts(c.onsetDateTime, true);
    case 'status':
      return [...conceptWords(c.clinicalStatus), ...(c.clinicalStatus?.coding ?? []).map((x) => x.code)];
    case 'bodySite':
      return (c.bodySite ?? []).flatMap((s) => conceptWords(s));
    default:
      return [];
  }
}

function procedureTexts(p: Procedure, field: string): (string | undefined)[] {
  switch (field) {
    case 'code':
      return procedureTerms(p.code);
    case 'date':
      return dateTexts(p.performedDateTime ?? p.performedPeriod?.start, true);
    case 'bodySite':
      return (p.bodySite ?? []).flatMap((s) => conceptWords(s));
    default:
      return [];
  }
}

function medicationTexts(index: ChartIndex, m: MedicationStatement, field: string): (string | undefined)[] {
  switch (field) {
    case 'drug':
      return drugNames(m.medicationCodeableConcept);
    case 'dose':
      return doseTexts(m);
    case 'route':
      return routeTexts(m.dosage?.[0]?.route);
    case 'frequency':
      return frequencyTexts(m);
    case 'indication':
      return [
        ...(m.reasonReference ?? []).flatMap((r) => [r.display, ...conditionTerms((resolve(index, r) as Condition | undefined)?.code)]),
        ...(m.reasonCode ?? []).flatMap((c) => conditionTerms(c)),
      ];
    case 'start':
      return dateTexts(m.effectivePeriod?.start ?? m.effectiveDateTime, true);
    case 'end':
      return dateTexts(m.effectivePeriod?.end, true);
    case 'status':
      return [m.status, ...(MEDICATION_STATUS_TEXTS[m.status] ?? [])];
    default:
      return [];
  }
}

function immunizationTexts(i: Immunization, field: string): (string | undefined)[] {
  switch (field) {
    case 'vaccine':
      return vaccineNames(i.vaccineCode);
    case 'date':
      return dateTexts(i.occurrenceDateTime);
    case 'lot':
      return [i.lotNumber];
    case 'site':
      return [...conceptWords(i.site), ...(i.site?.coding ?? []).map((c) => c.code)];
    case 'route':
      return [...conceptWords(i.route), ...(i.route?.coding ?? []).map((c) => c.code)];
    default:
      return [];
  }
}

function observationTexts(index: ChartIndex, o: Observation, field: string): (string | undefined)[] {
  const role = index.observationRole.get(o);
  if (field === 'date') return dateTexts(o.effectiveDateTime);
  if (role === 'social') {
    if (field === 'value') return socialValueTexts(o);
    if (field === 'code') return conceptWords(o.code);
    return [];
  }
  if (role === 'vital') {
    if (field === 'code') return vitalNames(o);
    if (field === 'value') return vitalValueTexts(o);
    if (field === 'unit') return [o.valueQuantity?.unit, o.valueQuantity?.code];
    return [];
  }
  switch (field) {
    case 'code':
      return labNames(o.code);
    case 'value': {
      const v = o.valueQuantity?.value;
      return [observationNumber(o), v === undefined ? o.valueString : String(v), resultText(o)];
    }
    case 'unit':
      return [printableUnit(o.valueQuantity?.unit), o.valueQuantity?.unit, o.valueQuantity?.code];
    case 'flag':
      return (o.interpretation ?? []).flatMap((i) => [i.text, ...(i.coding ?? []).flatMap((c) => [c.display, ...(FLAG_TEXTS[c.code ?? ''] ?? [])])]);
    case 'range':
      return rangeTexts(o);
    default:
      return [];
  }
}

function encounterTexts(index: ChartIndex, e: Encounter, field: string): (string | undefined)[] {
  switch (field) {
    case 'date':
      return dateTexts(e.period?.start);
    case 'end':
      return dateTexts(e.period?.end);
    case 'type':
      return (e.type ?? []).flatMap((t) => encounterTypeTexts(t));
    case 'reason':
      return [
        ...(e.reasonReference ?? []).flatMap((r) => [r.display, ...conditionTerms((resolve(index, r) as Condition | undefined)?.code)]),
        ...(e.reasonCode ?? []).flatMap((c) => conceptWords(c)),
      ];
    case 'provider':
      return (e.participant ?? []).flatMap((p) => [
        p.individual?.display,
        ...practitionerNames(resolve(index, p.individual) as Practitioner | undefined),
      ]);
    default:
      return [];
  }
}

function familyTexts(f: FamilyMemberHistory, field: string): (string | undefined)[] {
  switch (field) {
    case 'relationship':
      return conceptWords(f.relationship);
    case 'code':
      return (f.condition ?? []).flatMap((c) => conditionTerms(c.code));
    default:
      return [];
  }
}

function practitionerNames(p: Practitioner | undefined): string[] {
  if (!p) return [];
  return CLINICIAN_NAME_FORMS.map((f) => clinicianName(p, f));
}

function resolve(index: ChartIndex, ref: Reference | undefined): Resource | undefined {
  return ref?.reference ? index.byRef.get(ref.reference) : undefined;
}

/**
 * Every span, in every document of the chart, that cites the fact `ref` (`ResourceType/id`), in
 * document order. The UI highlights these as evidence; scoring feedback points at them.
 */
export function findDocumentsFor(chart: Chart, ref: string): { document: SourceDocument; span: EvidenceSpan }[] {
  const out: { document: SourceDocument; span: EvidenceSpan }[] = [];
  for (const document of chart.documents) {
    for (const span of document.spans) if (span.ref === ref) out.push({ document, span });
  }
  return out;
}
