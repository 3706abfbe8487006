import { FREQUENCIES, LABS } from '@/domain/codes/code-tables';
import { FREQUENCY_ALIASES } from '@/domain/documents/phrases';
import { matchesAny, normalizeText } from '@/domain/scoring/match';
import abbreviationsFile from '../data/abbreviations.json';
import { acceptedOther, multipleChoice, uniq, type Draft, type KindContext } from '../question-kit';
import type { QuestionSource } from '../question-schema';

/**
 * Abbreviations as records use them, both ways (abbreviation → meaning, meaning → abbreviation),
 * from the curated list in ../data/abbreviations.json plus the code tables' frequency codes and
 * lab abbreviations. Each is asked in the context where it is read, and only where it has a
 * single meaning there ("PT" on a lab report is prothrombin time); distractors never share a
 * meaning with the answer. The advanced level adds The Joint Commission's "Do Not Use" list.
 */

type Context = 'order' | 'problem' | 'exam' | 'lab' | 'record' | 'vital' | 'allergy' | 'him';

interface Row {
  abbr: string;
  meaning: string;
  context: Context;
  also?: string[];
  ismp?: boolean;
  note?: string;
}

interface Entry {
  abbr: string;
  /** normalizeText(abbr), computed once. */
  key: string;
  context: Context;
  /** Canonical meaning first, then accepted alternatives. */
  meanings: string[];
  /** normalizeText of each meaning. */
  meaningKeys: Set<string>;
  note?: string;
  ismp: boolean;
  from: 'curated' | 'frequencies' | 'labs';
}

interface DoNotUse {
  abbr: string;
  intended: string;
  useInstead: string;
  problem: string;
  /** Another right way to write it ("MS" may have meant magnesium sulfate). */
  alsoCorrect?: string[];
  /** A dose designation (trailing or missing leading zero) rather than an abbreviation. */
  dose?: boolean;
  distractors?: string[];
}

const FILE = abbreviationsFile as { entries: Row[]; doNotUse: DoNotUse[]; safe: string[] };

const WHERE: Record<Context, { in: string; cap: string }> = {
  order: { in: 'in a medication order', cap: 'In a medication order' },
  problem: { in: 'on a problem list', cap: 'On a problem list' },
  exam: { in: 'in a physical exam note', cap: 'In a physical exam note' },
  lab: { in: 'on a lab report', cap: 'On a lab report' },
  record: { in: 'in a clinical note', cap: 'In a clinical note' },
  vital: { in: 'in the vital signs', cap: 'In the vital signs' },
  allergy: { in: 'on an allergy list', cap: 'On an allergy list' },
  him: { in: 'in health information management', cap: 'In health information management' },
};

/** Lab abbreviations left out: "UA" is urinalysis to most readers, not uric acid; "pH" and "SG" are not abbreviations of a name. */
const LAB_SKIP = new Set(['ua', 'ph', 'sg', '% sat']);

function entry(abbr: string, context: Context, meanings: string[], from: Entry['from'], extra: { note?: string; ismp?: boolean } = {}): Entry {
  const m = uniq(meanings);
  return { abbr, key: normalizeText(abbr), context, meanings: m, meaningKeys: new Set(m.map(normalizeText)), note: extra.note, ismp: !!extra.ismp, from };
}

function buildEntries(): Entry[] {
  const rows: Entry[] = FILE.entries.map((r) => entry(r.abbr, r.context, [r.meaning, ...(r.also ?? [])], 'curated', { note: r.note, ismp: r.ismp }));
  for (const f of FREQUENCIES) {
    // QD is on The Joint Commission's "Do Not Use" list; it is asked about there instead.
    if (f.code === 'QD') continue;
    rows.push(entry(f.code, 'order', [f.text, ...(FREQUENCY_ALIASES[f.code] ?? [])], 'frequencies'));
  }
  for (const t of LABS) {
    for (const abbr of t.abbreviations) {
      const key = abbr.toLowerCase();
      if (LAB_SKIP.has(key) || (abbr.length < 2 && abbr !== 'K')) continue;
      // A meaning that contains the abbreviation ("Hemoglobin A1c" for A1c) gives itself away; an
      // all-capitals short name ("AST" for SGOT) is another abbreviation, not a meaning.
      if (t.shortName.toLowerCase().includes(key) || /^[A-Z0-9-]{2,5}$/.test(t.shortName)) continue;
      rows.push(entry(abbr, 'lab', [t.shortName], 'labs'));
    }
  }
  // Merge spellings of one abbreviation in one context; drop any that mean two things there.
  const byKey = new Map<string, Entry>();
  const ambiguous = new Set<string>();
  for (const row of rows) {
    const key = `${row.context}|${row.key}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, row);
    else if (row.meanings.some((m) => matchesAny(m, seen.meanings))) byKey.set(key, entry(seen.abbr, seen.context, [...seen.meanings, ...row.meanings], seen.from, seen));
    else ambiguous.add(key);
  }
  return [...byKey].filter(([key]) => !ambiguous.has(key)).map(([, e]) => e);
}

const ENTRIES = buildEntries();
const BY_ABBR = new Map<string, Entry[]>();
for (const e of ENTRIES) BY_ABBR.set(e.key, [...(BY_ABBR.get(e.key) ?? []), e]);

/** Whether two entries share a meaning (cheap key test first, the synonym-aware one after). */
function shareMeaning(a: Entry, b: Entry): boolean {
  for (const k of a.meaningKeys) if (b.meaningKeys.has(k)) return true;
  return a.meanings.some((m) => matchesAny(m, b.meanings));
}

const sourceOf = (e: Entry): QuestionSource => ({ type: 'code-table', table: e.from === 'curated' ? 'abbreviations' : e.from });

export function abbreviationQuestion(ctx: KindContext): Draft | undefined {
  const { rng, difficulty } = ctx;
  if (difficulty === 'advanced' && rng.chance(0.3)) return doNotUseQuestion(ctx);
  // Typed questions ask for what a reader must know cold: the curated list and sig codes.
  const pool = difficulty === 'advanced' ? ENTRIES.filter((e) => e.from !== 'labs') : ENTRIES;
  const item = rng.pick(pool);
  const where = WHERE[item.context];
  const meaning = item.meanings[0] as string;
  const core = `"${item.abbr}" ${where.in} means "${meaning}"${item.meanings.length > 1 ? ` (also written ${item.meanings.slice(1).map((m) => `"${m}"`).join(', ')})` : ''}.${item.note ? ` ${item.note}` : ''}${noteFor(item)}`;
  const reverse = difficulty === 'intermediate' || (difficulty === 'advanced' && rng.chance(0.5));
  if (difficulty === 'advanced') {
    if (reverse) {
      const abbrs = ENTRIES.filter((e) => e.context === item.context && shareMeaning(e, item)).map((e) => e.abbr);
      return {
        prompt: rng.pick([`Type the abbreviation used ${where.in} for "${meaning}".`, `${where.cap}, how is "${meaning}" abbreviated? Type it.`]),
        format: 'typed',
        answer: item.abbr,
        accepted: acceptedOther(item.abbr, abbrs),
        match: 'text',
        explanation: core,
        source: sourceOf(item),
      };
    }
    return {
      prompt: rng.pick([`Type what "${item.abbr}" means ${where.in}.`, `${where.cap}, "${item.abbr}" stands for what? Type it out.`]),
      format: 'typed',
      answer: meaning,
      accepted: acceptedOther(meaning, item.meanings),
      match: 'text',
      explanation: core,
      source: sourceOf(item),
    };
  }
  const sameContext = rng.shuffle(ENTRIES.filter((e) => e !== item && e.context === item.context));
  const others = rng.shuffle(ENTRIES.filter((e) => e !== item && e.context !== item.context));
  const candidates = [...sameContext, ...others];
  if (reverse) {
    // A distractor abbreviation must not mean the answer anywhere.
    const byText = new Map(candidates.map((e) => [e.abbr, e]));
    const mc = multipleChoice(rng, item.abbr, [...byText.keys()], (text) =>
      (BY_ABBR.get(normalizeText(text)) ?? []).some((e) => e === item || shareMeaning(e, item)),
    );
    if (!mc) return undefined;
    return {
      prompt: rng.pick([
        `Which abbreviation ${where.in} means "${meaning}"?`,
        `${where.cap}, "${meaning}" is abbreviated as:`,
        `How is "${meaning}" abbreviated ${where.in}?`,
        `Which abbreviation would you expect ${where.in} for "${meaning}"?`,
      ]),
      ...mc,
      explanation: `${core}${othersNote(mc.choices, (t) => byText.get(t))}`,
      source: sourceOf(item),
    };
  }
  // Every meaning the abbreviation has anywhere counts as correct, so none is offered as wrong.
  const allMeanings = (BY_ABBR.get(item.key) ?? [item]).flatMap((e) => e.meanings);
  const byText = new Map(candidates.map((e) => [e.meanings[0] as string, e]));
  const mc = multipleChoice(rng, meaning, [...byText.keys()], (text) => matchesAny(text, allMeanings));
  if (!mc) return undefined;
  return {
    prompt: rng.pick([
      `${where.cap}, what does "${item.abbr}" mean?`,
      `What does "${item.abbr}" stand for ${where.in}?`,
      `You read "${item.abbr}" ${where.in}. What does it mean?`,
      `"${item.abbr}" ${where.in} is short for:`,
    ]),
    ...mc,
    explanation: `${core}${othersNote(mc.choices, (t) => byText.get(t))}`,
    source: sourceOf(item),
  };
}

/** " The other choices: NPO = nothing by mouth; cap = capsule." */
function othersNote(choices: Draft['choices'], entryOf: (text: string) => Entry | undefined): string {
  const wrong = (choices ?? []).filter((c) => !c.correct).map((c) => entryOf(c.text)).filter((e): e is Entry => !!e);
  return wrong.length ? ` The other choices: ${wrong.map((e) => `${e.abbr} = ${e.meanings[0]}`).join('; ')}.` : '';
}

function noteFor(e: Entry): string {
  if (e.ismp && !e.note) return ' It is on the ISMP list of error-prone abbreviations; many facilities require the words written out.';
  if (e.from === 'frequencies') return ' Sig abbreviations come from Latin; an order still needs the dose and the route.';
  if (e.from === 'labs') return ' Lab abbreviations appear on reports and flowsheets; the LOINC name identifies the test without ambiguity.';
  return '';
}

const TJC = `The Joint Commission's official "Do Not Use" list`;

function doNotUseQuestion(ctx: KindContext): Draft | undefined {
  const { rng } = ctx;
  const item = rng.pick(FILE.doNotUse);
  const explanation = `${TJC} bans ${item.abbr}: ${item.problem.charAt(0).toLowerCase()}${item.problem.slice(1)}. Write "${item.useInstead}" instead. The list applies to orders and medication-related documentation that is handwritten or typed as free text.`;
  const source: QuestionSource = { type: 'code-table', table: 'abbreviations' };
  if (!item.dose && rng.chance(0.5)) {
    // Which of these is on the list? The other choices are everyday abbreviations it allows.
    const mc = multipleChoice(rng, item.abbr, rng.shuffle(FILE.safe), (text) => FILE.doNotUse.some((d) => normalizeText(d.abbr) === normalizeText(text)));
    if (!mc) return undefined;
    return { prompt: `Which of these is on ${TJC}? (It is meant as "${item.intended}".)`, ...mc, explanation, source };
  }
  const right = [item.useInstead, ...(item.alsoCorrect ?? [])];
  const wrong = item.distractors ?? FILE.doNotUse.filter((d) => !d.dose).map((d) => d.useInstead);
  const mc = multipleChoice(rng, item.useInstead, rng.shuffle(wrong), (text) => matchesAny(text, right));
  if (!mc) return undefined;
  return { prompt: `${TJC} bans "${item.abbr}". What should be written instead?`, ...mc, explanation, source };
}
