/**
 * Why each abstracted field matters, in the words an HIM instructor would use. Shown beside
 * every feedback item so a learner connects an error to its consequence.
 */
const WHY: Record<string, Record<string, string>> = {
  allergies: {
    code: 'An allergy missing from the structured list is invisible to drug–allergy checking: the patient can be given the drug that harms them.',
    reaction: 'The reaction tells prescribers whether it is a true allergy (hives, anaphylaxis) or an intolerance, which decides whether the drug can ever be used.',
    severity: 'Severity drives alert levels; an anaphylaxis recorded as mild invites an override.',
  },
  problems: {
    code: 'The problem list is what every clinician reads first; a missing or wrong problem misdirects care and coding.',
    icd10: 'The ICD-10-CM code drives billing, quality measures and registries; a code that does not match the diagnosis misstates the record.',
    onset: 'Onset dates build the history: how long a condition has lasted shapes treatment and risk.',
    status: 'An active problem recorded as resolved (or the reverse) changes what gets treated and monitored.',
  },
  medications: {
    drug: 'The wrong drug on the medication list can be continued at discharge or interact with new prescriptions.',
    dose: 'Dose errors are among the most harmful medication errors; a tenfold slip (mg for mcg) can be fatal.',
    route: 'The route determines how much drug reaches the patient; oral and intravenous doses are not interchangeable.',
    frequency: 'A wrong frequency doubles or halves the daily dose.',
  },
  labs: {
    code: 'A result filed under the wrong test is read against the wrong reference range.',
    value: 'Clinicians act on the number: a transcription error can trigger or withhold treatment.',
    unit: 'A value without its right unit is ambiguous (mg/dL vs mmol/L differ about eighteenfold for glucose).',
    date: 'The collection date places the result in the course of care and in trends.',
    flag: 'Unflagged abnormal results are easy to miss; flags route critical values for follow-up.',
  },
  immunizations: {
    vaccine: 'Immunization histories prevent missed and duplicate doses and are reported to state registries.',
    date: 'Dose dates decide whether a series is complete and when the next dose is due.',
  },
  vitals: {
    code: 'Vital signs recorded under the wrong measure corrupt trends and early-warning scores.',
    value: 'Vital sign values feed early-warning scores and medication decisions (e.g. holding an antihypertensive).',
    unit: 'Weight in pounds charted as kilograms more than doubles weight-based doses.',
    date: 'The time of measurement anchors the value to the patient’s condition at that moment.',
  },
};

export function whyItMatters(section: string, field: string): string {
  return WHY[section]?.[field] ?? 'Accurate, complete records are the basis of safe care and of every secondary use of the chart.';
}
