import type { Patient } from '@medplum/fhirtypes';
import { cohortSeeds } from '@/domain/chart/generate-chart';
import { fictionalPhone, generateRegistration, mrnForSeed, seededFaker } from '@/domain/chart/demographics';
import { createRng, deriveSeed, type Rng } from '@/domain/rng/rng';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { normalizeText, similarity } from '@/domain/scoring/match';
import type { FeedbackItem, ScoreReport } from '@/domain/scoring/score-types';
import type { MpiAnswers } from '@/domain/scoring/submission-schema';
import { addDays, ageOn, daysBetween, printDate } from '@/domain/time/dates';
import type { MpiExercise, MpiKeyGroup, MpiRecord } from './exercise-types';

/**
 * Master patient index clean-up: an index with duplicate registrations of the same person (each
 * with its own MRN, which is what makes it a duplicate) and look-alike different people. The
 * learner links the records of one person and picks the surviving record of each merge.
 *
 * The variations are the ones AHIMA's practice briefs name as the usual causes of duplicates:
 * misspellings, nicknames, transposed birth dates, name changes at marriage, reversed first and
 * last names, missing data and changed addresses ("Managing the Integrity of Patient Identity in
 * Health Information Exchange", 2009/2014; "Fundamentals for Building a Master Patient Index /
 * Enterprise Master Patient Index", 2010).
 */

type MpiTask = Extract<Scenario['task'], { kind: 'mpi' }>;
type Variation = MpiTask['variations'][number];

/**
 * The survivor rule the exercise states and scores. Which record survives is facility policy
 * (AHIMA's MPI practice briefs ask for a written merge policy rather than prescribing one);
 * keeping the oldest registration, whose number the patient's earliest documents already carry,
 * is the common choice and the one this trainer teaches.
 */
export const MPI_SURVIVOR_RULE =
  'When records are merged, the earliest-created registration survives; the later duplicates are merged into it.';

/**
 * Common U.S. nicknames (formal name → everyday name), with the sex the formal name is usually
 * given to, so a person who needs a nickname can be given a fitting formal name.
 */
export const NICKNAMES: Record<string, { nick: string; sex: 'male' | 'female' }> = {
  William: { nick: 'Bill', sex: 'male' },
  Robert: { nick: 'Bob', sex: 'male' },
  Richard: { nick: 'Rick', sex: 'male' },
  James: { nick: 'Jim', sex: 'male' },
  John: { nick: 'Jack', sex: 'male' },
  Michael: { nick: 'Mike', sex: 'male' },
  Thomas: { nick: 'Tom', sex: 'male' },
  Charles: { nick: 'Chuck', sex: 'male' },
  Joseph: { nick: 'Joe', sex: 'male' },
  Christopher: { nick: 'Chris', sex: 'male' },
  Daniel: { nick: 'Dan', sex: 'male' },
  Matthew: { nick: 'Matt', sex: 'male' },
  Anthony: { nick: 'Tony', sex: 'male' },
  Edward: { nick: 'Ed', sex: 'male' },
  Steven: { nick: 'Steve', sex: 'male' },
  Andrew: { nick: 'Andy', sex: 'male' },
  Joshua: { nick: 'Josh', sex: 'male' },
  Benjamin: { nick: 'Ben', sex: 'male' },
  Nicholas: { nick: 'Nick', sex: 'male' },
  Timothy: { nick: 'Tim', sex: 'male' },
  Kenneth: { nick: 'Ken', sex: 'male' },
  Ronald: { nick: 'Ron', sex: 'male' },
  Donald: { nick: 'Don', sex: 'male' },
  Gerald: { nick: 'Jerry', sex: 'male' },
  Lawrence: { nick: 'Larry', sex: 'male' },
  Gregory: { nick: 'Greg', sex: 'male' },
  Jeffrey: { nick: 'Jeff', sex: 'male' },
  Frederick: { nick: 'Fred', sex: 'male' },
  Henry: { nick: 'Hank', sex: 'male' },
  Patrick: { nick: 'Pat', sex: 'male' },
  Elizabeth: { nick: 'Liz', sex: 'female' },
  Margaret: { nick: 'Peggy', sex: 'female' },
  Katherine: { nick: 'Kate', sex: 'female' },
  Catherine: { nick: 'Cathy', sex: 'female' },
  Jennifer: { nick: 'Jenny', sex: 'female' },
  Patricia: { nick: 'Patty', sex: 'female' },
  Susan: { nick: 'Sue', sex: 'female' },
  Deborah: { nick: 'Debbie', sex: 'female' },
  Rebecca: { nick: 'Becky', sex: 'female' },
  Kimberly: { nick: 'Kim', sex: 'female' },
  Victoria: { nick: 'Vicky', sex: 'female' },
  Abigail: { nick: 'Abby', sex: 'female' },
  Dorothy: { nick: 'Dot', sex: 'female' },
  Barbara: { nick: 'Barb', sex: 'female' },
  Cynthia: { nick: 'Cindy', sex: 'female' },
  Pamela: { nick: 'Pam', sex: 'female' },
  Judith: { nick: 'Judy', sex: 'female' },
  Sandra: { nick: 'Sandy', sex: 'female' },
  Jacqueline: { nick: 'Jackie', sex: 'female' },
  Theresa: { nick: 'Terri', sex: 'female' },
};

/** Letters next to each other on a QWERTY keyboard: the substitutions a registrar's finger makes. */
const KEY_NEIGHBORS: Record<string, string> = {
  a: 'sq', b: 'vn', c: 'xv', d: 'sf', e: 'wr', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl', l: 'k', m: 'n',
  n: 'bm', o: 'ip', p: 'o', q: 'w', r: 'et', s: 'ad', t: 'ry', u: 'yi', v: 'cb', w: 'qe', x: 'zc', y: 'tu', z: 'x',
};

const WHY = {
  link: 'Duplicate records split a patient’s history: the allergy documented on one record is missing from the other, tests are repeated, and results go unseen.',
  survivor:
    'Merging into the wrong record keeps the later number active and can orphan documents that point to the original; the merge policy decides which record survives.',
  overlay:
    'Linking two different people creates an overlay: one person’s allergies, results and diagnoses appear in the other’s record, the most dangerous MPI error.',
} as const;

interface Person {
  given: string;
  middle?: string;
  family: string;
  birthDate: string;
  sex: string;
  address: string;
  phone: string;
  ssnLast4: string;
  created: string;
}

interface Draft extends Omit<MpiRecord, 'recordId'> {
  /** Index of the person (people first, then decoys). */
  person: number;
  /** How a duplicate differs from the original, for feedback. */
  difference?: string;
  /** For a decoy: the person it resembles and why it is someone else. */
  decoyOf?: { person: number; reason: string };
}

function mpiTask(scenario: Scenario): MpiTask {
  if (scenario.task.kind !== 'mpi') throw new Error(`Scenario ${scenario.id} is a ${scenario.task.kind} task, not mpi`);
  return scenario.task;
}

const us = (day: string) => printDate(day, 'us');

function oneLineAddress(p: Patient): string {
  const a = p.address?.[0];
  if (!a) return '';
  return `${(a.line ?? []).join(' ')}, ${a.city}, ${a.state} ${a.postalCode ?? ''}`.trim();
}

function isValidDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day;
}

/**
 * Birth dates a registrar could have keyed instead of `birthDate`: month and day swapped (both
 * 12 or less), or two adjacent year digits swapped; only real dates in the past.
 */
export function transpositionsOf(birthDate: string, refDate: string): string[] {
  const [y, m, d] = birthDate.split('-') as [string, string, string];
  const out: string[] = [];
  if (Number(m) <= 12 && Number(d) <= 12 && m !== d) out.push(`${y}-${d}-${m}`);
  for (const i of [2, 1]) {
    if (y[i] === y[i + 1]) continue;
    const swapped = `${y.slice(0, i)}${y[i + 1]}${y[i]}${y.slice(i + 2)}`;
    out.push(`${swapped}-${m}-${d}`);
  }
  return out.filter((day) => isValidDay(day) && daysBetween(day, refDate) > 0 && Number(day.slice(0, 4)) >= 1900);
}

/** One letter substituted by a keyboard neighbour or dropped, never the first letter. */
function typo(rng: Rng, name: string): string {
  const positions = Array.from(name, (_c, i) => i).filter((i) => i > 0 && /[a-z]/i.test(name[i] as string));
  if (positions.length === 0) return `${name}${name.slice(-1)}`;
  const i = rng.pick(positions);
  const c = name[i] as string;
  if (name.length >= 4 && rng.chance(0.4)) return name.slice(0, i) + name.slice(i + 1);
  const neighbors = KEY_NEIGHBORS[c.toLowerCase()] ?? 'e';
  const sub = rng.pick(neighbors.split(''));
  return name.slice(0, i) + (c === c.toUpperCase() ? sub.toUpperCase() : sub) + name.slice(i + 1);
}

/** Whether `variation` can be applied to this person (a nickname needs a name that has one). */
function applies(variation: Variation, p: Person, refDate: string): boolean {
  switch (variation) {
    case 'nickname':
      return NICKNAMES[p.given] !== undefined;
    case 'transposed-birth-date':
      return transpositionsOf(p.birthDate, refDate).length > 0;
    case 'maiden-name':
      return p.sex === 'female' && ageOn(p.birthDate, refDate) >= 18;
    case 'missing-middle-name':
      return !!p.middle;
    default:
      return true;
  }
}

/** Order in which variations are applied, so a nickname and a typo never hit the same name. */
const APPLY_ORDER: Variation[] = ['maiden-name', 'nickname', 'typo', 'swapped-names', 'missing-middle-name', 'transposed-birth-date', 'new-address'];

function applyVariation(rng: Rng, v: Variation, draft: Draft, ctx: { refDate: string; variations: Variation[]; newFamily: () => string; newAddress: () => { address: string; phone: string } }): string {
  switch (v) {
    case 'typo': {
      const onGiven = !ctx.variations.includes('nickname') && rng.chance(0.5);
      if (onGiven) {
        const before = draft.given;
        draft.given = typo(rng, before);
        return `typo in the given name: ${draft.given} for ${before}`;
      }
      const before = draft.family;
      draft.family = typo(rng, before);
      return `typo in the family name: ${draft.family} for ${before}`;
    }
    case 'nickname': {
      const before = draft.given;
      draft.given = NICKNAMES[before]?.nick ?? before;
      return `nickname: ${draft.given} for ${before}`;
    }
    case 'transposed-birth-date': {
      const before = draft.birthDate;
      draft.birthDate = rng.pick(transpositionsOf(before, ctx.refDate));
      return `birth date transposed: ${us(draft.birthDate)} for ${us(before)}`;
    }
    case 'maiden-name': {
      const before = draft.family;
      draft.family = ctx.newFamily();
      return `registered under another family name (maiden or married name): ${draft.family} for ${before}`;
    }
    case 'swapped-names': {
      const given = draft.given;
      draft.given = draft.family;
      draft.family = given;
      return `given and family names swapped: ${draft.given} ${draft.family} for ${given} ${draft.given}`;
    }
    case 'missing-middle-name': {
      const before = draft.middle;
      delete draft.middle;
      return `middle name missing (${before})`;
    }
    case 'new-address': {
      const moved = ctx.newAddress();
      draft.address = moved.address;
      draft.phone = moved.phone;
      return `moved: new address and phone (${moved.address})`;
    }
  }
}

function fullName(r: { given: string; middle?: string; family: string; suffix?: string }): string {
  return [r.given, r.middle, r.family, r.suffix].filter(Boolean).join(' ');
}

export function buildMpiExercise(scenario: Scenario, seed: number): MpiExercise {
  const task = mpiTask(scenario);
  const refDate = scenario.refDate;
  const spec = scenario.patients;
  const rng = createRng(seed);
  const lo = spec.minAge ?? 0;
  const hi = Math.max(lo, Math.min(spec.maxAge ?? 92, 105));
  const canMaiden = spec.sex !== 'male' && hi >= 18;
  const variations = task.variations.filter((v) => v !== 'maiden-name' || canMaiden);
  if (variations.length === 0) variations.push('typo');

  // 1. Plan the duplicates: spread over people, cycling through the scenario's variations.
  const owners = rng.shuffle(Array.from({ length: task.people }, (_, i) => i));
  const offset = rng.int(0, variations.length - 1);
  const plans = Array.from({ length: task.duplicates }, (_, i) => {
    const primary = variations[(i + offset) % variations.length] as Variation;
    const others = variations.filter((v) => v !== primary);
    const chosen: Variation[] = [primary];
    if (others.length > 0 && rng.chance(0.3)) chosen.push(rng.pick(others));
    return { owner: owners[i % owners.length] as number, variations: chosen };
  });
  const needs = Array.from({ length: task.people }, () => ({ femaleAdult: false, nickname: false }));
  for (const plan of plans) {
    const need = needs[plan.owner] as { femaleAdult: boolean; nickname: boolean };
    if (plan.variations.includes('maiden-name')) need.femaleAdult = true;
    if (plan.variations.includes('nickname')) need.nickname = true;
  }

  // 2. The people and the decoys, registration data only (no chart is needed for an index).
  const seeds = cohortSeeds(seed, task.people + task.decoys);
  const register = (i: number, sex: 'male' | 'female', age: number): Patient =>
    generateRegistration(createRng(deriveSeed(seeds[i] as number, 1)), seededFaker(seeds[i] as number, refDate), {
      seed: seeds[i] as number,
      refDate,
      sex,
      age,
    }).patient;
  const usedSsn = new Set<string>();
  const newSsn = (): string => {
    for (;;) {
      const ssn = String(rng.int(1, 9999)).padStart(4, '0');
      if (!usedSsn.has(ssn)) {
        usedSsn.add(ssn);
        return ssn;
      }
    }
  };
  const createdFor = (birthDate: string): string => {
    const created = addDays(refDate, -rng.int(400, 5500));
    return daysBetween(birthDate, created) >= 0 ? created : birthDate;
  };
  const toPerson = (p: Patient): Person => {
    const name = p.name?.[0];
    return {
      given: name?.given?.[0] ?? '',
      middle: name?.given?.[1],
      family: name?.family ?? '',
      birthDate: p.birthDate as string,
      sex: p.gender ?? 'unknown',
      address: oneLineAddress(p),
      phone: p.telecom?.find((t) => t.system === 'phone')?.value ?? '',
      ssnLast4: newSsn(),
      created: createdFor(p.birthDate as string),
    };
  };
  const mrns = new Set<string>();
  const people: Person[] = [];
  const originalMrns: string[] = [];
  needs.forEach((need, i) => {
    const sex = need.femaleAdult ? 'female' : (spec.sex ?? (rng.chance(0.5) ? 'female' : 'male'));
    const ageLo = need.femaleAdult ? Math.max(lo, 18) : lo;
    const patient = register(i, sex, rng.int(ageLo, Math.max(ageLo, hi)));
    const person = toPerson(patient);
    if (need.nickname && !NICKNAMES[person.given]) {
      const fitting = Object.keys(NICKNAMES).filter((n) => NICKNAMES[n]?.sex === person.sex);
      if (fitting.length > 0) person.given = rng.pick(fitting);
    }
    people.push(person);
    const mrn = patient.identifier?.[0]?.value ?? mrnForSeed(seeds[i] as number);
    mrns.add(mrn);
    originalMrns.push(mrn);
  });
  const newMrn = (n: number): string => {
    for (let k = 0; ; k++) {
      const mrn = mrnForSeed(deriveSeed(seed ^ 0x4d5049, n * 31 + k));
      if (!mrns.has(mrn)) {
        mrns.add(mrn);
        return mrn;
      }
    }
  };

  // Most index records carry the SSN's last four digits; duplicates are the ones that lack it more often.
  const originals: Draft[] = people.map((p, i) => ({
    person: i,
    mrn: originalMrns[i] as string,
    family: p.family,
    given: p.given,
    ...(p.middle ? { middle: p.middle } : {}),
    birthDate: p.birthDate,
    sex: p.sex,
    address: p.address,
    phone: p.phone,
    ...(rng.chance(0.9) ? { ssnLast4: p.ssnLast4 } : {}),
    created: p.created,
  }));

  // 3. Duplicates: a copy of the original registration, created later, with one or two variations.
  const duplicates: Draft[] = plans.map((plan, n) => {
    const person = people[plan.owner] as Person;
    const original = originals[plan.owner] as Draft;
    let chosen = plan.variations.filter((v) => applies(v, person, refDate));
    if (chosen.length === 0) {
      const fallback = variations.filter((v) => applies(v, person, refDate));
      chosen = [fallback.length > 0 ? rng.pick(fallback) : 'typo'];
    }
    chosen.sort((a, b) => APPLY_ORDER.indexOf(a) - APPLY_ORDER.indexOf(b));
    const span = Math.max(1, daysBetween(original.created, refDate));
    const keepSsn = chosen.includes('maiden-name') ? 0.85 : 0.7;
    const draft: Draft = {
      ...original,
      mrn: newMrn(n),
      created: addDays(original.created, rng.int(Math.min(30, span), span)),
    };
    delete draft.ssnLast4;
    if (original.ssnLast4 ? rng.chance(keepSsn) : rng.chance(0.5)) draft.ssnLast4 = person.ssnLast4;
    const ctx = {
      refDate,
      variations: chosen,
      newFamily: () => {
        const faker = seededFaker(deriveSeed(seed, 9000 + n), refDate);
        for (let k = 0; k < 20; k++) {
          const family = faker.person.lastName();
          if (family !== person.family) return family;
        }
        return `${person.family}-Smith`;
      },
      newAddress: () => {
        const faker = seededFaker(deriveSeed(seed, 9500 + n), refDate);
        const address = `${faker.location.streetAddress()}, ${faker.location.city()}, ${faker.location.state({ abbreviated: true })} ${faker.location.zipCode('#####')}`;
        return { address, phone: fictionalPhone(rng) };
      },
    };
    draft.difference = chosen.map((v) => applyVariation(rng, v, draft, ctx)).join('; ');
    return draft;
  });

  // 4. Decoys: different people who look like someone in the index.
  const targets = rng.shuffle(Array.from({ length: task.people }, (_, i) => i));
  const firstKind = rng.chance(0.5) ? 0 : 1;
  const decoys: Draft[] = [];
  for (let k = 0; k < task.decoys; k++) {
    const index = task.people + k;
    const targetIndex = targets[k % targets.length] as number;
    const target = people[targetIndex] as Person;
    const targetOriginal = originals[targetIndex] as Draft;
    targetOriginal.ssnLast4 = target.ssnLast4;
    const twins = (k + firstKind) % 2 === 1;
    const targetAge = ageOn(target.birthDate, refDate);
    let draft: Draft;
    if (twins) {
      const sex = spec.sex ?? (rng.chance(0.5) ? 'female' : 'male');
      const twin = toPerson(register(index, sex, targetAge));
      let given = twin.given;
      const faker = seededFaker(deriveSeed(seeds[index] as number, 7), refDate);
      for (let tries = 0; tries < 20 && tooClose(given, target.given); tries++) given = faker.person.firstName(sex);
      draft = {
        person: index,
        mrn: mrnForSeed(seeds[index] as number),
        family: target.family,
        given,
        ...(twin.middle && !tooClose(twin.middle, target.middle ?? '') ? { middle: twin.middle } : {}),
        birthDate: target.birthDate,
        sex,
        address: target.address,
        phone: target.phone,
        ssnLast4: twin.ssnLast4,
        created: createdFor(target.birthDate),
        decoyOf: { person: targetIndex, reason: 'twins: same DOB, family name and address, but a different given name and SSN-4' },
      };
    } else {
      const ages = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i).filter((a) => Math.abs(a - targetAge) >= 2);
      const age = ages.length > 0 ? rng.pick(ages) : targetAge + 7;
      const namesake = toPerson(register(index, target.sex === 'female' ? 'female' : 'male', age));
      let birthDate = namesake.birthDate;
      // Not a transposition of the target's DOB, or the learner would rightly call it a duplicate.
      while (birthDate === target.birthDate || transpositionsOf(target.birthDate, refDate).includes(birthDate)) birthDate = addDays(birthDate, -45);
      draft = {
        person: index,
        mrn: mrnForSeed(seeds[index] as number),
        family: target.family,
        given: target.given,
        ...(namesake.middle ? { middle: namesake.middle } : {}),
        birthDate,
        sex: target.sex,
        address: namesake.address,
        phone: namesake.phone,
        ssnLast4: namesake.ssnLast4,
        created: daysBetween(birthDate, namesake.created) >= 0 ? namesake.created : birthDate,
        decoyOf: { person: targetIndex, reason: 'same name, but a different DOB, SSN-4 and address: a different person' },
      };
    }
    if (mrns.has(draft.mrn)) draft.mrn = newMrn(2000 + k);
    mrns.add(draft.mrn);
    decoys.push(draft);
  }

  // 5. Record ids in a shuffled order, so neither the id nor the list position reveals a group.
  const drafts = rng.shuffle([...originals, ...duplicates, ...decoys]);
  const ids = new Map<Draft, string>();
  drafts.forEach((d, i) => ids.set(d, `R${String(i + 1).padStart(4, '0')}`));
  const records: MpiRecord[] = drafts.map((d) => {
    const record: MpiRecord = {
      recordId: ids.get(d) as string,
      mrn: d.mrn,
      family: d.family,
      given: d.given,
      birthDate: d.birthDate,
      sex: d.sex,
      address: d.address,
      phone: d.phone,
      created: d.created,
    };
    if (d.middle) record.middle = d.middle;
    if (d.suffix) record.suffix = d.suffix;
    if (d.ssnLast4) record.ssnLast4 = d.ssnLast4;
    return record;
  });

  const key: MpiKeyGroup[] = [];
  people.forEach((_, i) => {
    const group = drafts.filter((d) => d.person === i);
    if (group.length < 2) return;
    const survivor = group.reduce((best, d) => (d.created < best.created ? d : best));
    const differences: Record<string, string> = {};
    for (const d of group) if (d.difference) differences[ids.get(d) as string] = d.difference;
    key.push({ recordIds: group.map((d) => ids.get(d) as string).sort(), survivorId: ids.get(survivor) as string, differences });
  });
  key.sort((a, b) => (a.survivorId < b.survivorId ? -1 : 1));
  const decoyPairs = decoys.map((d) => ({
    recordIds: [ids.get(d) as string, ids.get(originals[d.decoyOf?.person ?? 0] as Draft) as string] as [string, string],
    reason: d.decoyOf?.reason ?? '',
  }));

  return { kind: 'mpi', scenario, seed, records, key, decoys: decoyPairs };
}

/** Names a learner could take for the same name: equal, a nickname pair, or one typo apart. */
function tooClose(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (normalizeText(a) === normalizeText(b)) return true;
  if (NICKNAMES[a]?.nick === b || NICKNAMES[b]?.nick === a) return true;
  return similarity(a, b) >= 0.7;
}

export function mpiKeyAnswers(ex: MpiExercise): MpiAnswers {
  return { kind: 'mpi', groups: ex.key.map((g) => ({ recordIds: [...g.recordIds], survivorId: g.survivorId })) };
}

// --- Scoring -----------------------------------------------------------------------------------

/** Why two records the learner linked are different people, from what the index shows. */
function whyDifferent(ex: MpiExercise, a: MpiRecord, b: MpiRecord, personOf: Map<string, number>): string {
  const decoy = ex.decoys.find(
    (d) =>
      (personOf.get(d.recordIds[0]) === personOf.get(a.recordId) && personOf.get(d.recordIds[1]) === personOf.get(b.recordId)) ||
      (personOf.get(d.recordIds[0]) === personOf.get(b.recordId) && personOf.get(d.recordIds[1]) === personOf.get(a.recordId)),
  );
  if (decoy) return `Different people — ${decoy.reason}.`;
  const diffs: string[] = [];
  if (a.birthDate !== b.birthDate) diffs.push('DOB');
  if (a.ssnLast4 && b.ssnLast4 && a.ssnLast4 !== b.ssnLast4) diffs.push('SSN-4');
  if (a.sex !== b.sex) diffs.push('sex');
  if (!tooClose(a.given, b.given) && !tooClose(a.family, b.family)) diffs.push('name');
  const list = diffs.length > 1 ? `${diffs.slice(0, -1).join(', ')} and ${diffs[diffs.length - 1]}` : (diffs[0] ?? 'identifiers');
  return `Different people: different ${list}.`;
}

function describe(r: MpiRecord): string {
  return `${r.recordId} ${fullName(r)}, DOB ${us(r.birthDate)}${r.ssnLast4 ? `, SSN-4 ${r.ssnLast4}` : ''}, created ${us(r.created)}`;
}

/**
 * Score the index clean-up. Pairs of records give precision and recall. Items: each duplicate
 * linked to its survivor (1), each group's survivor (1, only when the merge holds no one else), and
 * one extra item (1) for every record linked to a person it does not belong to, so linking
 * everything does not pay. A learner's group
 * (groups that share a record are one) belongs to the person who holds most of its records; the
 * others in it are wrong links.
 */
export function scoreMpi(ex: MpiExercise, answers: MpiAnswers): ScoreReport {
  const byId = new Map(ex.records.map((r) => [r.recordId, r]));
  const personOf = new Map<string, number>();
  ex.key.forEach((g, gi) => g.recordIds.forEach((id) => personOf.set(id, gi)));
  let next = ex.key.length;
  for (const r of ex.records) if (!personOf.has(r.recordId)) personOf.set(r.recordId, next++);

  const extras: FeedbackItem[] = [];
  const extra = (label: string, expected: string, entered: string, note: string): void => {
    extras.push({ id: `mpi:extra:${extras.length}`, section: 'mpi', label, field: 'link', expected, entered, earned: 0, weight: 1, verdict: 'extra', note, whyItMatters: WHY.overlay, evidence: [] });
  };

  // Union-find over the learner's groups.
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(id, root);
    return root;
  };
  const unknown = new Set<string>();
  for (const g of answers.groups) {
    const known = [...new Set(g.recordIds)].filter((id) => {
      if (byId.has(id)) return true;
      if (!unknown.has(id)) {
        unknown.add(id);
        extra(`Unknown record ${id}`, 'a record of the index', id, 'There is no such record in the index.');
      }
      return false;
    });
    for (const id of known) if (!parent.has(id)) parent.set(id, id);
    for (const id of known.slice(1)) parent.set(find(id), find(known[0] as string));
  }
  const clusters = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    clusters.set(root, [...(clusters.get(root) ?? []), id]);
  }
  for (const [root, members] of clusters) if (members.length < 2) clusters.delete(root);
  // The survivor the learner named for a cluster: that of the first of their groups inside it.
  const survivorOf = new Map<string, string>();
  answers.groups.forEach((g) => {
    const id = g.recordIds.find((r) => byId.has(r) && parent.has(r));
    if (!id) return;
    const root = find(id);
    if (clusters.has(root) && !survivorOf.has(root)) survivorOf.set(root, g.survivorId);
  });

  // Pairs.
  let truePositives = 0;
  let falsePositives = 0;
  for (const members of clusters.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        if (personOf.get(members[i] as string) === personOf.get(members[j] as string)) truePositives++;
        else falsePositives++;
      }
    }
  }
  const truePairs = ex.key.reduce((s, g) => s + (g.recordIds.length * (g.recordIds.length - 1)) / 2, 0);
  const falseNegatives = truePairs - truePositives;

  // Whose each cluster is: the person with most records in it (ties: the named survivor's person).
  const clusterPerson = new Map<string, number>();
  for (const [root, members] of clusters) {
    const counts = new Map<number, number>();
    for (const id of members) counts.set(personOf.get(id) as number, (counts.get(personOf.get(id) as number) ?? 0) + 1);
    const most = Math.max(...counts.values());
    const tied = [...counts].filter(([, c]) => c === most).map(([p]) => p);
    const named = survivorOf.get(root);
    const namedPerson = named !== undefined ? personOf.get(named) : undefined;
    clusterPerson.set(root, namedPerson !== undefined && tied.includes(namedPerson) ? namedPerson : Math.min(...tied));
  }
  for (const [root, members] of clusters) {
    const owner = clusterPerson.get(root) as number;
    const named = survivorOf.get(root);
    const anchorId = named !== undefined && personOf.get(named) === owner && members.includes(named) ? named : (members.filter((m) => personOf.get(m) === owner).sort()[0] as string);
    const anchor = byId.get(anchorId) as MpiRecord;
    for (const id of [...members].sort()) {
      if (personOf.get(id) === owner) continue;
      const r = byId.get(id) as MpiRecord;
      extra(`Wrongly linked: ${id} ${fullName(r)} with ${anchorId} ${fullName(anchor)}`, 'not linked (different people)', `linked with ${anchorId}`, `${whyDifferent(ex, r, anchor, personOf)} ${describe(r)}; ${describe(anchor)}.`);
    }
  }

  const items: FeedbackItem[] = [];
  ex.key.forEach((g, gi) => {
    const survivor = byId.get(g.survivorId) as MpiRecord;
    const name = fullName(survivor);
    for (const id of g.recordIds) {
      if (id === g.survivorId) continue;
      const inCluster = parent.has(id) && clusters.has(find(id));
      const linked = inCluster && parent.has(g.survivorId) && find(id) === find(g.survivorId) && clusterPerson.get(find(id)) === gi;
      const partners = inCluster ? (clusters.get(find(id)) ?? []).filter((m) => m !== id).sort() : [];
      const difference = g.differences[id] ?? 'a duplicate registration';
      items.push({
        id: `mpi:${gi}:link-${id}`,
        section: 'mpi',
        label: `Duplicate ${id} of ${g.survivorId} (${name})`,
        field: 'link',
        expected: `linked with ${g.survivorId}`,
        entered: inCluster ? `linked with ${partners.join(', ')}` : null,
        earned: linked ? 1 : 0,
        weight: 1,
        verdict: linked ? 'correct' : inCluster ? 'wrong' : 'missing',
        note: linked
          ? undefined
          : inCluster
            ? `Linked, but not with its own original ${g.survivorId} (${name}): ${difference}.`
            : `Not linked: ${id} is ${name} again — ${difference}.`,
        whyItMatters: WHY.link,
        evidence: [],
      });
    }

    // The learner's cluster for this person: the one holding its survivor, else its largest.
    const candidates = [...clusters.keys()].filter((root) => clusterPerson.get(root) === gi);
    const root =
      parent.has(g.survivorId) && candidates.includes(find(g.survivorId))
        ? find(g.survivorId)
        : candidates.sort((a, b) => (clusters.get(b)?.length ?? 0) - (clusters.get(a)?.length ?? 0))[0];
    const named = root !== undefined ? survivorOf.get(root) : undefined;
    // A merge that also pulls in another person is an overlay to be undone, not a merge with a
    // right survivor: without this, linking every record into one group would still earn survivors.
    const overlaid = root !== undefined && (clusters.get(root) ?? []).some((m) => personOf.get(m) !== gi);
    const right = named === g.survivorId && !overlaid;
    const namedRecord = named !== undefined ? byId.get(named) : undefined;
    items.push({
      id: `mpi:${gi}:survivor`,
      section: 'mpi',
      label: `Survivor of ${name}’s records (${g.recordIds.join(', ')})`,
      field: 'survivor',
      expected: `${g.survivorId} (created ${us(survivor.created)}, the earliest)`,
      entered: named === undefined ? null : namedRecord ? `${named} (created ${us(namedRecord.created)})` : named,
      earned: right ? 1 : 0,
      weight: 1,
      verdict: right ? 'correct' : named === undefined ? 'missing' : 'wrong',
      note: right
        ? undefined
        : named === undefined
          ? `These records were not merged. ${MPI_SURVIVOR_RULE}`
          : named === g.survivorId
            ? `The right survivor, but the merge also takes in another person’s records (an overlay), so it must be undone.`
            : g.recordIds.includes(named) && namedRecord
            ? `${MPI_SURVIVOR_RULE} ${g.survivorId} was created ${us(survivor.created)}, before ${named} (${us(namedRecord.created)}).`
            : `${MPI_SURVIVOR_RULE} ${named} is not one of ${name}’s records; ${g.survivorId} (created ${us(survivor.created)}) is the earliest.`,
      whyItMatters: WHY.survivor,
      evidence: [],
    });
  });

  const all = [...items, ...extras];
  const earned = all.reduce((s, it) => s + it.earned, 0);
  const possible = all.reduce((s, it) => s + it.weight, 0);
  const score = possible > 0 ? earned / possible : 0;
  const proposed = truePositives + falsePositives;
  return {
    scenarioId: ex.scenario.id,
    seed: ex.seed,
    kind: 'mpi',
    score,
    passed: score >= ex.scenario.passingScore,
    passingScore: ex.scenario.passingScore,
    earned,
    possible,
    metrics: {
      precision: proposed > 0 ? truePositives / proposed : truePairs === 0 ? 1 : 0,
      recall: truePairs > 0 ? truePositives / truePairs : 1,
      truePositives,
      falsePositives,
      falseNegatives,
    },
    sections: [{ section: 'mpi', earned, possible }],
    items: all,
  };
}
