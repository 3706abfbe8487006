/**
 * Shapes of the curated code tables in `./data/*.json`.
 *
 * Every code in those files is a real code from its code system, with the display text that
 * system publishes. `tests/domain/codes/code-tables.test.ts` checks ICD-10-CM codes against the CMS
 * list and LOINC codes against the NLM list in `../shared/reference`; SNOMED CT, RxNorm and CVX
 * codes were taken from Synthea's modules and the CDC/NLM code lists (see each file's `source`).
 */

export const SYSTEMS = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  cvx: 'http://hl7.org/fhir/sid/cvx',
  ucum: 'http://unitsofmeasure.org',
} as const;

export interface Coded {
  code: string;
  display: string;
}

export interface TableFile<T> {
  /** Where the codes and display names come from. */
  source: string[];
  entries: T[];
}

export type Sex = 'male' | 'female';

/** A numeric interval; either end may be open. */
export interface Interval {
  low?: number;
  high?: number;
}

export interface LabTest {
  /** Stable table key, kebab-case: `hba1c`, `creatinine`. */
  id: string;
  loinc: Coded;
  /** What a lab report prints: "Hemoglobin A1c". */
  shortName: string;
  /** Common abbreviations a clinician writes: ["A1c", "HbA1c"]. */
  abbreviations: string[];
  /** UCUM unit code, exactly as FHIR Quantity.code wants it (`mg/dL`, `10*3/uL`, `%`). */
  ucum: string;
  /** The unit as printed on a report when it differs from UCUM (`x10^3/uL`). */
  unitDisplay?: string;
  /** Decimal places the lab reports. */
  decimals: number;
  /** Adult reference interval; `bySex` overrides it where the interval differs by sex. */
  reference: Interval;
  referenceBySex?: Partial<Record<Sex, Interval>>;
  /** Critical (panic) limits, where a lab calls them. */
  critical?: Interval;
  /** Specimen as printed: "Blood", "Serum/Plasma", "Urine". */
  specimen: string;
}

export interface LabPanel {
  id: string;
  loinc: Coded;
  shortName: string;
  /** LabTest ids in report order. */
  tests: string[];
}

export interface VitalSign {
  id: 'heart-rate' | 'respiratory-rate' | 'body-temperature' | 'systolic-bp' | 'diastolic-bp' | 'body-weight' | 'body-height' | 'bmi' | 'oxygen-saturation' | 'pain-score';
  loinc: Coded;
  shortName: string;
  abbreviations: string[];
  ucum: string;
  unitDisplay?: string;
  decimals: number;
  reference: Interval;
}

export type DrugRoute = 'oral' | 'subcutaneous' | 'inhalation' | 'topical' | 'intramuscular' | 'ophthalmic' | 'nasal' | 'transdermal' | 'sublingual';

export interface Drug {
  /** Table key: `metformin-500-tab`. */
  id: string;
  /** RxNorm clinical drug (SCD or SBD) with its RxNorm name. */
  rxnorm: Coded;
  /** Generic ingredient name in lower case, as a technician would write it: "metformin". */
  ingredient: string;
  /** Brand names a note might use instead: ["Glucophage"]. */
  brandNames: string[];
  /** Strength as on the label: "500 mg", "90 mcg/actuation". */
  strength: string;
  doseForm: string;
  route: DrugRoute;
  /** Usual sig: dose per administration ("1 tablet", "10 units") and a frequency key of FREQUENCIES. */
  usualDose: string;
  usualFrequency: string;
  /** Therapeutic class, for display and distractors: "biguanide", "ACE inhibitor". */
  drugClass: string;
  /** Allergy classes this drug belongs to, matched against Allergen.drugClasses. */
  allergyClasses: string[];
}

export type AllergenCategory = 'medication' | 'food' | 'environment' | 'biologic';

export interface Allergen {
  id: string;
  /** SNOMED CT substance (or RxNorm ingredient for drugs, with its system). */
  code: Coded;
  system: 'snomed' | 'rxnorm';
  category: AllergenCategory;
  /** What notes call it: ["PCN", "penicillins"]. */
  synonyms: string[];
  /** Drugs in these allergy classes conflict with this allergy. */
  drugClasses: string[];
  /** Reaction ids (REACTIONS) typical of this allergen, most typical first. */
  reactions: string[];
  /** Share of patients with any allergy who have this one, relative weight. */
  weight: number;
}

export interface Reaction {
  id: string;
  snomed: Coded;
  /** Plain word a note uses: "hives", "rash". */
  plain: string;
  severity: 'mild' | 'moderate' | 'severe';
}

export interface Vaccine {
  id: string;
  cvx: Coded;
  /** Short name on an immunization record: "Tdap", "Influenza". */
  shortName: string;
  route: 'intramuscular' | 'subcutaneous' | 'oral' | 'intranasal';
  site?: string;
  /**
   * When doses are given, in months of age. A vaccine given once per season uses `seasonalFromMonths`;
   * adult vaccines use `adultFromYears` (and `everyYears` for boosters).
   */
  scheduleMonths?: number[];
  seasonalFromMonths?: number;
  adultFromYears?: number;
  everyYears?: number;
  /** An adult series of several doses, in months after the first (Shingrix [0, 2]; adult Hep B [0, 1, 6]). */
  adultSeriesMonths?: number[];
  /** Last year the product was given (COVID-19 original monovalent vaccines were withdrawn in 2023). */
  availableUntilYear?: number;
  /** Only in this sex (HPV was first licensed for females; kept general here). */
  sex?: Sex;
  /** The product is only given to people born on or after this year (vaccines introduced late). */
  bornFromYear?: number;
  /** First year the vaccine was given at all. */
  availableFromYear: number;
}

/** A shift of a lab or vital away from its normal, when a condition is present. */
export interface Effect {
  /** LabTest id or VitalSign id. */
  target: string;
  /** The range the value is drawn from while the condition is active (before treatment benefit). */
  range: [number, number];
  /** Treatment does not bring it back toward normal (CKD's creatinine and eGFR). */
  persistent?: boolean;
}

export interface MedicationChoice {
  /** Drug id; the generator picks by weight among the options of one line of therapy. */
  options: { drug: string; weight: number }[];
  /** Probability this line of therapy is prescribed. */
  p: number;
}

export interface PrevalenceBand {
  minAge: number;
  maxAge: number;
  /** Probability of having the condition in this band, for either sex unless `sex` is given. */
  p: number;
  sex?: Sex;
}

export type ConditionKind = 'chronic' | 'acute' | 'resolved' | 'surgical-history';

export interface ConditionModule {
  id: string;
  name: string;
  kind: ConditionKind;
  icd10: Coded;
  snomed: Coded;
  /** Abbreviations a note uses for it: ["T2DM", "DM2"]. */
  abbreviations: string[];
  prevalence: PrevalenceBand[];
  /** Age range at onset, years. */
  onsetAge: [number, number];
  medications: MedicationChoice[];
  /** Lab tests ordered to follow this condition (panel or test ids) and how often per year. */
  monitoring: { panel: string; perYear: number }[];
  effects: Effect[];
  /** Follow-up visits per year for this problem. */
  visitsPerYear: number;
  /** Other condition ids that this one needs (CKD stage 3 is more likely with diabetes) or excludes. */
  requires?: string[];
  excludes?: string[];
  /** For surgical history: the SNOMED procedure performed. */
  procedure?: Coded;
  /** For laterality-bearing problems: the body site can be left or right. */
  lateral?: boolean;
  remarks?: string[];
}

export interface Frequency {
  /** Key and the abbreviation printed on orders: "BID". */
  code: string;
  /** Spelled out: "twice daily". */
  text: string;
  /** FHIR Timing.repeat: frequency per period in periodUnit. */
  frequency: number;
  period: number;
  periodUnit: 'h' | 'd' | 'wk';
  asNeeded?: boolean;
}
