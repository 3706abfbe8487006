import type { MpiRecord } from '@/domain/exercise/exercise-types';
import { COMPARE_FIELDS, differingFields } from './mpi-answers';

/**
 * Two or three registrations side by side, one column each, with every identity field that
 * differs marked "≠ Differs" in words and by a heavier row, not by colour alone. This is the
 * technician's actual check before a merge.
 */
export function MpiCompare({ records }: { records: readonly MpiRecord[] }) {
  const differing = differingFields(records);
  // A field no record fills (usually the suffix) is left out.
  const fields = COMPARE_FIELDS.filter((f) => records.some((r) => f.value(r) !== ''));
  return (
    <div className="table-wrap">
      <table className="data-table compare-table">
        <caption>
          {records.map((r) => r.recordId).join(' vs ')}:{' '}
          {differing.size === 0 ? 'no identity field differs' : `${differing.size} ${differing.size === 1 ? 'field differs' : 'fields differ'}`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            {records.map((r) => (
              <th key={r.recordId} scope="col" className="mono">
                {r.recordId}
              </th>
            ))}
            <th scope="col">Match</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const differs = differing.has(f.id);
            return (
              <tr key={f.id} className={differs ? 'compare-row--differs' : undefined}>
                <th scope="row">{f.label}</th>
                {records.map((r) => (
                  <td key={r.recordId}>{f.value(r) || <span className="empty-cell">blank</span>}</td>
                ))}
                <td className="nowrap">
                  {!f.identity ? <span className="muted">Own to each</span> : differs ? <strong className="compare-flag">≠ Differs</strong> : '= Same'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
