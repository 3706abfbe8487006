import type { MpiRecord } from '@/domain/exercise/exercise-types';
import { formatDate, genderText } from '@/ui/components/chart-format';
import { indexName } from './mpi-answers';

export type ColumnId = 'recordId' | 'mrn' | 'name' | 'birthDate' | 'sex' | 'address' | 'phone' | 'ssnLast4' | 'created' | 'linked';
export interface SortState {
  column: ColumnId;
  direction: 'ascending' | 'descending';
}

interface Column {
  id: ColumnId;
  label: string;
  /** The text the column sorts by. */
  key: (r: MpiRecord, link: RecordLink | undefined) => string;
}

const COLUMNS: readonly Column[] = [
  { id: 'recordId', label: 'Record', key: (r) => r.recordId },
  { id: 'mrn', label: 'MRN', key: (r) => r.mrn },
  { id: 'name', label: 'Name', key: (r) => `${r.family} ${r.given} ${r.middle ?? ''}`.toLowerCase() },
  // ISO dates sort as text.
  { id: 'birthDate', label: 'DOB', key: (r) => r.birthDate },
  { id: 'sex', label: 'Sex', key: (r) => r.sex },
  { id: 'address', label: 'Address', key: (r) => r.address.toLowerCase() },
  { id: 'phone', label: 'Phone', key: (r) => r.phone },
  { id: 'ssnLast4', label: 'SSN-4', key: (r) => r.ssnLast4 ?? '' },
  { id: 'created', label: 'Created', key: (r) => r.created },
  // Linked records first, by person, each survivor before its duplicates.
  { id: 'linked', label: 'Linked', key: (_r, link) => (link ? `${String(link.person).padStart(4, '0')}${link.survivor ? 0 : 1}` : '~') },
];

export interface RecordLink {
  /** 1-based number of the learner's group ("Person 2"). */
  person: number;
  survivor: boolean;
}

export function sortRecords(records: readonly MpiRecord[], sort: SortState, linkOf: (r: MpiRecord) => RecordLink | undefined): MpiRecord[] {
  const column = COLUMNS.find((c) => c.id === sort.column) ?? (COLUMNS[0] as Column);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...records].sort((a, b) => sign * column.key(a, linkOf(a)).localeCompare(column.key(b, linkOf(b))) || a.recordId.localeCompare(b.recordId));
}

/** Every way the learner might type a value: DOB as 07/27/1981, 7/27/1981 and 1981-07-27. */
function haystack(r: MpiRecord): string {
  const [y, m, d] = r.birthDate.split('-');
  return [
    r.recordId,
    r.mrn,
    r.family,
    r.given,
    r.middle,
    r.suffix,
    r.birthDate,
    formatDate(r.birthDate),
    `${Number(m)}/${Number(d)}/${y}`,
    r.sex,
    r.address,
    r.phone,
    r.phone.replace(/\D/g, ''),
    r.ssnLast4,
    formatDate(r.created),
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

/** Records matching every word of the query, in any field. */
export function filterRecords(records: readonly MpiRecord[], query: string): MpiRecord[] {
  const words = query.toLowerCase().split(/[\s,]+/).filter(Boolean);
  if (words.length === 0) return [...records];
  return records.filter((r) => {
    const text = haystack(r);
    return words.every((w) => text.includes(w));
  });
}

interface MpiIndexTableProps {
  records: MpiRecord[];
  sort: SortState;
  onSort: (column: ColumnId) => void;
  selected: ReadonlySet<string>;
  onToggle: (recordId: string) => void;
  linkOf: (r: MpiRecord) => RecordLink | undefined;
  captionId: string;
}

/**
 * The index as a data table. Column headers are sort buttons with aria-sort on the sorted one;
 * each row has a labelled checkbox, so selecting works with Tab and Space.
 */
export function MpiIndexTable({ records, sort, onSort, selected, onToggle, linkOf, captionId }: MpiIndexTableProps) {
  return (
    <div className="table-wrap mpi-table-wrap">
      <table className="data-table mpi-table" aria-labelledby={captionId}>
        <thead>
          <tr>
            <th scope="col" className="mpi-table__select">
              <span className="visually-hidden">Select</span>
            </th>
            {COLUMNS.map((c) => {
              const sorted = sort.column === c.id;
              return (
                <th key={c.id} scope="col" aria-sort={sorted ? sort.direction : undefined}>
                  <button type="button" className="sort-button" onClick={() => onSort(c.id)}>
                    {c.label}
                    <span className="sort-button__mark" aria-hidden="true">
                      {sorted ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {records.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length + 1} className="empty-cell">
                No record matches the search.
              </td>
            </tr>
          ) : (
            records.map((r) => {
              const isSelected = selected.has(r.recordId);
              const link = linkOf(r);
              return (
                <tr key={r.recordId} className={isSelected ? 'row--selected' : undefined}>
                  <td className="mpi-table__select">
                    <input
                      type="checkbox"
                      checked={isSelected}
                      onChange={() => onToggle(r.recordId)}
                      aria-label={`Select ${r.recordId}, ${indexName(r)}`}
                    />
                  </td>
                  <th scope="row" className="mono">
                    {r.recordId}
                  </th>
                  <td className="mono">{r.mrn}</td>
                  <td className="mpi-table__name">{indexName(r)}</td>
                  <td className="nowrap">{formatDate(r.birthDate)}</td>
                  <td>{genderText(r.sex)}</td>
                  <td className="mpi-table__address">{r.address}</td>
                  <td className="nowrap">{r.phone}</td>
                  <td className="mono">{r.ssnLast4 ?? <span className="empty-cell">none</span>}</td>
                  <td className="nowrap">{formatDate(r.created)}</td>
                  <td className="mpi-table__linked">
                    {link ? (
                      <>
                        Person {link.person}
                        {link.survivor && (
                          <>
                            {' '}
                            <span className="survivor-tag">Survivor</span>
                          </>
                        )}
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}
