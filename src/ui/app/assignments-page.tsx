import { useEffect, useState } from 'react';
import { useOptionalTrainerDB } from '@/db/db-context';
import { saveAssignment } from '@/db/assignment-repo';
import { useAssignment, useAssignments, useAuthoredScenarios } from '@/db/use-instructor';
import { useActiveLearner } from '@/db/use-learners';
import { decodeAssignmentPayload, readAssignment } from '@/domain/instructor/assignment';
import { InstructorFileError } from '@/domain/instructor/format-errors';
import { DEFAULT_HASHING } from '@/lms/hashing';
import { AssignmentOpener, LearnerAssignmentDetail, LearnerAssignmentRow } from '@/ui/features/instructor/learner-assignments';
import { assignmentHash, assignmentItemHash, ASSIGNMENTS_HASH } from './assignment-links';
import { RequireDatabase } from './require-database';
import { findScenario, scenarioCatalog } from './scenario-catalog';
import type { SectionPageProps } from './sections';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** `#/assignments` (the learner's list) and `#/assignments/<id>` (one assignment). */
export default function AssignmentsPage({ route, navigate }: SectionPageProps) {
  return <RequireDatabase>{route.id ? <AssignmentDetail id={route.id} /> : <AssignmentList onOpened={(id) => navigate(assignmentHash(id))} />}</RequireDatabase>;
}

function AssignmentList({ onOpened }: { onOpened: (id: string) => void }) {
  const assignments = useAssignments();
  const learner = useActiveLearner();
  const day = today();
  return (
    <div className="page">
      <section className="card instructor-panel" aria-labelledby="assignments-heading">
        <div className="instructor-panel__head">
          <h1 id="assignments-heading">Assignments</h1>
          <AssignmentOpener onOpened={(a) => onOpened(a.id)} />
        </div>
        <p className="muted">Assignments from your instructor: open the link or the file they gave you. Every learner gets the same charts.</p>
        {assignments === undefined ? null : assignments.length === 0 ? (
          <p>No assignments on this computer yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Your assignments</caption>
              <thead>
                <tr>
                  <th scope="col">Assignment</th>
                  <th scope="col">Due</th>
                  <th scope="col">Scenarios</th>
                  <th scope="col">Attempts used</th>
                  <th scope="col">Best score</th>
                </tr>
              </thead>
              <tbody>
                {assignments.map((stored) => (
                  <LearnerAssignmentRow key={stored.assignment.id} stored={stored} learnerId={learner === undefined ? null : (learner?.id ?? null)} href={assignmentHash(stored.assignment.id)} today={day} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function AssignmentDetail({ id }: { id: string }) {
  const stored = useAssignment(id);
  const learner = useActiveLearner();
  const authored = useAuthoredScenarios();
  if (stored === undefined || learner === undefined) return null;
  if (stored === null) {
    return (
      <div className="page">
        <div className="card empty-state">
          <h1>No such assignment</h1>
          <p>This computer has no assignment “{id}”. Open the link or file your instructor gave you.</p>
          <a className="button" href={ASSIGNMENTS_HASH}>
            All assignments
          </a>
        </div>
      </div>
    );
  }
  const titleOf = (scenarioId: string) => findScenario(scenarioCatalog, scenarioId)?.title ?? authored?.find((a) => a.id === scenarioId)?.scenario.title;
  return (
    <div className="page">
      <p>
        <a href={ASSIGNMENTS_HASH}>
          <span aria-hidden="true">←</span> All assignments
        </a>
      </p>
      <LearnerAssignmentDetail assignment={stored.assignment} learner={learner} titleOf={titleOf} itemHref={(index) => assignmentItemHash(id, index)} today={today()} />
    </div>
  );
}

/**
 * `#/assignment/<payload>`: an assignment link. The payload is checked (format, checksum), kept
 * on this computer and replaced by the assignment's page, so the long link leaves the address bar.
 */
export function AssignmentLinkPage({ route, navigate }: SectionPageProps) {
  const context = useOptionalTrainerDB();
  const [error, setError] = useState<string | null>(null);
  const payload = route.id ?? '';
  useEffect(() => {
    if (!context) return;
    let live = true;
    (async () => {
      try {
        const assignment = await readAssignment(decodeAssignmentPayload(payload), DEFAULT_HASHING);
        await saveAssignment(context.db, assignment);
        if (live) window.location.replace(assignmentHash(assignment.id));
      } catch (e) {
        if (live) setError(e instanceof InstructorFileError ? e.message : `This assignment link could not be opened: ${(e as Error).message}`);
      }
    })();
    return () => {
      live = false;
    };
  }, [context, payload, navigate]);
  return (
    <RequireDatabase>
      <div className="page">
        {error ? (
          <div role="alert" className="card notice notice--error">
            <h1>This assignment link cannot be used</h1>
            <p>{error}</p>
            <p>
              <a href={ASSIGNMENTS_HASH}>Your assignments</a>
            </p>
          </div>
        ) : (
          <div className="card empty-state" role="status" aria-busy="true">
            <span className="spinner spinner--large" aria-hidden="true" />
            <p>Opening the assignment…</p>
          </div>
        )}
      </div>
    </RequireDatabase>
  );
}
