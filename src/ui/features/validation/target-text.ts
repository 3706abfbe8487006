import type { Observation } from '@medplum/fhirtypes';
import type { Chart } from '@/domain/chart/chart-types';
import {
  allergySubstance,
  bloodPressure,
  conceptText,
  formatDate,
  isNoKnownAllergy,
  patientName,
  resultText,
} from '@/ui/components/chart-format';

/** A flag's target in words: what kind of entry it is and which one. */
export interface TargetText {
  /** "Medication", "Document", "Patient banner". */
  kind: string;
  /** "levothyroxine sodium 0.075 MG Oral Tablet". */
  name: string;
}

/** "Medication: levothyroxine sodium 0.075 MG Oral Tablet". */
export function targetLabel(text: TargetText): string {
  return `${text.kind}: ${text.name}`;
}

function observationValue(observation: Observation): string {
  const { systolic, diastolic } = bloodPressure(observation);
  if (systolic !== undefined && diastolic !== undefined) return `${systolic}/${diastolic} mmHg`;
  return resultText(observation);
}

function dated(name: string, date: string | undefined): string {
  return date ? `${name}, ${formatDate(date)}` : name;
}

/**
 * A target (`ResourceType/id`, `DocumentReference/<document id>` or `Patient/<id>`) in the terms
 * the learner saw it on screen. Targets the chart no longer holds fall back to the raw reference,
 * so a restored answer never breaks the findings list.
 */
export function describeTarget(chart: Chart, target: string): TargetText {
  const slash = target.indexOf('/');
  const type = slash < 0 ? target : target.slice(0, slash);
  const id = slash < 0 ? '' : target.slice(slash + 1);
  const find = <T extends { id?: string }>(list: readonly T[]) => list.find((r) => r.id === id);

  switch (type) {
    case 'Patient':
      if (chart.patient.id === id) return { kind: 'Patient banner', name: patientName(chart.patient).display };
      break;
    case 'DocumentReference': {
      const document = chart.documents.find((d) => d.id === id);
      // Lab report titles already carry their date; other titles ("Progress Note") need it.
      if (document) return { kind: 'Document', name: /\d/.test(document.title) ? document.title : dated(document.title, document.date) };
      break;
    }
    case 'MedicationStatement': {
      const statement = find(chart.medications);
      if (statement) return { kind: 'Medication', name: conceptText(statement.medicationCodeableConcept) };
      break;
    }
    case 'AllergyIntolerance': {
      const allergy = find(chart.allergies);
      if (allergy) return { kind: 'Allergy', name: isNoKnownAllergy(allergy) ? 'No known allergies' : allergySubstance(allergy) };
      break;
    }
    case 'Condition': {
      const condition = find(chart.conditions);
      if (condition) {
        const side = condition.bodySite?.[0]?.text;
        return { kind: 'Problem', name: side ? `${conceptText(condition.code)}, ${side}` : conceptText(condition.code) };
      }
      break;
    }
    case 'Observation': {
      const lab = find(chart.labs);
      if (lab) return { kind: 'Lab result', name: dated(`${conceptText(lab.code)} ${observationValue(lab)}`, lab.effectiveDateTime) };
      const vital = find(chart.vitals);
      if (vital) return { kind: 'Vital sign', name: dated(`${conceptText(vital.code)} ${observationValue(vital)}`, vital.effectiveDateTime) };
      const social = find(chart.socialHistory);
      if (social) return { kind: 'Social history', name: `${conceptText(social.code)}: ${conceptText(social.valueCodeableConcept)}` };
      break;
    }
    case 'DiagnosticReport': {
      const report = find(chart.labReports);
      if (report) return { kind: 'Lab panel', name: dated(conceptText(report.code), report.effectiveDateTime) };
      break;
    }
    case 'Immunization': {
      const dose = find(chart.immunizations);
      if (dose) return { kind: 'Immunization', name: dated(conceptText(dose.vaccineCode), dose.occurrenceDateTime) };
      break;
    }
    case 'Encounter': {
      const encounter = find(chart.encounters);
      if (encounter) return { kind: 'Encounter', name: dated(conceptText(encounter.type?.[0]), encounter.period?.start) };
      break;
    }
    case 'Procedure': {
      const procedure = find(chart.procedures);
      if (procedure) return { kind: 'Procedure', name: dated(conceptText(procedure.code), procedure.performedDateTime) };
      break;
    }
    case 'FamilyMemberHistory': {
      const member = find(chart.familyHistory);
      if (member) {
        const conditions = (member.condition ?? []).map((c) => conceptText(c.code)).join(', ');
        return { kind: 'Family history', name: conditions ? `${conceptText(member.relationship)}: ${conditions}` : conceptText(member.relationship) };
      }
      break;
    }
  }
  return { kind: 'Entry', name: target };
}
