import allergensFile from './data/allergens.json';
import conditionsFile from './data/conditions.json';
import drugsFile from './data/drugs.json';
import frequenciesFile from './data/frequencies.json';
import labsFile from './data/labs.json';
import panelsFile from './data/panels.json';
import reactionsFile from './data/reactions.json';
import vaccinesFile from './data/vaccines.json';
import vitalsFile from './data/vitals.json';
import type {
  Allergen,
  ConditionModule,
  Drug,
  Frequency,
  Interval,
  LabPanel,
  LabTest,
  Reaction,
  Sex,
  TableFile,
  Vaccine,
  VitalSign,
} from './code-types';

function entries<T>(file: unknown): T[] {
  return (file as TableFile<T>).entries;
}

function byId<T extends { id: string }>(items: T[], table: string): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.id)) throw new Error(`Duplicate id "${item.id}" in the ${table} table`);
    map.set(item.id, item);
  }
  return map;
}

export const CONDITIONS: readonly ConditionModule[] = entries<ConditionModule>(conditionsFile);
export const DRUGS: readonly Drug[] = entries<Drug>(drugsFile);
export const LABS: readonly LabTest[] = entries<LabTest>(labsFile);
export const PANELS: readonly LabPanel[] = entries<LabPanel>(panelsFile);
export const VITALS: readonly VitalSign[] = entries<VitalSign>(vitalsFile);
export const ALLERGENS: readonly Allergen[] = entries<Allergen>(allergensFile);
export const REACTIONS: readonly Reaction[] = entries<Reaction>(reactionsFile);
export const VACCINES: readonly Vaccine[] = entries<Vaccine>(vaccinesFile);
export const FREQUENCIES: readonly Frequency[] = entries<{ code: string } & Frequency>(frequenciesFile);

const conditionById = byId([...CONDITIONS], 'conditions');
const drugById = byId([...DRUGS], 'drugs');
const labById = byId([...LABS], 'labs');
const panelById = byId([...PANELS], 'panels');
const vitalById = byId([...VITALS] as { id: string }[] as VitalSign[], 'vitals');
const allergenById = byId([...ALLERGENS], 'allergens');
const reactionById = byId([...REACTIONS], 'reactions');
const vaccineById = byId([...VACCINES], 'vaccines');
const frequencyByCode = new Map(FREQUENCIES.map((f) => [f.code, f]));

function lookup<T>(map: ReadonlyMap<string, T>, id: string, table: string): T {
  const found = map.get(id);
  if (!found) throw new Error(`Unknown ${table} id "${id}"`);
  return found;
}

export const getCondition = (id: string) => lookup(conditionById, id, 'condition');
export const getDrug = (id: string) => lookup(drugById, id, 'drug');
export const getLab = (id: string) => lookup(labById, id, 'lab test');
export const getPanel = (id: string) => lookup(panelById, id, 'lab panel');
export const getVital = (id: string) => lookup(vitalById, id, 'vital sign');
export const getAllergen = (id: string) => lookup(allergenById, id, 'allergen');
export const getReaction = (id: string) => lookup(reactionById, id, 'reaction');
export const getVaccine = (id: string) => lookup(vaccineById, id, 'vaccine');
export const getFrequency = (code: string) => lookup(frequencyByCode, code, 'frequency');

export const findCondition = (id: string) => conditionById.get(id);
export const findLab = (id: string) => labById.get(id);
export const findVital = (id: string) => vitalById.get(id);

/** The reference interval of a lab test for a patient of this sex. */
export function referenceFor(test: LabTest, sex: Sex): Interval {
  return test.referenceBySex?.[sex] ?? test.reference;
}

/** Drugs whose allergy classes meet any of the classes of these allergens. */
export function conflictsWithAllergens(drug: Drug, allergenIds: readonly string[]): boolean {
  for (const id of allergenIds) {
    const allergen = allergenById.get(id);
    if (allergen && allergen.drugClasses.some((c) => drug.allergyClasses.includes(c))) return true;
  }
  return false;
}
