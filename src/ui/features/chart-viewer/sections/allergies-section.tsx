import type { Chart } from '@/domain/chart/chart-types';
import {
  allergyReactions,
  allergySeverity,
  allergySubstance,
  capitalize,
  codeIn,
  conceptText,
  formatDate,
  isNoKnownAllergy,
  practitionerName,
  refOf,
} from '@/ui/components/chart-format';
import { FactButton } from '../fact-button';
import { EmptyRow, SectionHeader } from './section-header';
import { TableWrap } from './table-wrap';

export function AllergiesSection({ chart }: { chart: Chart }) {
  const nka = chart.allergies.find(isNoKnownAllergy);
  const allergies = chart.allergies.filter((a) => !isNoKnownAllergy(a));
  return (
    <>
      <SectionHeader
        title="Allergies and intolerances"
        summary={nka ? 'No known allergies (coded statement).' : `${allergies.length} recorded`}
      />
      <TableWrap label="Allergies and intolerances">
        <table className="data-table" aria-label="Allergies and intolerances">
          <thead>
            <tr>
              <th scope="col">Substance</th>
              <th scope="col">Type</th>
              <th scope="col">Reaction(s)</th>
              <th scope="col">Severity</th>
              <th scope="col">Criticality</th>
              <th scope="col">Onset</th>
              <th scope="col">Recorded</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {chart.allergies.length === 0 && <EmptyRow columns={8}>Allergy status not recorded.</EmptyRow>}
            {nka && (
              <tr>
                <th scope="row">
                  <FactButton factRef={refOf(nka)} label="No known allergies">
                    No known allergies
                  </FactButton>
                  <span className="cell-note">
                    SNOMED CT <span className="mono">{codeIn(nka.code, 'snomed')}</span>
                  </span>
                </th>
                <td colSpan={5} className="muted">
                  Patient reports no known allergies.
                </td>
                <td>
                  {formatDate(nka.recordedDate)}
                  <span className="cell-note">{practitionerName(chart, nka.recorder)}</span>
                </td>
                <td>{conceptText(nka.clinicalStatus)}</td>
              </tr>
            )}
            {allergies.map((allergy) => {
              const substance = allergySubstance(allergy);
              const system = allergy.code?.coding?.[0]?.system?.includes('rxnorm') ? 'RxNorm' : 'SNOMED CT';
              const high = allergy.criticality === 'high';
              return (
                <tr key={allergy.id} className={high ? 'row--alert' : undefined}>
                  <th scope="row">
                    <FactButton factRef={refOf(allergy)} label={`${substance} allergy`}>
                      {substance}
                    </FactButton>
                    <span className="cell-note">
                      {system} <span className="mono">{allergy.code?.coding?.[0]?.code ?? '—'}</span>
                    </span>
                  </th>
                  <td>
                    {capitalize(allergy.type)}
                    <span className="cell-note">{capitalize(allergy.category?.join(', '))}</span>
                  </td>
                  <td>{allergyReactions(allergy).join(', ') || '—'}</td>
                  <td>{capitalize(allergySeverity(allergy))}</td>
                  <td>
                    {high ? (
                      <span className="pill pill--danger">
                        <span aria-hidden="true">! </span>High
                      </span>
                    ) : (
                      capitalize(allergy.criticality)
                    )}
                  </td>
                  <td>{formatDate(allergy.onsetDateTime)}</td>
                  <td>
                    {formatDate(allergy.recordedDate)}
                    <span className="cell-note">{practitionerName(chart, allergy.recorder)}</span>
                  </td>
                  <td>{conceptText(allergy.clinicalStatus)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
