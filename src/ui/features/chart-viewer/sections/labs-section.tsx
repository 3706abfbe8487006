import { useId, useMemo, useState } from 'react';
import type { DiagnosticReport, Observation } from '@medplum/fhirtypes';
import type { Chart } from '@/domain/chart/chart-types';
import {
  conceptText,
  flagOf,
  formatDate,
  formatDateTime,
  idOf,
  isAbnormal,
  newestFirst,
  practitionerName,
  refOf,
  resultValue,
  unitText,
} from '@/ui/components/chart-format';
import { FlagBadge } from '@/ui/components/flag-badge';
import { useShowMore } from '@/ui/components/show-more';
import { FactAction } from '../chart-view-context';
import { FactButton } from '../fact-button';
import { SectionHeader } from './section-header';
import { TableWrap } from './table-wrap';

export interface LabGroup {
  report: DiagnosticReport;
  results: Observation[];
}

/** Results grouped by their report (one panel drawn at one time), newest draw first. */
export function labGroups(chart: Chart): LabGroup[] {
  const byId = new Map(chart.labs.map((o) => [o.id, o]));
  return newestFirst(chart.labReports, (r) => r.effectiveDateTime).map((report) => ({
    report,
    results: (report.result ?? []).flatMap((ref) => {
      const observation = byId.get(idOf(ref));
      return observation ? [observation] : [];
    }),
  }));
}

function LabPanel({ chart, group, abnormalOnly }: { chart: Chart; group: LabGroup; abnormalOnly: boolean }) {
  const headingId = useId();
  const { report } = group;
  const results = abnormalOnly ? group.results.filter((r) => isAbnormal(flagOf(r))) : group.results;
  if (results.length === 0) return null;
  const abnormal = group.results.filter((r) => isAbnormal(flagOf(r))).length;
  return (
    <section className="lab-panel" aria-labelledby={headingId}>
      <div className="lab-panel__head">
        <h3 id={headingId}>
          {conceptText(report.code)} <span className="lab-panel__date">{formatDateTime(report.effectiveDateTime)}</span>
        </h3>
        <FactAction fact={{ ref: refOf(report), label: `${conceptText(report.code)} panel of ${formatDate(report.effectiveDateTime)}` }} />
        <p className="lab-panel__meta">
          {report.code.coding?.[0]?.display} · LOINC <span className="mono">{report.code.coding?.[0]?.code}</span>
          <br />
          Resulted {formatDateTime(report.issued)} · {report.performer?.[0]?.display ?? '—'} · Ordered by{' '}
          {practitionerName(chart, report.resultsInterpreter?.[0])}
          {abnormal > 0 && (
            <>
              {' '}
              · <strong>{abnormal} abnormal</strong>
            </>
          )}
        </p>
      </div>
      <TableWrap labelledBy={headingId}>
        <table className="data-table lab-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">Test</th>
              <th scope="col" className="num">
                Result
              </th>
              <th scope="col">Flag</th>
              <th scope="col">Units</th>
              <th scope="col">Reference range</th>
              <th scope="col">LOINC</th>
            </tr>
          </thead>
          <tbody>
            {results.map((result) => {
              const flag = flagOf(result);
              const name = conceptText(result.code);
              const value = resultValue(result);
              const unit = unitText(result.valueQuantity?.unit);
              const critical = flag === 'HH' || flag === 'LL';
              return (
                <tr key={result.id} className={critical ? 'row--critical' : isAbnormal(flag) ? 'row--abnormal' : undefined}>
                  <th scope="row">
                    {name}
                    <FactAction fact={{ ref: refOf(result), label: `${name} ${value} ${unit} on ${formatDate(result.effectiveDateTime)}` }} />
                  </th>
                  <td className={result.valueQuantity ? 'num' : undefined}>
                    <FactButton
                      factRef={refOf(result)}
                      label={`${name} ${value} ${unit} on ${formatDate(result.effectiveDateTime)}`}
                      className={`fact--value${isAbnormal(flag) ? ' fact--abnormal' : ''}`}
                      action={false}
                    >
                      {value}
                    </FactButton>
                  </td>
                  <td>
                    <FlagBadge flag={flag} />
                  </td>
                  <td>{unit}</td>
                  <td className="nowrap">{result.referenceRange?.[0]?.text ?? '—'}</td>
                  <td>
                    <span className="mono">{result.code.coding?.[0]?.code ?? '—'}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

export function LabsSection({ chart }: { chart: Chart }) {
  const [abnormalOnly, setAbnormalOnly] = useState(false);
  const groups = useMemo(() => labGroups(chart), [chart]);
  const abnormal = chart.labs.filter((o) => isAbnormal(flagOf(o))).length;
  const critical = chart.labs.filter((o) => ['HH', 'LL'].includes(flagOf(o) ?? '')).length;
  const checkboxId = useId();
  const listed = useMemo(() => (abnormalOnly ? groups.filter((g) => g.results.some((r) => isAbnormal(flagOf(r)))) : groups), [groups, abnormalOnly]);
  const { shown, more } = useShowMore(listed, 50, 'panels');
  return (
    <>
      <SectionHeader
        title="Laboratory results"
        summary={`${chart.labs.length} results in ${groups.length} panels · ${abnormal} abnormal${critical ? `, ${critical} critical` : ''}`}
      >
        <label className="checkbox" htmlFor={checkboxId}>
          <input id={checkboxId} type="checkbox" checked={abnormalOnly} onChange={(e) => setAbnormalOnly(e.target.checked)} />
          Abnormal only
        </label>
      </SectionHeader>
      {groups.length === 0 && <p className="muted">No laboratory results on record.</p>}
      {abnormalOnly && abnormal === 0 && <p className="muted">No abnormal results.</p>}
      {shown.map((group) => (
        <LabPanel key={group.report.id} chart={chart} group={group} abnormalOnly={abnormalOnly} />
      ))}
      {more}
    </>
  );
}
