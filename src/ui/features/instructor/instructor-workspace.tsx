import { useMemo, useState, type ComponentType } from 'react';
import { deleteAssignment, saveAssignment } from '@/db/assignment-repo';
import { deleteAuthoredScenario, saveAuthoredScenario } from '@/db/authored-scenario-repo';
import { useTrainerDB } from '@/db/db-context';
import type { AuthoredScenarioRecord } from '@/db/records';
import { useAssignments, useAuthoredScenarios } from '@/db/use-instructor';
import { newScenarioForm, scenarioToForm, serializeScenario, uniqueScenarioId, type ScenarioForm } from '@/domain/instructor/scenario-form';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { Tabs } from '@/ui/components/tabs';
import { AssignmentBuilder } from './assignment-builder';
import { AssignmentList } from './assignment-list';
import { downloadFile } from './download';
import { Gradebook, type DrillDownReportProps } from './gradebook';
import { LrsSettings } from './lrs-settings';
import { ScenarioEditor } from './scenario-editor';
import { ScenarioList } from './scenario-list';

export const INSTRUCTOR_TABS = [
  { id: 'scenarios', label: 'Scenarios' },
  { id: 'assignments', label: 'Assignments' },
  { id: 'gradebook', label: 'Gradebook' },
  { id: 'settings', label: 'LRS settings' },
] as const;

export type InstructorTab = (typeof INSTRUCTOR_TABS)[number]['id'];

interface InstructorWorkspaceProps {
  tab: InstructorTab;
  onTab: (tab: InstructorTab) => void;
  shipped: readonly Scenario[];
  /** The shipped FHIR bundles by path (`/scenarios/bundles/x.json` → URL), for SCORM packages. */
  bundleUrls: Readonly<Record<string, string>>;
  Report: ComponentType<DrillDownReportProps>;
  baseUrl: string;
  today: string;
}

interface Editing {
  form: ScenarioForm;
  previousId?: string;
  heading: string;
  key: number;
}

/**
 * Instructor mode: author scenarios, bundle them into assignments, collect and grade results,
 * and say where xAPI statements go. Everything is kept in this browser (authoredScenarios,
 * assignments); files and links carry it to learners and back.
 */
export function InstructorWorkspace({ tab, onTab, shipped, bundleUrls, Report, baseUrl, today }: InstructorWorkspaceProps) {
  const db = useTrainerDB();
  const authored = useAuthoredScenarios();
  const assignments = useAssignments();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const shippedIds = useMemo(() => new Set(shipped.map((s) => s.id)), [shipped]);
  const allIds = useMemo(() => new Set([...shippedIds, ...(authored ?? []).map((a) => a.id)]), [shippedIds, authored]);
  const previousId = editing?.previousId;
  const takenIds = useMemo(() => {
    const taken = new Set(allIds);
    if (previousId) taken.delete(previousId);
    return taken;
  }, [allIds, previousId]);

  if (authored === undefined || assignments === undefined) {
    return (
      <p role="status">
        <span className="spinner" aria-hidden="true" /> Loading…
      </p>
    );
  }

  const open = (form: ScenarioForm, heading: string, previousId?: string) =>
    setEditing({ form, heading, key: Date.now(), ...(previousId !== undefined ? { previousId } : {}) });

  const copyOf = (scenario: Scenario): ScenarioForm => {
    const { $schema: _schema, ...rest } = scenario;
    const id = uniqueScenarioId(scenario.id, allIds);
    return scenarioToForm({ ...rest, id, title: `${scenario.title} (copy)`.slice(0, 120) });
  };

  const exportScenario = (scenario: Scenario) => downloadFile(`${scenario.id}.json`, serializeScenario(scenario));
  const lookupShipped = (id: string) => shipped.find((s) => s.id === id);
  const titleOf = (id: string) => authored.find((a) => a.id === id)?.scenario.title ?? lookupShipped(id)?.title ?? id;

  return (
    <Tabs
      label="Instructor"
      idPrefix="instructor"
      items={INSTRUCTOR_TABS}
      selectedId={tab}
      onSelect={(t) => {
        setNotice(null);
        onTab(t as InstructorTab);
      }}
    >
      {notice && (
        <p role="status" className="notice notice--ok">
          {notice}
        </p>
      )}
      {tab === 'scenarios' &&
        (editing ? (
          <ScenarioEditor
            key={editing.key}
            initial={editing.form}
            heading={editing.heading}
            takenIds={takenIds}
            onSave={async (scenario) => {
              await saveAuthoredScenario(db, scenario, editing.previousId !== undefined ? { previousId: editing.previousId } : {});
              setEditing((e) => (e ? { ...e, previousId: scenario.id, heading: `Edit “${scenario.title}”` } : e));
            }}
            onExport={exportScenario}
            onClose={() => setEditing(null)}
          />
        ) : (
          <ScenarioList
            shipped={shipped}
            authored={authored}
            onNew={() => open(newScenarioForm(uniqueScenarioId('my-scenario', allIds).replace(/-copy/, '')), 'New scenario')}
            onStartFrom={(scenario) => open(copyOf(scenario), `New scenario from “${scenario.title}”`)}
            onEdit={(record: AuthoredScenarioRecord) => open(scenarioToForm(record.scenario), `Edit “${record.scenario.title}”`, record.id)}
            onDuplicate={async (record) => {
              const form = copyOf(record.scenario);
              await saveAuthoredScenario(db, { ...record.scenario, id: form.id, title: form.title });
              setNotice(`Duplicated as “${form.title}”.`);
            }}
            onExport={exportScenario}
            onDelete={async (record) => {
              if (!window.confirm(`Delete “${record.scenario.title}” from this browser? Assignments that include it keep their copy.`)) return;
              await deleteAuthoredScenario(db, record.id);
            }}
          />
        ))}
      {tab === 'assignments' && (
        <div className="instructor-stack">
          <AssignmentBuilder
            shipped={shipped}
            authored={authored.map((a) => a.scenario)}
            today={today}
            onCreated={async (assignment) => {
              await saveAssignment(db, assignment);
              setNotice(`Created “${assignment.title}”. Share the link, the file or the SCORM package below.`);
            }}
          />
          <AssignmentList
            assignments={assignments}
            titleOf={titleOf}
            lookupShipped={lookupShipped}
            bundleUrls={bundleUrls}
            baseUrl={baseUrl}
            onDelete={async (a) => {
              if (window.confirm(`Delete “${a.title}” from this browser? Learners who have it keep their copy.`)) await deleteAssignment(db, a.id);
            }}
          />
        </div>
      )}
      {tab === 'gradebook' && (
        <Gradebook
          lookupScenario={lookupShipped}
          knownAssignments={assignments.map((a) => a.assignment)}
          Report={Report}
        />
      )}
      {tab === 'settings' && <LrsSettings />}
    </Tabs>
  );
}
