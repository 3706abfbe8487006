import { useId } from 'react';
import type { MedicationStatement } from '@medplum/fhirtypes';
import type { Chart } from '@/domain/chart/chart-types';
import { capitalize, codeIn, conceptText, formatDate, idOf, newestFirst, quantityText, refOf } from '@/ui/components/chart-format';
import { FactButton } from '../fact-button';
import { conditionLabel } from './problems-section';
import { EmptyRow, SectionHeader } from './section-header';
import { TableWrap } from './table-wrap';

export function medicationName(statement: MedicationStatement): string {
  return conceptText(statement.medicationCodeableConcept);
}

/** "Oral route" → "Oral", the way a medication list prints the route. */
function routeText(statement: MedicationStatement): string {
  const route = statement.dosage?.[0]?.route;
  const display = route?.coding?.[0]?.display;
  return display ? display.replace(/ route$/i, '') : (route?.text ?? '—');
}

function frequencyText(statement: MedicationStatement): { code: string; words: string } {
  const dosage = statement.dosage?.[0];
  const code = dosage?.timing?.code?.text ?? '—';
  // The sig reads "<dose> <route words> <frequency words>"; the words after the route are the frequency.
  const routeWords = dosage?.route?.text;
  const words = routeWords && dosage?.text?.includes(routeWords) ? (dosage.text.split(`${routeWords} `)[1] ?? '') : '';
  return { code, words };
}

export function indicationText(chart: Chart, statement: MedicationStatement): string {
  const reason = statement.reasonReference?.[0];
  const condition = chart.conditions.find((c) => c.id === idOf(reason));
  return condition ? conditionLabel(condition) : (reason?.display ?? conceptText(statement.reasonCode?.[0]));
}

export function sigText(statement: MedicationStatement): string {
  return statement.dosage?.[0]?.text ?? '';
}

function MedicationTable({ chart, title, statements, ended }: { chart: Chart; title: string; statements: MedicationStatement[]; ended: boolean }) {
  const headingId = useId();
  const columns = ended ? 8 : 7;
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {title} <span className="count">{statements.length}</span>
      </h3>
      <TableWrap labelledBy={headingId}>
        <table className="data-table data-table--wide-first" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">Medication</th>
              <th scope="col">Dose</th>
              <th scope="col">Route</th>
              <th scope="col">Frequency</th>
              <th scope="col">Indication</th>
              <th scope="col">Start</th>
              {ended && <th scope="col">End</th>}
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {statements.length === 0 && <EmptyRow columns={columns}>None recorded.</EmptyRow>}
            {statements.map((statement) => {
              const frequency = frequencyText(statement);
              const name = medicationName(statement);
              return (
                <tr key={statement.id}>
                  <th scope="row">
                    <FactButton factRef={refOf(statement)} label={name}>
                      {name}
                    </FactButton>
                    <span className="cell-note">
                      RxNorm <span className="mono">{codeIn(statement.medicationCodeableConcept, 'rxnorm') ?? '—'}</span> · {sigText(statement)}
                    </span>
                  </th>
                  <td>{quantityText(statement.dosage?.[0]?.doseAndRate?.[0]?.doseQuantity)}</td>
                  <td>{routeText(statement)}</td>
                  <td>
                    <span className="mono">{frequency.code}</span>
                    {frequency.words && <span className="cell-note">{frequency.words}</span>}
                  </td>
                  <td>{indicationText(chart, statement)}</td>
                  <td>{formatDate(statement.effectivePeriod?.start ?? statement.effectiveDateTime)}</td>
                  {ended && <td>{formatDate(statement.effectivePeriod?.end)}</td>}
                  <td>{capitalize(statement.status)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

export function MedicationsSection({ chart }: { chart: Chart }) {
  const sorted = newestFirst(chart.medications, (m) => m.effectivePeriod?.start ?? m.effectiveDateTime);
  const active = sorted.filter((m) => m.status === 'active' || m.status === 'intended' || m.status === 'on-hold');
  const past = sorted.filter((m) => !active.includes(m));
  return (
    <>
      <SectionHeader title="Medications" summary={`${active.length} active, ${past.length} completed or stopped`} />
      <MedicationTable chart={chart} title="Active medications" statements={active} ended={false} />
      <MedicationTable chart={chart} title="Completed and stopped" statements={past} ended />
    </>
  );
}
