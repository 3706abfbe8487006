/**
 * Recognise FHIR of another version before mapping, so an STU3 or DSTU2 export is refused with
 * "this is STU3" instead of a confusing "required element missing". JSON carries no version
 * marker, so the hints are shapes that exist in one version only, checked on the resource types
 * ChartLab maps (HL7 publishes the per-version differences: hl7.org/fhir/R4/diff.html and the
 * STU3/DSTU2 resource pages), plus explicit markers (`fhirVersion`, versioned profile URLs).
 */

export type OtherVersion = 'STU3' | 'DSTU2' | 'R5';

export interface VersionHint {
  version: OtherVersion;
  /** `Condition/abc` or `Bundle`. */
  where: string;
  what: string;
}

export const VERSION_NAMES: Record<OtherVersion, string> = {
  STU3: 'FHIR STU3 (3.0)',
  DSTU2: 'FHIR DSTU2 (1.0)',
  R5: 'FHIR R5 (5.0)',
};

/** Resource types that do not exist in R4 (renamed or removed). */
const OTHER_VERSION_TYPES: Record<string, { version: OtherVersion; r4?: string }> = {
  MedicationOrder: { version: 'DSTU2', r4: 'MedicationRequest' },
  DiagnosticOrder: { version: 'DSTU2', r4: 'ServiceRequest' },
  Order: { version: 'DSTU2' },
  OrderResponse: { version: 'DSTU2' },
  DeviceUseRequest: { version: 'DSTU2', r4: 'DeviceRequest' },
  Conformance: { version: 'DSTU2', r4: 'CapabilityStatement' },
  ImagingObjectSelection: { version: 'DSTU2' },
  ProcedureRequest: { version: 'STU3', r4: 'ServiceRequest' },
  ReferralRequest: { version: 'STU3', r4: 'ServiceRequest' },
  ProcessRequest: { version: 'STU3' },
  ProcessResponse: { version: 'STU3' },
  EligibilityRequest: { version: 'STU3', r4: 'CoverageEligibilityRequest' },
  EligibilityResponse: { version: 'STU3', r4: 'CoverageEligibilityResponse' },
  DeviceComponent: { version: 'STU3' },
  BodySite: { version: 'STU3' },
  DataElement: { version: 'STU3' },
  ImagingManifest: { version: 'STU3' },
  Sequence: { version: 'STU3', r4: 'MolecularSequence' },
  ExpansionProfile: { version: 'STU3' },
  ServiceDefinition: { version: 'STU3' },
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (r: Json, key: string) => r[key] !== undefined;

/** A shape check: the version it points to and what to say. */
type ShapeRule = [test: (r: Json) => boolean, version: OtherVersion, what: string];

const SHAPES: Record<string, ShapeRule[]> = {
  Condition: [
    [(r) => typeof r.clinicalStatus === 'string', 'STU3', 'clinicalStatus is a plain code (R4: a CodeableConcept)'],
    [(r) => typeof r.verificationStatus === 'string', 'STU3', 'verificationStatus is a plain code (R4: a CodeableConcept)'],
    [(r) => has(r, 'assertedDate'), 'STU3', 'has assertedDate (R4: recordedDate)'],
    [(r) => has(r, 'context'), 'STU3', 'has context (R4: encounter)'],
    [(r) => has(r, 'patient'), 'DSTU2', 'has patient (R4: subject)'],
    [(r) => has(r, 'dateRecorded'), 'DSTU2', 'has dateRecorded (R4: recordedDate)'],
    [(r) => isObject(r.category), 'DSTU2', 'category is a single concept (R4: a list)'],
  ],
  AllergyIntolerance: [
    [(r) => typeof r.clinicalStatus === 'string', 'STU3', 'clinicalStatus is a plain code (R4: a CodeableConcept)'],
    [(r) => typeof r.verificationStatus === 'string', 'STU3', 'verificationStatus is a plain code (R4: a CodeableConcept)'],
    [(r) => has(r, 'assertedDate'), 'STU3', 'has assertedDate (R4: recordedDate)'],
    [(r) => has(r, 'substance'), 'DSTU2', 'has substance (R4: code)'],
    [(r) => typeof r.status === 'string', 'DSTU2', 'has status (R4: clinicalStatus and verificationStatus)'],
    [(r) => typeof r.onset === 'string', 'DSTU2', 'has onset as a date (R4: onsetDateTime)'],
  ],
  Observation: [
    [(r) => has(r, 'context'), 'STU3', 'has context (R4: encounter)'],
    [(r) => typeof r.comment === 'string', 'STU3', 'has comment (R4: note)'],
    [(r) => typeof r.comments === 'string', 'DSTU2', 'has comments (R4: note)'],
    [(r) => Array.isArray(r.related), 'STU3', 'has related (R4: hasMember and derivedFrom)'],
  ],
  MedicationRequest: [
    [(r) => has(r, 'context'), 'STU3', 'has context (R4: encounter)'],
    [(r) => isObject(r.medication), 'R5', 'has medication as a CodeableReference (R4: medicationCodeableConcept or medicationReference)'],
  ],
  MedicationStatement: [
    [(r) => typeof r.taken === 'string', 'STU3', 'has taken (removed in R4)'],
    [(r) => has(r, 'wasNotTaken'), 'DSTU2', 'has wasNotTaken (removed in R4)'],
    [(r) => has(r, 'patient'), 'DSTU2', 'has patient (R4: subject)'],
    [(r) => isObject(r.medication), 'R5', 'has medication as a CodeableReference (R4: medicationCodeableConcept or medicationReference)'],
  ],
  Immunization: [
    [(r) => typeof r.date === 'string', 'STU3', 'has date (R4: occurrenceDateTime)'],
    [(r) => has(r, 'notGiven'), 'STU3', 'has notGiven (R4: status not-done)'],
    [(r) => has(r, 'wasNotGiven'), 'DSTU2', 'has wasNotGiven (R4: status not-done)'],
    [(r) => has(r, 'vaccinationProtocol'), 'STU3', 'has vaccinationProtocol (R4: protocolApplied)'],
  ],
  Encounter: [
    [(r) => typeof r.class === 'string', 'DSTU2', 'class is a plain code (R4: a Coding)'],
    [(r) => has(r, 'patient'), 'DSTU2', 'has patient (R4: subject)'],
    [(r) => has(r, 'indication'), 'DSTU2', 'has indication (R4: reasonReference)'],
    [(r) => has(r, 'incomingReferral'), 'STU3', 'has incomingReferral (R4: basedOn)'],
    [(r) => Array.isArray(r.reason), 'STU3', 'has reason (R4: reasonCode)'],
    [(r) => Array.isArray(r.class), 'R5', 'class is a list (R4: one Coding)'],
    [(r) => has(r, 'actualPeriod'), 'R5', 'has actualPeriod (R4: period)'],
  ],
  Procedure: [
    [(r) => has(r, 'notDone'), 'STU3', 'has notDone (R4: status not-done)'],
    [(r) => has(r, 'context'), 'STU3', 'has context (R4: encounter)'],
    [(r) => has(r, 'notPerformed'), 'DSTU2', 'has notPerformed (R4: status not-done)'],
  ],
  DiagnosticReport: [
    [(r) => has(r, 'context'), 'STU3', 'has context (R4: encounter)'],
    [(r) => has(r, 'codedDiagnosis'), 'STU3', 'has codedDiagnosis (R4: conclusionCode)'],
    [(r) => isObject(r.performer), 'DSTU2', 'performer is a single reference (R4: a list)'],
    [(r) => has(r, 'request'), 'DSTU2', 'has request (R4: basedOn)'],
  ],
  DocumentReference: [
    [(r) => has(r, 'indexed'), 'STU3', 'has indexed (R4: date)'],
    [(r) => has(r, 'class'), 'STU3', 'has class (R4: category)'],
    [(r) => isObject(r.context) && isObject(r.context.encounter), 'STU3', 'context.encounter is a single reference (R4: a list)'],
  ],
  Patient: [
    [(r) => has(r, 'animal'), 'STU3', 'has animal (removed in R4)'],
    [(r) => has(r, 'careProvider'), 'DSTU2', 'has careProvider (R4: generalPractitioner)'],
  ],
  Practitioner: [
    [(r) => has(r, 'practitionerRole'), 'DSTU2', 'has practitionerRole (R4: a PractitionerRole resource)'],
    [(r) => isObject(r.name), 'DSTU2', 'name is a single HumanName (R4: a list)'],
  ],
  FamilyMemberHistory: [
    [(r) => has(r, 'notDone'), 'STU3', 'has notDone (R4: dataAbsentReason)'],
    [(r) => typeof r.gender === 'string', 'DSTU2', 'has gender (R4: sex)'],
  ],
  Coverage: [
    [(r) => has(r, 'grouping'), 'STU3', 'has grouping (R4: class)'],
    [(r) => typeof r.plan === 'string', 'DSTU2', 'has plan (R4: class)'],
  ],
};

function versionOfMarker(value: string): OtherVersion | undefined {
  if (/^1\.0/.test(value)) return 'DSTU2';
  if (/^3\.0/.test(value)) return 'STU3';
  if (/^(5\.|6\.)/.test(value)) return 'R5';
  return undefined;
}

function versionOfProfile(url: string): OtherVersion | undefined {
  if (/\/(DSTU2|1\.0(\.\d+)?)\//i.test(url)) return 'DSTU2';
  if (/\/(STU3|3\.0(\.\d+)?)\//i.test(url)) return 'STU3';
  if (/\/(R5|5\.0(\.\d+)?)\//i.test(url)) return 'R5';
  return undefined;
}

/** Hints that `resource` is not R4 (empty for an R4 resource). */
export function resourceVersionHints(resource: Json, where: string): VersionHint[] {
  const hints: VersionHint[] = [];
  const type = resource.resourceType as string;
  const renamed = OTHER_VERSION_TYPES[type];
  if (renamed) hints.push({ version: renamed.version, where, what: `${type} is not an R4 resource type${renamed.r4 ? ` (R4: ${renamed.r4})` : ''}` });
  for (const [test, version, what] of SHAPES[type] ?? []) if (test(resource)) hints.push({ version, where, what });
  const meta = resource.meta;
  if (isObject(meta)) {
    for (const profile of Array.isArray(meta.profile) ? meta.profile : []) {
      const version = typeof profile === 'string' ? versionOfProfile(profile) : undefined;
      if (version) hints.push({ version, where, what: `meta.profile is ${String(profile)}` });
    }
    if (typeof meta.fhirVersion === 'string') {
      const version = versionOfMarker(meta.fhirVersion);
      if (version) hints.push({ version, where, what: `meta.fhirVersion is ${meta.fhirVersion}` });
    }
  }
  if (typeof resource.fhirVersion === 'string') {
    const version = versionOfMarker(resource.fhirVersion);
    if (version) hints.push({ version, where, what: `fhirVersion is ${resource.fhirVersion}` });
  }
  if (has(resource, 'fhir_comments')) hints.push({ version: 'DSTU2', where, what: 'has fhir_comments (a DSTU2 JSON feature)' });
  return hints;
}

/** The version most hints point to, with the hints for it; undefined when nothing says "not R4". */
export function judgeVersion(hints: readonly VersionHint[]): { version: OtherVersion; hints: VersionHint[] } | undefined {
  if (hints.length === 0) return undefined;
  const counts = new Map<OtherVersion, number>();
  for (const h of hints) counts.set(h.version, (counts.get(h.version) ?? 0) + 1);
  const version = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] as OtherVersion;
  return { version, hints: hints.filter((h) => h.version === version) };
}
