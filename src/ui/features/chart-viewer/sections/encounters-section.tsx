import { useMemo } from 'react';
import type { Encounter } from '@medplum/fhirtypes';
import type { Chart } from '@/domain/chart/chart-types';
import { capitalize, conceptText, formatDate, formatDateTime, newestFirst, practitionerName, refOf } from '@/ui/components/chart-format';
import { useShowMore } from '@/ui/components/show-more';
import { FactButton } from '../fact-button';
import { EmptyRow, SectionHeader } from './section-header';
import { TableWrap } from './table-wrap';

export function encounterType(encounter: Encounter): string {
  return conceptText(encounter.type?.[0]);
}

export function encounterReason(encounter: Encounter): string {
  const reasons = [
    ...(encounter.reasonReference ?? []).map((r) => r.display ?? ''),
    ...(encounter.reasonCode ?? []).map((c) => conceptText(c)),
  ].filter(Boolean);
  return reasons.length ? reasons.join('; ') : '—';
}

export function encounterProvider(chart: Chart, encounter: Encounter): string {
  return practitionerName(chart, encounter.participant?.[0]?.individual);
}

export function EncountersSection({ chart }: { chart: Chart }) {
  const encounters = useMemo(() => newestFirst(chart.encounters, (e) => e.period?.start), [chart.encounters]);
  const { shown, more } = useShowMore(encounters, 100, 'encounters');
  return (
    <>
      <SectionHeader title="Encounters" summary={`${encounters.length} encounters, newest first`} />
      <TableWrap label="Encounters">
        <table className="data-table" aria-label="Encounters">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Type</th>
              <th scope="col">Class</th>
              <th scope="col">Provider</th>
              <th scope="col">Reason</th>
              <th scope="col">Facility</th>
            </tr>
          </thead>
          <tbody>
            {encounters.length === 0 && <EmptyRow columns={6}>No encounters on record.</EmptyRow>}
            {shown.map((encounter) => {
              const inpatient = encounter.class.code === 'IMP';
              const type = encounterType(encounter);
              return (
                <tr key={encounter.id}>
                  <th scope="row" className="nowrap">
                    <FactButton factRef={refOf(encounter)} label={`${type} on ${formatDate(encounter.period?.start)}`}>
                      {formatDateTime(encounter.period?.start)}
                    </FactButton>
                    {inpatient && <span className="cell-note">Discharged {formatDateTime(encounter.period?.end)}</span>}
                  </th>
                  <td>
                    {type}
                    {inpatient && encounter.hospitalization?.dischargeDisposition && (
                      <span className="cell-note">Disposition: {conceptText(encounter.hospitalization.dischargeDisposition)}</span>
                    )}
                  </td>
                  <td>
                    {capitalize(encounter.class.display)}
                    <span className="cell-note mono">{encounter.class.code}</span>
                  </td>
                  <td>{encounterProvider(chart, encounter)}</td>
                  <td>{encounterReason(encounter)}</td>
                  <td>{encounter.serviceProvider?.display ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      {more}
    </>
  );
}
