import type { Difficulty, Scenario, SkillDomain, TaskKind } from '@/domain/scenario/scenario-schema';

export interface LibraryFilters {
  query: string;
  domain: SkillDomain | '';
  difficulty: Difficulty | '';
  kind: TaskKind | '';
}

export const NO_FILTERS: LibraryFilters = { query: '', domain: '', difficulty: '', kind: '' };

function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Every word of the query must start a word somewhere in the scenario's text ("med rec" finds "medication reconciliation"). */
function matchesQuery(scenario: Scenario, query: string): boolean {
  const wanted = words(query);
  if (wanted.length === 0) return true;
  const haystack = words([scenario.id, scenario.title, scenario.summary, scenario.task.instructions, ...scenario.learningObjectives].join(' '));
  return wanted.every((w) => haystack.some((h) => h.startsWith(w)));
}

export function filterScenarios(scenarios: readonly Scenario[], filters: LibraryFilters): Scenario[] {
  return scenarios.filter(
    (s) =>
      (!filters.domain || s.domain === filters.domain) &&
      (!filters.difficulty || s.difficulty === filters.difficulty) &&
      (!filters.kind || s.task.kind === filters.kind) &&
      matchesQuery(s, filters.query),
  );
}

export function hasFilters(filters: LibraryFilters): boolean {
  return filters.query.trim() !== '' || filters.domain !== '' || filters.difficulty !== '' || filters.kind !== '';
}
