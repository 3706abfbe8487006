import type { CodeableConcept } from '@medplum/fhirtypes';
import { ALLERGENS, CONDITIONS, DRUGS, FREQUENCIES, LABS, REACTIONS, VACCINES, VITALS } from '@/domain/codes/code-tables';
import {
  SYSTEMS,
  type Allergen,
  type ConditionModule,
  type Drug,
  type Frequency,
  type LabTest,
  type Reaction,
  type Vaccine,
  type VitalSign,
} from '@/domain/codes/code-types';

/**
 * From a coded FHIR element back to the curated table entry it came from, so documents can use
 * the table's abbreviations, synonyms and brand names. Charts carry codes, not table ids; the
 * maps are built once at import. Anything not in the tables (an imported chart, a code added by
 * an exercise) simply has no entry and is rendered from its own display text.
 */

/** system → code → entry; two lookups on strings the chart already holds, no key built per call. */
type CodeMap<T> = Map<string | undefined, Map<string | undefined, T>>;

function keyed<T>(entries: readonly T[], keys: (entry: T) => ([string, string] | undefined)[]): CodeMap<T> {
  const map: CodeMap<T> = new Map();
  for (const entry of entries) {
    for (const key of keys(entry)) {
      if (!key) continue;
      let bySystem = map.get(key[0]);
      if (!bySystem) map.set(key[0], (bySystem = new Map()));
      if (!bySystem.has(key[1])) bySystem.set(key[1], entry);
    }
  }
  return map;
}

const conditionByCode = keyed<ConditionModule>(CONDITIONS, (m) => [
  [SYSTEMS.icd10cm, m.icd10.code],
  [SYSTEMS.snomed, m.snomed.code],
  m.procedure ? [SYSTEMS.snomed, m.procedure.code] : undefined,
]);
const drugByCode = keyed<Drug>(DRUGS, (d) => [[SYSTEMS.rxnorm, d.rxnorm.code]]);
const labByCode = keyed<LabTest>(LABS, (t) => [[SYSTEMS.loinc, t.loinc.code]]);
const vitalByCode = keyed<VitalSign>(VITALS, (v) => [[SYSTEMS.loinc, v.loinc.code]]);
const vaccineByCode = keyed<Vaccine>(VACCINES, (v) => [[SYSTEMS.cvx, v.cvx.code]]);
const allergenByCode = keyed<Allergen>(ALLERGENS, (a) => [[SYSTEMS[a.system], a.code.code]]);
const reactionByCode = keyed<Reaction>(REACTIONS, (r) => [[SYSTEMS.snomed, r.snomed.code]]);
const frequencyByCode = new Map<string, Frequency>(FREQUENCIES.map((f) => [f.code, f]));

function find<T>(map: CodeMap<T>, concept: CodeableConcept | undefined): T | undefined {
  const codings = concept?.coding;
  if (!codings) return undefined;
  for (let i = 0; i < codings.length; i++) {
    const c = codings[i] as { system?: string; code?: string };
    const hit = map.get(c.system)?.get(c.code);
    if (hit) return hit;
  }
  return undefined;
}

export const conditionModuleFor = (concept: CodeableConcept | undefined) => find(conditionByCode, concept);
export const drugFor = (concept: CodeableConcept | undefined) => find(drugByCode, concept);
export const labTestFor = (concept: CodeableConcept | undefined) => find(labByCode, concept);
export const vitalSignFor = (concept: CodeableConcept | undefined) => find(vitalByCode, concept);
export const vaccineFor = (concept: CodeableConcept | undefined) => find(vaccineByCode, concept);
export const allergenFor = (concept: CodeableConcept | undefined) => find(allergenByCode, concept);
export const reactionFor = (concept: CodeableConcept | undefined) => find(reactionByCode, concept);
export const frequencyFor = (code: string | undefined) => (code === undefined ? undefined : frequencyByCode.get(code));

/** The code of the first coding of `system`. */
export function codeIn(concept: CodeableConcept | undefined, system: string): string | undefined {
  const codings = concept?.coding;
  if (!codings) return undefined;
  for (const c of codings) if (c.system === system) return c.code;
  return undefined;
}
