import { DEFAULT_REF_DATE, type Chart, type ChartSpec } from '@/domain/chart/chart-types';
import { generateChart } from '@/domain/chart/generate-chart';
import { deriveSeed } from '@/domain/rng/rng';

/** The "today" of every chart a quiz draws on (fixed, so a question regenerates on any day). */
export const QUIZ_REF_DATE = DEFAULT_REF_DATE;

/**
 * The chart spec for a quiz chart seed. The seed alone decides it, so an item key that holds the
 * chart seed rebuilds the same chart. Three in four are adults of 30 to 75 (medications, labs and
 * allergies to ask about, without the very long histories of the oldest charts, which cost the
 * most to generate); one in four is anyone, children included, for immunization records; one in
 * four has an inpatient stay for an H&P and a discharge summary. Changing this changes
 * regenerated questions: bump ITEM_KEY_VERSION in generate-quiz.ts with it.
 */
export function quizChartSpec(seed: number): ChartSpec {
  const variant = seed % 4;
  if (variant === 0) return { seed, refDate: QUIZ_REF_DATE };
  return { seed, refDate: QUIZ_REF_DATE, minAge: 30, maxAge: 75, allergies: variant !== 3, admission: variant === 2 };
}

/** Seed of the n-th chart a quiz started from `quizSeed` may draw on. */
export function quizChartSeed(quizSeed: number, n: number): number {
  return deriveSeed((quizSeed ^ 0x43484152) >>> 0, n);
}

/** Charts built once per quiz (a chart is ~1–7 ms; a quiz reuses a handful). */
export class ChartCache {
  private readonly charts = new Map<number, Chart>();

  get(seed: number): Chart {
    let chart = this.charts.get(seed);
    if (!chart) {
      chart = generateChart(quizChartSpec(seed));
      this.charts.set(seed, chart);
    }
    return chart;
  }

  get size(): number {
    return this.charts.size;
  }
}
