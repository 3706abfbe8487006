import type { Chart } from '@/domain/chart/chart-types';
import { codeIn, conceptText, formatDate, newestFirst, refOf } from '@/ui/components/chart-format';
import { FactButton } from '../fact-button';
import { EmptyRow, SectionHeader } from './section-header';
import { TableWrap } from './table-wrap';

export function ImmunizationsSection({ chart }: { chart: Chart }) {
  const doses = newestFirst(chart.immunizations, (i) => i.occurrenceDateTime);
  return (
    <>
      <SectionHeader title="Immunizations" summary={`${doses.length} doses on record, newest first`} />
      <TableWrap label="Immunizations">
        <table className="data-table" aria-label="Immunizations">
          <thead>
            <tr>
              <th scope="col">Vaccine</th>
              <th scope="col">CVX</th>
              <th scope="col">Date given</th>
              <th scope="col">Route</th>
              <th scope="col">Site</th>
              <th scope="col">Lot</th>
              <th scope="col">Expires</th>
              <th scope="col">Given at</th>
            </tr>
          </thead>
          <tbody>
            {doses.length === 0 && <EmptyRow columns={8}>No immunizations on record.</EmptyRow>}
            {doses.map((dose) => {
              const name = conceptText(dose.vaccineCode);
              return (
                <tr key={dose.id}>
                  <th scope="row">
                    <FactButton factRef={refOf(dose)} label={`${name} given ${formatDate(dose.occurrenceDateTime)}`}>
                      {name}
                    </FactButton>
                    <span className="cell-note">{dose.vaccineCode.coding?.[0]?.display}</span>
                  </th>
                  <td>
                    <span className="mono">{codeIn(dose.vaccineCode, 'cvx') ?? '—'}</span>
                  </td>
                  <td>{formatDate(dose.occurrenceDateTime)}</td>
                  <td>{conceptText(dose.route)}</td>
                  <td>{dose.site ? conceptText(dose.site) : '—'}</td>
                  <td>
                    <span className="mono">{dose.lotNumber ?? '—'}</span>
                  </td>
                  <td>{formatDate(dose.expirationDate)}</td>
                  <td>{dose.location?.display ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
