import type { Observation, Resource } from '@medplum/fhirtypes';
import type { Chart } from '@/domain/chart/chart-types';

/** What an Observation of the chart is, by the list that holds it. */
export type ObservationRole = 'lab' | 'vital' | 'social';

export interface ChartIndex {
  /** `ResourceType/id` → resource. */
  byRef: Map<string, Resource>;
  observationRole: Map<Observation, ObservationRole>;
}

/** The chart's resource lists in a fixed order (the index snapshot is compared in this order). */
function lists(chart: Chart): readonly (readonly Resource[])[] {
  return [
    [chart.patient],
    chart.organizations,
    chart.coverage,
    chart.practitioners,
    chart.encounters,
    chart.allergies,
    chart.conditions,
    chart.procedures,
    chart.familyHistory,
    chart.socialHistory,
    chart.medications,
    chart.immunizations,
    chart.vitals,
    chart.labs,
    chart.labReports,
  ];
}

export function buildChartIndex(chart: Chart): ChartIndex {
  const byRef = new Map<string, Resource>();
  for (const list of lists(chart)) {
    for (const r of list) if (r.id) byRef.set(`${r.resourceType}/${r.id}`, r);
  }
  const observationRole = new Map<Observation, ObservationRole>();
  for (const o of chart.labs) observationRole.set(o, 'lab');
  for (const o of chart.vitals) observationRole.set(o, 'vital');
  for (const o of chart.socialHistory) observationRole.set(o, 'social');
  return { byRef, observationRole };
}

interface Cached {
  index: ChartIndex;
  snapshot: Resource[];
}

const cache = new WeakMap<Chart, Cached>();

/** True while every list of the chart holds exactly the resources it held when `snapshot` was taken. */
function unchanged(chart: Chart, snapshot: Resource[]): boolean {
  let i = 0;
  for (const list of lists(chart)) {
    for (const r of list) {
      if (snapshot[i] !== r) return false;
      i++;
    }
  }
  return i === snapshot.length;
}

/**
 * The chart's index, built once per chart and reused (the scoring engine calls `factTexts` for
 * every span). A chart is edited in place by exercises (error injection), so the cached index is
 * checked against a snapshot of the resource lists on each call: a pointer walk over a few hundred
 * entries, far cheaper than rebuilding the maps.
 */
export function chartIndex(chart: Chart): ChartIndex {
  const cached = cache.get(chart);
  if (cached && unchanged(chart, cached.snapshot)) return cached.index;
  const snapshot: Resource[] = [];
  for (const list of lists(chart)) for (const r of list) snapshot.push(r);
  const index = buildChartIndex(chart);
  cache.set(chart, { index, snapshot });
  return index;
}
