import { useId, useState } from 'react';
import type { StoredAssignment } from '@/db/assignment-repo';
import { assignmentFileName, assignmentLink, itemScenarioId, serializeAssignment, type AssignmentFile } from '@/domain/instructor/assignment';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { downloadFile, formatPercent } from './download';
import { ScormDownload } from './scorm-download';

interface AssignmentListProps {
  assignments: readonly StoredAssignment[];
  titleOf: (scenarioId: string) => string;
  /** Shipped scenarios by id, for SCORM packages (which carry every scenario in full). */
  lookupShipped: (scenarioId: string) => Scenario | undefined;
  /** The app's shipped FHIR bundles by path, which SCORM packages carry for scenarios on an imported chart. */
  bundleUrls: Readonly<Record<string, string>>;
  /** The app's address without a fragment, for links. */
  baseUrl: string;
  onDelete: (assignment: AssignmentFile) => void;
}

/** Assignments made here: share as a link, a file, or a SCORM 1.2 package for an LMS. */
export function AssignmentList({ assignments, titleOf, lookupShipped, bundleUrls, baseUrl, onDelete }: AssignmentListProps) {
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
              <AssignmentCard assignment={assignment} titleOf={titleOf} lookupShipped={lookupShipped} bundleUrls={bundleUrls} baseUrl={baseUrl} onDelete={onDelete} />
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
  lookupShipped,
  bundleUrls,
  baseUrl,
  onDelete,
}: {
  assignment: AssignmentFile;
  titleOf: (id: string) => string;
  lookupShipped: (id: string) => Scenario | undefined;
  bundleUrls: Readonly<Record<string, string>>;
  baseUrl: string;
  onDelete: (a: AssignmentFile) => void;
}) {
  const id = useId();
  const [copied, setCopied] = useState(false);
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
        <button type="button" className="button button--small button--quiet" onClick={() => onDelete(assignment)}>
          Delete
        </button>
      </div>
      <ScormDownload assignment={assignment} lookupShipped={lookupShipped} bundleUrls={bundleUrls} />
      <p className="muted small">
        For an LMS (Moodle, Canvas, Blackboard): upload the SCORM package as a SCORM activity; it runs offline and reports score and completion. The same package
        on the command line: download the file, then <span className="mono">npm run scorm -- {assignmentFileName(assignment)}</span>.
      </p>
    </article>
  );
}
