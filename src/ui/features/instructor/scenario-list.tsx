import { useId, useState } from 'react';
import type { AuthoredScenarioRecord } from '@/db/records';
import { SKILL_DOMAIN_LABELS, type Scenario } from '@/domain/scenario/scenario-schema';
import { DIFFICULTY_LABELS, TASK_KIND_LABELS } from '@/ui/components/exercise-format';

interface ScenarioListProps {
  shipped: readonly Scenario[];
  authored: readonly AuthoredScenarioRecord[];
  onNew: () => void;
  onStartFrom: (scenario: Scenario) => void;
  onEdit: (record: AuthoredScenarioRecord) => void;
  onDuplicate: (record: AuthoredScenarioRecord) => void;
  onExport: (scenario: Scenario) => void;
  onDelete: (record: AuthoredScenarioRecord) => void;
}

/** The instructor's scenarios (kept in this browser) and the way to start a new one. */
export function ScenarioList({ shipped, authored, onNew, onStartFrom, onEdit, onDuplicate, onExport, onDelete }: ScenarioListProps) {
  const headingId = useId();
  const selectId = useId();
  const [template, setTemplate] = useState(shipped[0]?.id ?? '');
  return (
    <section className="card instructor-panel" aria-labelledby={headingId}>
      <div className="instructor-panel__head">
        <h2 id={headingId}>Your scenarios</h2>
        <button type="button" className="button button--primary" onClick={onNew}>
          New scenario
        </button>
      </div>
      <div className="instructor-inline-form">
        <div className="field">
          <label htmlFor={selectId}>Or start from a shipped scenario</label>
          <select id={selectId} value={template} onChange={(e) => setTemplate(e.target.value)}>
            {shipped.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title} ({TASK_KIND_LABELS[s.task.kind]}{s.patients.bundle ? ', imported chart' : ''})
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" onClick={() => {
          const scenario = shipped.find((s) => s.id === template);
          if (scenario) onStartFrom(scenario);
        }}>
          Copy and edit
        </button>
      </div>
      {authored.length === 0 ? (
        <p className="muted">No scenarios of your own yet. Saved scenarios are kept in this browser and appear in the learners’ exercise library on this computer; export them to share.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Your scenarios</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Kind</th>
                <th scope="col">Domain</th>
                <th scope="col">Last edited</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {authored.map((record) => (
                <tr key={record.id}>
                  <th scope="row">
                    {record.scenario.title}
                    <div className="muted mono small">{record.id}</div>
                  </th>
                  <td>
                    {TASK_KIND_LABELS[record.scenario.task.kind]} · {DIFFICULTY_LABELS[record.scenario.difficulty]}
                  </td>
                  <td>{SKILL_DOMAIN_LABELS[record.scenario.domain]}</td>
                  <td>{new Date(record.updatedAt).toLocaleString()}</td>
                  <td className="instructor-row-actions">
                    <button type="button" className="button button--small" onClick={() => onEdit(record)} aria-label={`Edit ${record.scenario.title}`}>
                      Edit
                    </button>
                    <button type="button" className="button button--small" onClick={() => onDuplicate(record)} aria-label={`Duplicate ${record.scenario.title}`}>
                      Duplicate
                    </button>
                    <button type="button" className="button button--small" onClick={() => onExport(record.scenario)} aria-label={`Export ${record.scenario.title}`}>
                      Export
                    </button>
                    <button type="button" className="button button--small button--quiet" onClick={() => onDelete(record)} aria-label={`Delete ${record.scenario.title}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
