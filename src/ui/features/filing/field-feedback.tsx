import { VerdictBadge } from '@/ui/components/verdict-badge';
import type { DocumentFeedback } from './filing-feedback';

const NAMES = { patient: 'Patient', section: 'Section', position: 'Date order' } as const;

/**
 * A document's scored fields after submission: verdict, why, and what was expected. In a folder
 * only the fields that went wrong are listed (`onlyWrong`), so a right document stays one line.
 */
export function FieldFeedback({ feedback, onlyWrong = false }: { feedback: DocumentFeedback; onlyWrong?: boolean }) {
  const rows = (['patient', 'section', 'position'] as const).flatMap((field) => {
    const item = feedback[field];
    return item && !(onlyWrong && item.verdict === 'correct') ? [{ field, item }] : [];
  });
  if (rows.length === 0) return null;
  return (
    <ul className="field-feedback">
      {rows.map(({ field, item }) => (
        <li key={field}>
          <span className="field-feedback__field">{NAMES[field]}</span> <VerdictBadge verdict={item.verdict} size="small" />
          {item.verdict !== 'correct' && (
            <span className="field-feedback__note">
              {item.note ? `${item.note} ` : ''}
              {item.verdict !== 'missing' && field === 'position' ? `Expected: ${item.expected}.` : ''}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
