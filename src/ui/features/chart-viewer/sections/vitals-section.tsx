import { useMemo } from 'react';
import type { Observation } from '@medplum/fhirtypes';
import type { Chart } from '@/domain/chart/chart-types';
import { bloodPressure, formatDate, LOINC, observationCode, refOf } from '@/ui/components/chart-format';
import { useShowMore } from '@/ui/components/show-more';
import { TrendChart, type TrendPoint } from '@/ui/components/trend-chart';
import { FactButton } from '../fact-button';
import { EmptyRow, SectionHeader } from './section-header';
import { TableWrap } from './table-wrap';

type VitalKey = 'bp' | 'hr' | 'rr' | 'temp' | 'spo2' | 'pain' | 'height' | 'weight' | 'bmi';

const KEY_BY_LOINC: Record<string, VitalKey> = {
  [LOINC.bloodPressure]: 'bp',
  [LOINC.heartRate]: 'hr',
  [LOINC.respiratoryRate]: 'rr',
  [LOINC.temperature]: 'temp',
  [LOINC.oxygenSaturation]: 'spo2',
  [LOINC.pain]: 'pain',
  [LOINC.height]: 'height',
  [LOINC.weight]: 'weight',
  [LOINC.bmi]: 'bmi',
};

const COLUMNS: { key: VitalKey; label: string; unit: string; name: string }[] = [
  { key: 'bp', label: 'BP', unit: 'mmHg', name: 'Blood pressure' },
  { key: 'hr', label: 'Pulse', unit: 'bpm', name: 'Heart rate' },
  { key: 'rr', label: 'Resp', unit: '/min', name: 'Respiratory rate' },
  { key: 'temp', label: 'Temp', unit: '°C', name: 'Temperature' },
  { key: 'spo2', label: 'SpO₂', unit: '%', name: 'Oxygen saturation' },
  { key: 'pain', label: 'Pain', unit: '/10', name: 'Pain score' },
  { key: 'height', label: 'Height', unit: 'cm', name: 'Height' },
  { key: 'weight', label: 'Weight', unit: 'kg', name: 'Weight' },
  { key: 'bmi', label: 'BMI', unit: 'kg/m²', name: 'BMI' },
];

export interface VitalSet {
  time: string;
  values: Partial<Record<VitalKey, Observation>>;
}

/** Vitals taken together (same time) as one row, newest first. */
export function vitalSets(vitals: readonly Observation[]): VitalSet[] {
  const byTime = new Map<string, VitalSet>();
  for (const observation of vitals) {
    const key = KEY_BY_LOINC[observationCode(observation) ?? ''];
    const time = observation.effectiveDateTime;
    if (!key || !time) continue;
    const set = byTime.get(time) ?? { time, values: {} };
    set.values[key] = observation;
    byTime.set(time, set);
  }
  return [...byTime.values()].sort((a, b) => b.time.localeCompare(a.time));
}

export function vitalValue(key: VitalKey, observation: Observation | undefined): string | undefined {
  if (!observation) return undefined;
  if (key === 'bp') {
    const { systolic, diastolic } = bloodPressure(observation);
    return systolic !== undefined && diastolic !== undefined ? `${systolic}/${diastolic}` : undefined;
  }
  const value = observation.valueQuantity?.value;
  return value === undefined ? undefined : String(value);
}

function points(sets: VitalSet[], read: (set: VitalSet) => number | undefined): TrendPoint[] {
  return sets.flatMap((set) => {
    const value = read(set);
    return value === undefined ? [] : [{ date: set.time, value }];
  });
}

export function VitalsSection({ chart }: { chart: Chart }) {
  const sets = useMemo(() => vitalSets(chart.vitals), [chart.vitals]);
  const { shown, more } = useShowMore(sets, 100, 'sets of vitals');
  const quantity = (key: VitalKey) => (set: VitalSet) => set.values[key]?.valueQuantity?.value;
  const newest = sets[0];
  const newestBp = newest?.values.bp ? vitalValue('bp', newest.values.bp) : undefined;

  return (
    <>
      <SectionHeader title="Vital signs" summary={`${sets.length} sets of vitals, newest first`} />
      {sets.length > 0 && (
        <div className="trend-grid">
          <TrendChart
            title="Blood pressure"
            unit="mmHg"
            latest={newestBp ? `${newestBp} mmHg` : undefined}
            series={[
              { id: 'systolic', label: 'Systolic', points: points(sets, (s) => (s.values.bp ? bloodPressure(s.values.bp).systolic : undefined)) },
              { id: 'diastolic', label: 'Diastolic', points: points(sets, (s) => (s.values.bp ? bloodPressure(s.values.bp).diastolic : undefined)) },
            ]}
          />
          <TrendChart title="Heart rate" unit="bpm" series={[{ id: 'hr', label: 'Heart rate', points: points(sets, quantity('hr')) }]} />
          <TrendChart title="Weight" unit="kg" series={[{ id: 'weight', label: 'Weight', points: points(sets, quantity('weight')) }]} />
          <TrendChart title="Body mass index" unit="kg/m²" series={[{ id: 'bmi', label: 'BMI', points: points(sets, quantity('bmi')) }]} />
        </div>
      )}
      <section className="subsection" aria-labelledby="vitals-table-heading">
        <h3 id="vitals-table-heading">Flowsheet</h3>
        <TableWrap labelledBy="vitals-table-heading">
          <table className="data-table data-table--numeric" aria-labelledby="vitals-table-heading">
            <thead>
              <tr>
                <th scope="col">Date</th>
                {COLUMNS.map((c) => (
                  <th scope="col" key={c.key}>
                    {c.label}
                    <span className="unit">{c.unit}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sets.length === 0 && <EmptyRow columns={COLUMNS.length + 1}>No vital signs charted.</EmptyRow>}
              {shown.map((set) => (
                <tr key={set.time}>
                  <th scope="row" className="nowrap">
                    {formatDate(set.time)}
                    <span className="cell-note">{set.time.slice(11, 16)}</span>
                  </th>
                  {COLUMNS.map((c) => {
                    const observation = set.values[c.key];
                    const value = vitalValue(c.key, observation);
                    return (
                      <td key={c.key}>
                        {observation && value ? (
                          <FactButton factRef={refOf(observation)} label={`${c.name} ${value} ${c.unit} on ${formatDate(set.time)}`} className="fact--value">
                            {value}
                          </FactButton>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {more}
      </section>
    </>
  );
}
