import { useId, useState } from 'react';
import type { StoredAssignment } from '@/db/assignment-repo';
import { assignmentFileName, assignmentLink, itemScenarioId, serializeAssignment, type AssignmentFile } from '@/domain/instructor/assignment';
import { downloadFile, formatPercent } from './download';

interface AssignmentListProps {
  assignments: readonly StoredAssignment[];
  titleOf: (scenarioId: string) => string;
  /** The app's address without a fragment, for links. */
  baseUrl: string;
  onDelete: (assignment: AssignmentFile) => void;
  /** Builds and downloads a SCORM 1.2 package; absent when this build has no player. */
  onScormPackage?: (assignment: AssignmentFile) => Promise<void>;
}

/** Assignments made here: share as a link or a file, or as a SCORM package for the LMS. */
export function AssignmentList({ assignments, titleOf, baseUrl, onDelete, onScormPackage }: AssignmentListProps) {
  const headingId = useId();
  return (
    <section className="card instructor-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Assignments</h2>
      {assignments.length === 0 ? (
        <p className="muted">No assignments yet.</p>
      ) : (
        <ul className="assignment-cards">
          {assignments.map(({ assignment }) => (
            <li key={assignment.id}>
              <AssignmentCard assignment={assignment} titleOf={titleOf} baseUrl={baseUrl} onDelete={onDelete} {...(onScormPackage ? { onScormPackage } : {})} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AssignmentCard({
  assignment,
  titleOf,
  baseUrl,
  onDelete,
  onScormPackage,
}: {
  assignment: AssignmentFile;
  titleOf: (id: string) => string;
  baseUrl: string;
  onDelete: (a: AssignmentFile) => void;
  onScormPackage?: (a: AssignmentFile) => Promise<void>;
}) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  const [scorm, setScorm] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const link = assignmentLink(baseUrl, assignment);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      (document.getElementById(`${id}-link`) as HTMLInputElement | null)?.select();
    }
  };
  return (
    <article className="assignment-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{assignment.title}</h3>
      <p className="muted">
        {assignment.course ? `${assignment.course} · ` : ''}Due {assignment.dueDate} · {assignment.attemptsAllowed} attempt{assignment.attemptsAllowed === 1 ? '' : 's'} · pass mark{' '}
        {formatPercent(assignment.passMark)}
      </p>
      <ol className="assignment-card__items">
        {assignment.items.map((item, i) => (
          <li key={i}>
            {titleOf(itemScenarioId(item))} <span className="muted">seed {item.seed}{typeof item.scenario === 'string' ? '' : ' · your scenario, included in full'}</span>
          </li>
        ))}
      </ol>
      <div className="field">
        <label htmlFor={`${id}-link`}>Link for learners</label>
        <input id={`${id}-link`} className="mono assignment-card__link" readOnly value={link} onFocus={(e) => e.target.select()} />
      </div>
      <div className="instructor-row-actions">
        <button type="button" className="button button--small" onClick={copy}>
          {copied ? 'Link copied' : 'Copy link'}
        </button>
        <button type="button" className="button button--small" onClick={() => downloadFile(assignmentFileName(assignment), serializeAssignment(assignment))}>
          Download assignment file
        </button>
        {onScormPackage && (
          <button
            type="button"
            className="button button--small"
            disabled={scorm.busy}
            onClick={async () => {
              setScorm({ busy: true });
              try {
                await onScormPackage(assignment);
                setScorm({ busy: false });
              } catch (error) {
                setScorm({ busy: false, error: (error as Error).message });
              }
            }}
          >
            {scorm.busy ? 'Packaging…' : 'SCORM 1.2 package'}
          </button>
        )}
        <button type="button" className="button button--small button--quiet" onClick={() => onDelete(assignment)}>
          Delete
        </button>
      </div>
      {scorm.error && (
        <p role="alert" className="notice notice--error">
          The SCORM package could not be made: {scorm.error}
        </p>
      )}
    </article>
  );
}
