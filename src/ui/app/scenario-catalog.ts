import { loadScenario } from '@/domain/scenario/load-scenario';
import { DIFFICULTIES, SKILL_DOMAINS, type Scenario } from '@/domain/scenario/scenario-schema';

/** One problem in a scenario file: the field (a path such as `task.errorCount`) and what was expected. */
export interface ScenarioIssue {
  field: string | null;
  message: string;
}

export interface ScenarioFileError {
  /** The file as the repository names it: `scenarios/bad.json`. */
  file: string;
  issues: ScenarioIssue[];
}

export interface ScenarioCatalog {
  /** Valid scenarios, by skill domain, then difficulty, then title. */
  scenarios: Scenario[];
  /** Files that did not load; the app shows them and carries on with the others. */
  errors: ScenarioFileError[];
}

/** `task.errorCount: expected number, got string` → field and message (see load-scenario.ts). */
function splitIssue(text: string): ScenarioIssue {
  const match = /^(\(top level\)|[A-Za-z_$][\w$]*(?:\.[\w$]+|\[\d+\])*): (.*)$/s.exec(text);
  return match ? { field: match[1] as string, message: match[2] as string } : { field: null, message: text };
}

function rank<T>(list: readonly T[], value: T): number {
  const index = list.indexOf(value);
  return index === -1 ? list.length : index;
}

/**
 * Load scenario files given as `{ path: text }`. Never throws: every file goes through
 * `loadScenario` (the schema is the single source of truth) and a bad file becomes an error
 * entry naming the file, the field and what was expected. `scenario.schema.json` is skipped.
 */
export function buildScenarioCatalog(files: Record<string, string>): ScenarioCatalog {
  const scenarios: Scenario[] = [];
  const errors: ScenarioFileError[] = [];
  const seen = new Map<string, string>();
  for (const [path, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const file = path.replace(/^\/+/, '').replace(/^(\.\.\/)+/, '');
    if (file.endsWith('scenario.schema.json')) continue;
    const result = loadScenario(file, text);
    if (!result.ok) {
      errors.push({ file, issues: result.errors.map(splitIssue) });
      continue;
    }
    const earlier = seen.get(result.scenario.id);
    if (earlier) {
      errors.push({ file, issues: [{ field: 'id', message: `expected a unique id, "${result.scenario.id}" is also used by ${earlier}` }] });
      continue;
    }
    seen.set(result.scenario.id, file);
    scenarios.push(result.scenario);
  }
  scenarios.sort(
    (a, b) =>
      rank(SKILL_DOMAINS, a.domain) - rank(SKILL_DOMAINS, b.domain) ||
      rank(DIFFICULTIES, a.difficulty) - rank(DIFFICULTIES, b.difficulty) ||
      a.title.localeCompare(b.title),
  );
  return { scenarios, errors };
}

/**
 * Every file in scenarios/, bundled as text at build time. The eager glob keeps the catalog
 * synchronous; this module is only reached from the lazily loaded exercise pages, so the
 * scenarios (and the code tables the schema checks condition ids against) stay out of the
 * first download.
 */
const SCENARIO_FILES = import.meta.glob<string>(['/scenarios/*.json', '!/scenarios/scenario.schema.json'], {
  eager: true,
  query: '?raw',
  import: 'default',
});

export const scenarioCatalog: ScenarioCatalog = buildScenarioCatalog(SCENARIO_FILES);

export function findScenario(catalog: ScenarioCatalog, id: string): Scenario | undefined {
  return catalog.scenarios.find((s) => s.id === id);
}
