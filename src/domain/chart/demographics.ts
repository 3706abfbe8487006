import { Faker, base, en, en_US } from '@faker-js/faker';
import type { Coverage, Organization, Patient, Practitioner } from '@medplum/fhirtypes';
import type { Rng } from '@/domain/rng/rng';
import { addDays, addYears } from '@/domain/time/dates';

/**
 * Registration data: the patient, the facility, clinicians and payers. Names and street
 * addresses come from faker (one U.S. English locale), reseeded for every chart; everything else
 * from the chart's own rng so the output does not depend on faker internals more than it must.
 */

let sharedFaker: Faker | undefined;

/** One faker for the process, reseeded per chart (creating one per chart is slow). */
export function seededFaker(seed: number, refDate: string): Faker {
  sharedFaker ??= new Faker({ locale: [en_US, en, base] });
  sharedFaker.seed(seed);
  sharedFaker.setDefaultRefDate(`${refDate}T12:00:00Z`);
  return sharedFaker;
}

export const MRN_SYSTEM = 'urn:oid:2.16.840.1.113883.3.9999.1';
export const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';
export const IDENTIFIER_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0203';

/**
 * A 10-digit MRN that is a bijection of the 32-bit seed (xor-shift and odd multipliers are
 * invertible mod 2^32), so distinct seeds in a cohort never share an MRN.
 */
export function mrnForSeed(seed: number): string {
  let x = seed >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  return String(x).padStart(10, '0');
}

/** A synthetic NPI: the reserved-looking 99999 prefix and a valid Luhn check digit (prefix 80840). */
export function syntheticNpi(rng: Rng): string {
  const body = `99999${String(rng.int(0, 9999)).padStart(4, '0')}`;
  const digits = `80840${body}`.split('').map(Number);
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits[i] as number;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** Fictional numbers: 555-0100 to 555-0199 are reserved for fiction in the NANP. */
export function fictionalPhone(rng: Rng): string {
  const area = rng.pick(['217', '312', '414', '502', '608', '614', '715', '763', '802', '919']);
  return `(${area}) 555-01${String(rng.int(0, 99)).padStart(2, '0')}`;
}

const LANGUAGES: { code: string; display: string; weight: number }[] = [
  { code: 'en', display: 'English', weight: 78 },
  { code: 'es', display: 'Spanish', weight: 13 },
  { code: 'zh', display: 'Chinese', weight: 2 },
  { code: 'vi', display: 'Vietnamese', weight: 1.5 },
  { code: 'ar', display: 'Arabic', weight: 1 },
  { code: 'ko', display: 'Korean', weight: 1 },
  { code: 'ru', display: 'Russian', weight: 1 },
  { code: 'fr', display: 'French', weight: 1 },
  { code: 'so', display: 'Somali', weight: 0.5 },
];

const MARITAL: { code: string; display: string; minAge: number; weight: number }[] = [
  { code: 'S', display: 'Never Married', minAge: 0, weight: 34 },
  { code: 'M', display: 'Married', minAge: 18, weight: 48 },
  { code: 'D', display: 'Divorced', minAge: 22, weight: 11 },
  { code: 'W', display: 'Widowed', minAge: 45, weight: 7 },
];

const FACILITIES = [
  'Riverbend Community Hospital',
  'Lakeshore Regional Medical Center',
  'St. Brigid Memorial Hospital',
  'Cedar Valley Health',
  'Northgate General Hospital',
  'Prairie View Medical Center',
];

const LABS = ['Riverbend Clinical Laboratory', 'Tri-County Reference Laboratory', 'Summit Diagnostic Laboratory'];

const COMMERCIAL_PAYERS = ['Heartland Mutual Health', 'Bluewater Health Plan', 'Keystone Benefit Trust', 'Evergreen Health Alliance'];

export interface Registration {
  patient: Patient;
  facility: Organization;
  lab: Organization;
  payers: Organization[];
  coverage: Coverage[];
  practitioners: Practitioner[];
  /** Index into practitioners: primary care, hospitalist, nurse, specialists. */
  roles: { pcp: Practitioner; hospitalist: Practitioner; nurse: Practitioner; specialists: Practitioner[] };
}

interface Clinician {
  credential: string;
  qualification: string;
  specialty: string;
}

const PCP: Clinician[] = [
  { credential: 'MD', qualification: 'Doctor of Medicine', specialty: 'Family Medicine' },
  { credential: 'DO', qualification: 'Doctor of Osteopathic Medicine', specialty: 'Internal Medicine' },
  { credential: 'MD', qualification: 'Doctor of Medicine', specialty: 'Internal Medicine' },
  { credential: 'NP', qualification: 'Nurse Practitioner', specialty: 'Family Medicine' },
];
const PEDIATRIC: Clinician = { credential: 'MD', qualification: 'Doctor of Medicine', specialty: 'Pediatrics' };
const HOSPITALIST: Clinician = { credential: 'MD', qualification: 'Doctor of Medicine', specialty: 'Hospital Medicine' };
const NURSE: Clinician = { credential: 'RN', qualification: 'Registered Nurse', specialty: 'Nursing' };
const SPECIALISTS: Clinician[] = [
  { credential: 'MD', qualification: 'Doctor of Medicine', specialty: 'Cardiology' },
  { credential: 'MD', qualification: 'Doctor of Medicine', specialty: 'Endocrinology' },
  { credential: 'PA-C', qualification: 'Physician Assistant', specialty: 'Orthopedic Surgery' },
  { credential: 'DO', qualification: 'Doctor of Osteopathic Medicine', specialty: 'Nephrology' },
];

function practitioner(rng: Rng, faker: Faker, clinician: Clinician): Practitioner {
  const sex = rng.chance(0.5) ? 'female' : 'male';
  const given = faker.person.firstName(sex);
  const family = faker.person.lastName();
  return {
    resourceType: 'Practitioner',
    id: rng.uuid(),
    identifier: [{ system: NPI_SYSTEM, value: syntheticNpi(rng) }],
    active: true,
    name: [{ use: 'official', family, given: [given], suffix: [clinician.credential], text: `${given} ${family}, ${clinician.credential}` }],
    gender: sex,
    qualification: [{ code: { text: clinician.qualification }, issuer: { display: clinician.specialty } }],
  };
}

export function generateRegistration(
  rng: Rng,
  faker: Faker,
  opts: { seed: number; refDate: string; sex: 'male' | 'female'; age: number; mrn?: string },
): Registration {
  const { refDate, sex, age } = opts;
  const birthDate = addDays(addYears(refDate, -age - 1), rng.int(1, 364));
  const given = faker.person.firstName(sex);
  const middle = faker.person.firstName(sex);
  const family = faker.person.lastName();
  const city = faker.location.city();
  const state = faker.location.state({ abbreviated: true });
  const language = rng.weighted(LANGUAGES, (l) => l.weight);
  const marital = rng.weighted(
    MARITAL.filter((m) => age >= m.minAge),
    (m) => m.weight,
  );
  const contactSex = rng.chance(0.5) ? 'female' : 'male';
  const contactRelation =
    age < 18
      ? { code: rng.pick(['MTH', 'FTH'] as const), display: '' }
      : marital.code === 'M'
        ? { code: 'SPS', display: 'spouse' }
        : rng.pick([
            { code: 'SIS', display: 'sister' },
            { code: 'BRO', display: 'brother' },
            { code: 'FRND', display: 'friend' },
            { code: 'CHILD', display: 'child' },
          ]);
  const relationship =
    contactRelation.code === 'MTH' ? 'mother' : contactRelation.code === 'FTH' ? 'father' : contactRelation.display;
  const contactGiven = faker.person.firstName(contactRelation.code === 'MTH' ? 'female' : contactRelation.code === 'FTH' ? 'male' : contactSex);
  const contactFamily = ['MTH', 'FTH', 'SPS', 'SIS', 'BRO', 'CHILD'].includes(contactRelation.code) ? family : faker.person.lastName();
  const patientId = rng.uuid();
  const mrn = opts.mrn ?? mrnForSeed(opts.seed);

  const facilityName = rng.pick(FACILITIES);
  const facility: Organization = {
    resourceType: 'Organization',
    id: rng.uuid(),
    active: true,
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'prov', display: 'Healthcare Provider' }] }],
    name: facilityName,
    telecom: [{ system: 'phone', value: fictionalPhone(rng), use: 'work' }],
    address: [{ city, state, country: 'US' }],
  };
  const lab: Organization = {
    resourceType: 'Organization',
    id: rng.uuid(),
    active: true,
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'prov', display: 'Healthcare Provider' }] }],
    name: rng.pick(LABS),
  };

  const payerKind = age >= 65 ? 'medicare' : rng.chance(age < 19 ? 0.4 : 0.18) ? 'medicaid' : rng.chance(0.9) ? 'commercial' : 'self';
  const payers: Organization[] = [];
  const coverage: Coverage[] = [];
  if (payerKind !== 'self') {
    const payerName =
      payerKind === 'medicare' ? 'Medicare' : payerKind === 'medicaid' ? `${state} Medicaid` : rng.pick(COMMERCIAL_PAYERS);
    const payer: Organization = {
      resourceType: 'Organization',
      id: rng.uuid(),
      active: true,
      type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'ins', display: 'Insurance Company' }] }],
      name: payerName,
    };
    payers.push(payer);
    const memberId =
      payerKind === 'medicare'
        ? `${rng.int(1, 9)}${faker.string.alpha({ length: 1, casing: 'upper', exclude: ['S', 'L', 'O', 'I', 'B', 'Z'] })}${faker.string.alphanumeric({ length: 2, casing: 'upper' })}-${faker.string.alphanumeric({ length: 3, casing: 'upper' })}-${faker.string.alphanumeric({ length: 4, casing: 'upper' })}`
        : `${payerName.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase()}${String(rng.int(100000000, 999999999))}`;
    coverage.push({
      resourceType: 'Coverage',
      id: rng.uuid(),
      status: 'active',
      type: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
            code: payerKind === 'commercial' ? 'EHCPOL' : 'PUBLICPOL',
            display: payerKind === 'commercial' ? 'extended healthcare' : 'public healthcare',
          },
        ],
        text: payerKind === 'medicare' ? 'Medicare' : payerKind === 'medicaid' ? 'Medicaid' : 'Commercial',
      },
      subscriberId: memberId,
      beneficiary: { reference: `Patient/${patientId}` },
      relationship: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: 'self', display: 'Self' }] },
      period: { start: addYears(refDate, -rng.int(1, 6)) },
      payor: [{ reference: `Organization/${payer.id}`, display: payerName }],
    });
  }

  const pcp = practitioner(rng, faker, age < 18 ? PEDIATRIC : rng.pick(PCP));
  const hospitalist = practitioner(rng, faker, HOSPITALIST);
  const nurse = practitioner(rng, faker, NURSE);
  const specialists = rng.sample(SPECIALISTS, 2).map((c) => practitioner(rng, faker, c));

  const street = faker.location.streetAddress();
  const patient: Patient = {
    resourceType: 'Patient',
    id: patientId,
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: IDENTIFIER_TYPE_SYSTEM, code: 'MR', display: 'Medical record number' }], text: 'MRN' },
        system: MRN_SYSTEM,
        value: mrn,
        assigner: { display: facilityName },
      },
    ],
    active: true,
    name: [{ use: 'official', family, given: [given, middle] }],
    telecom: [
      { system: 'phone', value: fictionalPhone(rng), use: rng.chance(0.7) ? 'mobile' : 'home' },
      ...(age >= 16 ? [{ system: 'email' as const, value: `${given}.${family}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, '') }] : []),
    ],
    gender: sex,
    birthDate,
    address: [{ use: 'home', line: [street], city, state, postalCode: faker.location.zipCode('#####'), country: 'US' }],
    maritalStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: marital.code, display: marital.display }],
      text: marital.display,
    },
    contact: [
      {
        relationship: [
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'C', display: 'Emergency Contact' }] },
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: contactRelation.code, display: relationship }], text: relationship },
        ],
        name: { family: contactFamily, given: [contactGiven] },
        telecom: [{ system: 'phone', value: fictionalPhone(rng), use: 'mobile' }],
      },
    ],
    communication: [
      {
        language: { coding: [{ system: 'urn:ietf:bcp:47', code: language.code, display: language.display }], text: language.display },
        preferred: true,
      },
    ],
    generalPractitioner: [{ reference: `Practitioner/${pcp.id}` }],
    managingOrganization: { reference: `Organization/${facility.id}`, display: facilityName },
  };

  return {
    patient,
    facility,
    lab,
    payers,
    coverage,
    practitioners: [pcp, hospitalist, nurse, ...specialists],
    roles: { pcp, hospitalist, nurse, specialists },
  };
}

/** "Jane Q. Doe" style display of a FHIR HumanName. */
export function displayName(p: { name?: { given?: string[]; family?: string; suffix?: string[] }[] }): string {
  const n = p.name?.[0];
  if (!n) return '';
  return [...(n.given ?? []), n.family].filter(Boolean).join(' ') + (n.suffix?.length ? `, ${n.suffix.join(' ')}` : '');
}
