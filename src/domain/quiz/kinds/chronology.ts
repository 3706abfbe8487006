import { formatDate, type FullDateForm } from '@/domain/documents/phrases';
import type { Chart } from '@/domain/chart/chart-types';
import { daysBetween } from '@/domain/time/dates';
import { multipleChoice, type Draft, type KindContext } from '../question-kit';
import type { Difficulty } from '../question-schema';
import { patientName } from './abstraction';

/**
 * Chronology: put 3–5 events of one chart (visits, admissions, lab draws, immunizations) in date
 * order. Dates are printed the way documents print them, mixed styles at the higher levels
 * ("1/31/26", "Jan 31, 2026", "2026-01-31"), because reading dates in every style is the skill.
 */

interface ChartEvent {
  day: string;
  label: string;
}

const LEVEL: Record<Difficulty, { count: number; minGap: number; styles: FullDateForm[] }> = {
  intro: { count: 3, minGap: 60, styles: ['us'] },
  intermediate: { count: 4, minGap: 14, styles: ['us', 'long', 'iso'] },
  advanced: { count: 5, minGap: 1, styles: ['us', 'long', 'iso', 'us-short'] },
};

function eventsOf(chart: Chart): ChartEvent[] {
  const encounterType = new Map(chart.encounters.map((e) => [`Encounter/${e.id}`, e.type?.[0]?.text?.toLowerCase()]));
  const out: ChartEvent[] = [];
  for (const doc of chart.documents) {
    const day = doc.date.slice(0, 10);
    switch (doc.kind) {
      case 'progress-note': {
        const type = doc.encounter ? encounterType.get(doc.encounter) : undefined;
        out.push({ day, label: `${doc.title}${type ? ` (${type})` : ''}` });
        break;
      }
      case 'history-physical':
        out.push({ day, label: 'History and Physical at hospital admission' });
        break;
      case 'discharge-summary':
        out.push({ day, label: 'Discharge summary' });
        break;
      case 'lab-report':
        out.push({ day, label: doc.title.replace(/ \([^)]*\)$/, '') });
        break;
      default:
        break;
    }
  }
  for (const imm of chart.immunizations) {
    const day = imm.occurrenceDateTime?.slice(0, 10);
    if (day) out.push({ day, label: `${imm.vaccineCode?.text ?? 'Vaccine'} vaccine given` });
  }
  return out;
}

const LETTERS = ['A', 'B', 'C', 'D', 'E'];

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

export function chronologyQuestion(ctx: KindContext): Draft | undefined {
  const { rng, difficulty } = ctx;
  const chart = ctx.chart;
  if (!chart) return undefined;
  const level = LEVEL[difficulty];
  const chosen: ChartEvent[] = [];
  for (const e of rng.shuffle(eventsOf(chart))) {
    if (chosen.length >= level.count) break;
    if (chosen.every((c) => Math.abs(daysBetween(c.day, e.day)) >= level.minGap && c.label !== e.label)) chosen.push(e);
  }
  if (chosen.length < level.count) return undefined;
  const styles = chosen.map((_, i) => (i < level.styles.length ? level.styles[i] : rng.pick(level.styles)) as FullDateForm);
  const shownStyles = rng.shuffle(styles);
  const lines = chosen.map((e, i) => `${LETTERS[i]}. ${e.label} — ${formatDate(e.day, shownStyles[i] as FullDateForm)}`);
  const order = chosen.map((e, i) => ({ e, letter: LETTERS[i] as string })).sort((a, b) => daysBetween(b.e.day, a.e.day));
  const answer = order.map((o) => o.letter).join(', ');
  const name = patientName(chart.patient);
  const mixed = new Set(shownStyles).size > 1;
  const short = shownStyles.includes('us-short') ? ' A two-digit year such as 26 is 2026 in a record written now.' : '';
  const explanation = `In date order: ${order.map((o) => `${o.letter} (${formatDate(o.e.day, 'long')})`).join(' → ')}.${mixed ? ' Bring every date to one form before comparing, then compare the year, the month and the day in that order.' : ' Compare the years first, then the months, then the days.'}${short}`;
  const prompt = `Put these events from ${name}'s chart in date order, earliest first:\n${lines.join('\n')}`;
  const source = { type: 'chart' as const, seed: chart.meta.seed, refDate: chart.meta.refDate };
  if (difficulty === 'advanced') {
    return { prompt: `${prompt}\nType the letters in order (for example "B, A, C").`, format: 'typed', answer, accepted: [answer.replace(/, /g, '')], match: 'sequence', explanation, source };
  }
  // Near misses first (one adjacent pair swapped), then any other order.
  const letters = order.map((o) => o.letter);
  const swaps = letters.slice(0, -1).map((_, i) => [...letters.slice(0, i), letters[i + 1], letters[i], ...letters.slice(i + 2)].join(', '));
  const others = rng.shuffle(permutations(letters).map((p) => p.join(', ')));
  const mc = multipleChoice(rng, answer, [...rng.shuffle(swaps).slice(0, 2), ...others]);
  if (!mc) return undefined;
  return { prompt, ...mc, explanation, source };
}
