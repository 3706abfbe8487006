import { useId } from 'react';
import type { Condition } from '@medplum/fhirtypes';
import type { Chart } from '@/domain/chart/chart-types';
import { codeIn, conceptText, formatDate, newestFirst, refOf, statusCode } from '@/ui/components/chart-format';
import { FactButton } from '../fact-button';
import { EmptyRow, SectionHeader } from './section-header';
import { TableWrap } from './table-wrap';

export function isActiveCondition(condition: Condition): boolean {
  return ['active', 'recurrence', 'relapse'].includes(statusCode(condition.clinicalStatus) ?? '');
}

export function conditionLabel(condition: Condition): string {
  const side = condition.bodySite?.[0]?.text;
  return side ? `${conceptText(condition.code)}, ${side}` : conceptText(condition.code);
}

function categoryText(condition: Condition): string {
  const code = condition.category?.[0]?.coding?.[0]?.code;
  return code === 'problem-list-item' ? 'Problem list' : code === 'encounter-diagnosis' ? 'Encounter diagnosis' : '—';
}

function ConditionTable({ title, conditions, history }: { title: string; conditions: Condition[]; history: boolean }) {
  const headingId = useId();
  const columns = history ? 7 : 6;
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {title} <span className="count">{conditions.length}</span>
      </h3>
      <TableWrap labelledBy={headingId}>
        <table className="data-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">Problem</th>
              <th scope="col">ICD-10-CM</th>
              <th scope="col">SNOMED CT</th>
              <th scope="col">Onset</th>
              {history && <th scope="col">Resolved</th>}
              <th scope="col">Recorded</th>
              <th scope="col">Type</th>
            </tr>
          </thead>
          <tbody>
            {conditions.length === 0 && <EmptyRow columns={columns}>None recorded.</EmptyRow>}
            {conditions.map((condition) => (
              <tr key={condition.id}>
                <th scope="row">
                  <FactButton factRef={refOf(condition)} label={conditionLabel(condition)}>
                    {conditionLabel(condition)}
                  </FactButton>
                </th>
                <td>
                  <span className="mono">{codeIn(condition.code, 'icd10cm') ?? '—'}</span>
                </td>
                <td>
                  <span className="mono">{codeIn(condition.code, 'snomed') ?? '—'}</span>
                </td>
                <td>{formatDate(condition.onsetDateTime)}</td>
                {history && <td>{formatDate(condition.abatementDateTime)}</td>}
                <td>{formatDate(condition.recordedDate)}</td>
                <td>{categoryText(condition)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

export function ProblemsSection({ chart }: { chart: Chart }) {
  const sorted = newestFirst(chart.conditions, (c) => c.onsetDateTime);
  const active = sorted.filter(isActiveCondition);
  const history = sorted.filter((c) => !isActiveCondition(c));
  return (
    <>
      <SectionHeader title="Problems" summary={`${active.length} active, ${history.length} resolved or historical`} />
      <ConditionTable title="Active problems" conditions={active} history={false} />
      <ConditionTable title="Resolved and past history" conditions={history} history />
    </>
  );
}
