import { ALLERGENS, CONDITIONS, DRUGS, FREQUENCIES, LABS, REACTIONS, VACCINES, VITALS } from '@/domain/codes/code-tables';

/**
 * Autocompletion for the abstraction form, from the real code tables: what a technician would
 * type (the plain name, an abbreviation, a brand) with the code or long name as the hint. The
 * lists only suggest; matching is tolerant and free entry is always allowed.
 */
export interface Suggestion {
  value: string;
  /** Shown beside the value by the browser: the code or the full name. */
  label?: string;
}

export type SuggestionListId =
  | 'substances'
  | 'reactions'
  | 'severities'
  | 'conditions'
  | 'icd10'
  | 'statuses'
  | 'drugs'
  | 'routes'
  | 'frequencies'
  | 'labs'
  | 'labUnits'
  | 'flags'
  | 'vaccines'
  | 'vitals'
  | 'vitalUnits';

function unique(list: Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const key = s.value.toLowerCase();
    if (!s.value || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const plain = (values: string[]): Suggestion[] => values.map((value) => ({ value }));

function build(): Record<SuggestionListId, Suggestion[]> {
  return {
    substances: unique([
      { value: 'No known allergies', label: 'NKA / NKDA' },
      ...ALLERGENS.flatMap((a) => [
        { value: a.code.display, label: `${a.system === 'rxnorm' ? 'RxNorm' : 'SNOMED CT'} ${a.code.code}` },
        ...a.synonyms.map((s) => ({ value: s, label: a.code.display })),
      ]),
    ]),
    reactions: unique(REACTIONS.flatMap((r) => [{ value: r.plain, label: r.snomed.display }, { value: r.snomed.display, label: `SNOMED CT ${r.snomed.code}` }])),
    severities: plain(['mild', 'moderate', 'severe']),
    conditions: unique(
      CONDITIONS.flatMap((c) => [{ value: c.name, label: `ICD-10-CM ${c.icd10.code}` }, ...c.abbreviations.map((a) => ({ value: a, label: c.name }))]),
    ),
    icd10: unique(CONDITIONS.map((c) => ({ value: c.icd10.code, label: c.icd10.display }))),
    statuses: plain(['active', 'resolved']),
    drugs: unique(
      [...DRUGS]
        .sort((a, b) => a.ingredient.localeCompare(b.ingredient))
        .flatMap((d) => [
          { value: d.ingredient, label: d.drugClass },
          ...d.brandNames.map((b) => ({ value: b, label: `brand of ${d.ingredient}` })),
          { value: d.rxnorm.display, label: `RxNorm ${d.rxnorm.code}` },
        ]),
    ),
    routes: unique([
      { value: 'by mouth', label: 'PO, oral' },
      { value: 'PO', label: 'by mouth' },
      ...plain(['subcutaneous', 'intramuscular', 'inhalation', 'topical', 'ophthalmic', 'nasal', 'transdermal', 'sublingual']),
    ]),
    frequencies: unique(FREQUENCIES.flatMap((f) => [{ value: f.code, label: f.text }, { value: f.text, label: f.code }])),
    labs: unique(
      LABS.flatMap((l) => [
        { value: l.shortName, label: `LOINC ${l.loinc.code}` },
        ...l.abbreviations.map((a) => ({ value: a, label: l.shortName })),
        { value: l.loinc.display, label: `LOINC ${l.loinc.code}` },
      ]),
    ),
    labUnits: unique(LABS.flatMap((l) => [{ value: l.unitDisplay ?? l.ucum }, { value: l.ucum, label: 'UCUM' }]).filter((u) => u.value !== '1')),
    flags: [
      { value: 'Normal', label: 'N (or leave blank)' },
      { value: 'High', label: 'H' },
      { value: 'Low', label: 'L' },
      { value: 'Critical high', label: 'HH' },
      { value: 'Critical low', label: 'LL' },
    ],
    vaccines: unique(VACCINES.flatMap((v) => [{ value: v.shortName, label: `CVX ${v.cvx.code}` }, { value: v.cvx.display, label: `CVX ${v.cvx.code}` }])),
    vitals: unique([
      { value: 'Blood pressure', label: 'BP' },
      { value: 'BP', label: 'Blood pressure' },
      ...VITALS.flatMap((v) => [{ value: v.shortName, label: `LOINC ${v.loinc.code}` }, ...v.abbreviations.map((a) => ({ value: a, label: v.shortName }))]),
    ]),
    vitalUnits: unique([...plain(['mmHg']), ...VITALS.flatMap((v) => [{ value: v.unitDisplay ?? v.ucum }]), ...plain(['°F', 'lb'])]),
  };
}

let cached: Record<SuggestionListId, Suggestion[]> | undefined;

/** The lists, built once on first use. */
export function suggestionLists(): Record<SuggestionListId, Suggestion[]> {
  cached ??= build();
  return cached;
}
