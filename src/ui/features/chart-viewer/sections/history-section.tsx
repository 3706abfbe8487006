import type { Chart } from '@/domain/chart/chart-types';
import { capitalize, codeIn, conceptText, formatDate, newestFirst, refOf } from '@/ui/components/chart-format';
import { FactButton } from '../fact-button';
import { EmptyRow, SectionHeader } from './section-header';
import { TableWrap } from './table-wrap';

export function HistorySection({ chart }: { chart: Chart }) {
  const procedures = newestFirst(chart.procedures, (p) => p.performedDateTime);
  return (
    <>
      <SectionHeader title="History" summary="Past surgical, family and social history" />
      <section className="subsection" aria-labelledby="history-surgical">
        <h3 id="history-surgical">
          Past surgical history <span className="count">{procedures.length}</span>
        </h3>
        <TableWrap labelledBy="history-surgical">
          <table className="data-table" aria-labelledby="history-surgical">
            <thead>
              <tr>
                <th scope="col">Procedure</th>
                <th scope="col">SNOMED CT</th>
                <th scope="col">Date</th>
                <th scope="col">Side</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {procedures.length === 0 && <EmptyRow columns={5}>No past surgical history.</EmptyRow>}
              {procedures.map((procedure) => {
                const name = conceptText(procedure.code);
                return (
                  <tr key={procedure.id}>
                    <th scope="row">
                      <FactButton factRef={refOf(procedure)} label={name}>
                        {name}
                      </FactButton>
                    </th>
                    <td>
                      <span className="mono">{codeIn(procedure.code, 'snomed') ?? '—'}</span>
                    </td>
                    <td>{formatDate(procedure.performedDateTime)}</td>
                    <td>{capitalize(procedure.bodySite?.[0]?.text)}</td>
                    <td>{capitalize(procedure.status)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      </section>
      <section className="subsection" aria-labelledby="history-family">
        <h3 id="history-family">
          Family history <span className="count">{chart.familyHistory.length}</span>
        </h3>
        <TableWrap labelledBy="history-family">
          <table className="data-table" aria-labelledby="history-family">
            <thead>
              <tr>
                <th scope="col">Relative</th>
                <th scope="col">Condition</th>
                <th scope="col">SNOMED CT</th>
                <th scope="col">Age at onset</th>
              </tr>
            </thead>
            <tbody>
              {chart.familyHistory.length === 0 && <EmptyRow columns={4}>No family history recorded.</EmptyRow>}
              {chart.familyHistory.flatMap((member) =>
                (member.condition ?? []).map((condition, index) => {
                  const relative = capitalize(conceptText(member.relationship));
                  const name = conceptText(condition.code);
                  return (
                    <tr key={`${member.id}-${index}`}>
                      <th scope="row">
                        <FactButton factRef={refOf(member)} label={`${relative}: ${name}`}>
                          {relative}
                        </FactButton>
                      </th>
                      <td>{name}</td>
                      <td>
                        <span className="mono">{codeIn(condition.code, 'snomed') ?? '—'}</span>
                      </td>
                      <td>{condition.onsetAge?.value !== undefined ? `${condition.onsetAge.value} y` : '—'}</td>
                    </tr>
                  );
                }),
              )}
            </tbody>
          </table>
        </TableWrap>
      </section>
      <section className="subsection" aria-labelledby="history-social">
        <h3 id="history-social">Social history</h3>
        <TableWrap labelledBy="history-social">
          <table className="data-table" aria-labelledby="history-social">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Finding</th>
                <th scope="col">SNOMED CT</th>
                <th scope="col">Recorded</th>
              </tr>
            </thead>
            <tbody>
              {chart.socialHistory.length === 0 && <EmptyRow columns={4}>No social history recorded.</EmptyRow>}
              {chart.socialHistory.map((observation) => {
                const item = conceptText(observation.code);
                const finding = conceptText(observation.valueCodeableConcept);
                return (
                  <tr key={observation.id}>
                    <th scope="row">
                      <FactButton factRef={refOf(observation)} label={`${item}: ${finding}`}>
                        {item}
                      </FactButton>
                    </th>
                    <td>{capitalize(finding)}</td>
                    <td>
                      <span className="mono">{codeIn(observation.valueCodeableConcept, 'snomed') ?? '—'}</span>
                    </td>
                    <td>{formatDate(observation.effectiveDateTime)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </>
  );
}
