import type { Patient } from '@medplum/fhirtypes';
import { generateRegistration, mrnForSeed, seededFaker } from '@/domain/chart/demographics';
import { NICKNAMES, transpositionsOf } from '@/domain/exercise/mpi';
import { createRng, deriveSeed, type Rng } from '@/domain/rng/rng';
import { similarity } from '@/domain/scoring/match';
import { addDays, addYears, daysBetween } from '@/domain/time/dates';
import { multipleChoice, usDate, type Draft, type KindContext } from '../question-kit';
import type { Difficulty } from '../question-schema';
import { QUIZ_REF_DATE } from '../quiz-charts';

/**
 * Record integrity: two registrations, the same patient or two people? Same-patient pairs differ
 * the ways AHIMA's MPI practice briefs name as the usual causes of duplicates (a move, a nickname,
 * a keying error, a name change at marriage, a transposed birth date); different-people pairs are
 * the look-alikes that must never be merged (namesakes, twins, father and son). The choices name
 * a verdict and its reason; each reason is a checkable claim about the two records, and only the
 * planted one is true.
 */

type Variation = 'new-address' | 'nickname' | 'typo' | 'maiden-name' | 'transposed-birth-date' | 'namesake' | 'twins' | 'jr-sr';

const LEVEL: Record<Difficulty, Variation[]> = {
  intro: ['new-address', 'namesake'],
  intermediate: ['nickname', 'typo', 'maiden-name', 'twins'],
  advanced: ['transposed-birth-date', 'jr-sr', 'twins', 'maiden-name'],
};

const isNicknamePair = (a: string, b: string) => NICKNAMES[a]?.nick === b || NICKNAMES[b]?.nick === a;

interface Registration {
  mrn: string;
  family: string;
  given: string;
  middle?: string;
  suffix?: string;
  birthDate: string;
  sex: 'male' | 'female';
  address: string;
  phone: string;
  ssn4: string;
  created: string;
}

function register(seed: number, sex: 'male' | 'female', age: number, rng: Rng): Registration {
  const p: Patient = generateRegistration(createRng(deriveSeed(seed, 1)), seededFaker(seed, QUIZ_REF_DATE), { seed, refDate: QUIZ_REF_DATE, sex, age }).patient;
  const n = p.name?.[0];
  const a = p.address?.[0];
  return {
    mrn: mrnForSeed(seed),
    family: n?.family ?? '',
    given: n?.given?.[0] ?? '',
    middle: n?.given?.[1],
    birthDate: p.birthDate as string,
    sex,
    address: a ? `${(a.line ?? []).join(' ')}, ${a.city}, ${a.state} ${a.postalCode ?? ''}`.trim() : '',
    phone: p.telecom?.find((t) => t.system === 'phone')?.value ?? '',
    ssn4: String(rng.int(1, 9999)).padStart(4, '0'),
    created: createdAfter(rng, p.birthDate as string),
  };
}

/** A registration date after `day`, within the last 14 years and at least a year before today. */
function createdAfter(rng: Rng, day: string): string {
  const earliest = daysBetween(day, addDays(QUIZ_REF_DATE, -5000)) > 0 ? addDays(QUIZ_REF_DATE, -5000) : day;
  const span = daysBetween(earliest, QUIZ_REF_DATE) - 365;
  return span > 0 ? addDays(earliest, rng.int(0, span)) : earliest;
}

/** One interior letter dropped (or doubled in a short name): a keying slip that still reads as the name. */
function typo(rng: Rng, name: string): string {
  if (name.length >= 5) {
    const i = rng.int(1, name.length - 2);
    return name.slice(0, i) + name.slice(i + 1);
  }
  const i = rng.int(1, name.length - 1);
  return name.slice(0, i) + name[i] + name.slice(i);
}

const tooClose = (a: string, b: string) => a.toLowerCase() === b.toLowerCase() || isNicknamePair(a, b) || similarity(a, b) >= 0.7;

interface Pair {
  a: Registration;
  b: Registration;
}

/** The claims a choice can make about a pair; exactly the planted one must hold. */
const CLAIMS: { id: Variation; same: boolean; text: string; holds: (p: Pair) => boolean }[] = [
  {
    id: 'new-address',
    same: true,
    text: 'Same patient — the patient moved (new address and phone)',
    holds: ({ a, b }) => a.given === b.given && a.family === b.family && a.birthDate === b.birthDate && a.ssn4 === b.ssn4 && a.address !== b.address,
  },
  {
    id: 'nickname',
    same: true,
    text: 'Same patient — registered under a nickname',
    holds: ({ a, b }) => isNicknamePair(a.given, b.given) && a.family === b.family && a.birthDate === b.birthDate && a.ssn4 === b.ssn4,
  },
  {
    id: 'typo',
    same: true,
    text: 'Same patient — a keying error in the name',
    holds: ({ a, b }) =>
      a.birthDate === b.birthDate && a.ssn4 === b.ssn4 && ((a.family !== b.family && similarity(a.family, b.family) >= 0.7) || (a.given !== b.given && !isNicknamePair(a.given, b.given) && similarity(a.given, b.given) >= 0.7)),
  },
  {
    id: 'maiden-name',
    same: true,
    text: 'Same patient — a family name change at marriage (maiden and married name)',
    holds: ({ a, b }) => a.given === b.given && a.family !== b.family && similarity(a.family, b.family) < 0.7 && a.birthDate === b.birthDate && a.ssn4 === b.ssn4,
  },
  {
    id: 'transposed-birth-date',
    same: true,
    text: 'Same patient — the date of birth was keyed with digits transposed',
    holds: ({ a, b }) => a.birthDate !== b.birthDate && transpositionsOf(a.birthDate, QUIZ_REF_DATE).includes(b.birthDate) && a.given === b.given && a.family === b.family && a.ssn4 === b.ssn4,
  },
  {
    id: 'namesake',
    same: false,
    text: 'Different people — the same name, but a different date of birth and SSN',
    holds: ({ a, b }) => a.given === b.given && a.family === b.family && a.birthDate !== b.birthDate && !transpositionsOf(a.birthDate, QUIZ_REF_DATE).includes(b.birthDate) && a.ssn4 !== b.ssn4,
  },
  {
    id: 'twins',
    same: false,
    text: 'Different people — twins (same birth date and address, different first name and SSN)',
    holds: ({ a, b }) => a.family === b.family && a.birthDate === b.birthDate && a.address === b.address && !tooClose(a.given, b.given) && a.ssn4 !== b.ssn4,
  },
  {
    id: 'jr-sr',
    same: false,
    text: 'Different people — father and son (Sr. and Jr.) at the same address',
    holds: ({ a, b }) => a.given === b.given && a.family === b.family && a.address === b.address && Math.abs(daysBetween(a.birthDate, b.birthDate)) >= 15 * 365 && a.ssn4 !== b.ssn4,
  },
];

const WHY_SAME =
  'Left unlinked, a duplicate splits the patient’s history: an allergy or result on one record is missing from the other (AHIMA, “Managing the Integrity of Patient Identity in Health Information Exchange”).';
const WHY_DIFFERENT = 'Merging two different people is an overlay: one person’s allergies, results and diagnoses appear in the other’s record, the most dangerous MPI error.';

function plant(rng: Rng, variation: Variation): Pair | undefined {
  const seed = () => rng.uint32();
  const needsFemaleAdult = variation === 'maiden-name';
  const sex: 'male' | 'female' = needsFemaleAdult ? 'female' : variation === 'jr-sr' ? 'male' : rng.chance(0.5) ? 'female' : 'male';
  const age = variation === 'jr-sr' ? rng.int(55, 85) : rng.int(needsFemaleAdult ? 25 : 1, 88);
  const a = register(seed(), sex, age, rng);
  if (variation === 'nickname' && !NICKNAMES[a.given]) {
    a.given = rng.pick(Object.keys(NICKNAMES).filter((n) => NICKNAMES[n]?.sex === sex));
  }
  const other = register(seed(), sex, age, rng);
  const b: Registration = { ...a, mrn: other.mrn, created: createdAfter(rng, a.created) };
  switch (variation) {
    case 'new-address':
      b.address = other.address;
      b.phone = other.phone;
      break;
    case 'nickname':
      b.given = (NICKNAMES[a.given] as { nick: string }).nick;
      break;
    case 'typo':
      if (rng.chance(0.5)) b.family = typo(rng, a.family);
      else b.given = typo(rng, a.given);
      break;
    case 'maiden-name':
      b.family = other.family;
      break;
    case 'transposed-birth-date': {
      const options = transpositionsOf(a.birthDate, QUIZ_REF_DATE);
      if (options.length === 0) return undefined;
      b.birthDate = rng.pick(options);
      break;
    }
    case 'namesake': {
      const older = register(seed(), sex, Math.min(95, age + rng.int(3, 20)), rng);
      Object.assign(b, { birthDate: older.birthDate, address: older.address, phone: older.phone, ssn4: older.ssn4, middle: older.middle });
      break;
    }
    case 'twins': {
      let given = other.given;
      for (let k = 0; k < 6 && tooClose(given, a.given); k++) given = register(seed(), sex, age, rng).given;
      Object.assign(b, { given, middle: other.middle, ssn4: other.ssn4 });
      break;
    }
    case 'jr-sr': {
      const son = addYears(a.birthDate, rng.int(22, 36));
      Object.assign(b, { birthDate: addDays(son, rng.int(-120, 120)), middle: other.middle, ssn4: other.ssn4, suffix: 'Jr.' });
      break;
    }
  }
  if (b.ssn4 === a.ssn4 && !CLAIMS.find((c) => c.id === variation)?.same) return undefined;
  // Newer record second half the time, so list order gives nothing away.
  return rng.chance(0.5) ? { a, b } : { a: b, b: a };
}

function block(label: string, r: Registration): string[] {
  const name = `${r.family.toUpperCase()}, ${r.given.toUpperCase()}${r.middle ? ` ${r.middle[0]}` : ''}${r.suffix ? ` ${r.suffix.toUpperCase()}` : ''}`;
  return [
    `${label} — MRN ${r.mrn} — registered ${usDate(r.created)}`,
    `  Name:    ${name}`,
    `  DOB:     ${usDate(r.birthDate)}    Sex: ${r.sex === 'male' ? 'M' : 'F'}`,
    `  Address: ${r.address}`,
    `  Phone:   ${r.phone}    SSN (last 4): ${r.ssn4}`,
  ];
}

export function recordIntegrityQuestion(ctx: KindContext): Draft | undefined {
  const { rng, difficulty } = ctx;
  const variation = rng.pick(LEVEL[difficulty]);
  const pair = plant(rng, variation);
  if (!pair) return undefined;
  const claim = CLAIMS.find((c) => c.id === variation);
  if (!claim || !claim.holds(pair)) return undefined;
  const wrong = CLAIMS.filter((c) => c !== claim && !c.holds(pair));
  const opposite = rng.shuffle(wrong.filter((c) => c.same !== claim.same));
  const sameSide = rng.shuffle(wrong.filter((c) => c.same === claim.same));
  // At least one choice of the other verdict, so the verdict itself is tested.
  const candidates = [...opposite.slice(0, 1), ...rng.shuffle([...opposite.slice(1), ...sameSide])].map((c) => c.text);
  const mc = multipleChoice(rng, claim.text, candidates);
  if (!mc) return undefined;
  const { a, b } = pair;
  const excerpt = [...block('Record 1', a), '', ...block('Record 2', b)].join('\n');
  return {
    prompt: `Registrations MRN ${a.mrn} and MRN ${b.mrn}: the same patient or two different people? Choose the finding that explains them.`,
    excerpt,
    ...mc,
    explanation: `${claim.text.replace(' — ', ': ')}. ${detail(variation, pair)} ${claim.same ? WHY_SAME : WHY_DIFFERENT}`,
    source: { type: 'code-table', table: 'registrations' },
  };
}

function detail(variation: Variation, { a, b }: Pair): string {
  const same = `Date of birth ${usDate(a.birthDate)} and SSN-4 ${a.ssn4} match`;
  switch (variation) {
    case 'new-address':
      return `${same}; only the address and phone changed.`;
    case 'nickname':
      return `${same}; ${[a.given, b.given].sort().join(' and ')} are the same first name (a nickname).`;
    case 'typo':
      return `${same}; ${a.family !== b.family ? `${a.family} and ${b.family}` : `${a.given} and ${b.given}`} differ by one keyed letter.`;
    case 'maiden-name':
      return `${same}, and so do the first name and phone; only the family name changed (${a.family} and ${b.family}).`;
    case 'transposed-birth-date':
      return `Name and SSN-4 ${a.ssn4} match; ${usDate(a.birthDate)} and ${usDate(b.birthDate)} are the same date with two digits swapped.`;
    case 'namesake':
      return `Only the name matches: dates of birth ${usDate(a.birthDate)} and ${usDate(b.birthDate)}, SSN-4 ${a.ssn4} and ${b.ssn4} and the addresses differ.`;
    case 'twins':
      return `Same family name, date of birth and address, but different first names (${a.given}, ${b.given}) and SSN-4 (${a.ssn4}, ${b.ssn4}).`;
    case 'jr-sr':
      return `Same name and address, but dates of birth ${usDate(a.birthDate)} and ${usDate(b.birthDate)} are a generation apart and the SSN-4 differ (${a.ssn4}, ${b.ssn4}); one is a Jr.`;
  }
}
