import type { z } from 'zod';
import { scenarioSchema, type Scenario } from './scenario-schema';

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; file: string; errors: string[] };

/** `task.errorCount` → "task.errorCount"; array indices as `[2]`. */
function pathText(path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '') || '(top level)';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = pathText(issue.path);
  if (issue.code === 'invalid_type') {
    const input = (issue as { input?: unknown }).input;
    const received = input === undefined ? 'nothing' : input === null ? 'null' : Array.isArray(input) ? 'an array' : `${typeof input} ${JSON.stringify(input)}`;
    return `${where}: expected ${issue.expected}, got ${received}`;
  }
  if (issue.code === 'invalid_value') return `${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'unrecognized_keys') return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_union') return `${where}: ${issue.message}`;
  return `${where}: ${issue.message}`;
}

/**
 * Parse one scenario file's text. Never throws: a bad file yields messages naming the file, the
 * field and what was expected, and callers carry on with the other scenarios.
 */
export function loadScenario(file: string, text: string): LoadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, file, errors: [`not valid JSON: ${(error as Error).message}`] };
  }
  const parsed = scenarioSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) return { ok: false, file, errors: parsed.error.issues.map(describeIssue) };
  const expectedId = file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  if (/\.json$/.test(file) && parsed.data.id !== expectedId) {
    return { ok: false, file, errors: [`id: expected "${expectedId}" (the file name), got "${parsed.data.id}"`] };
  }
  return { ok: true, scenario: parsed.data };
}

export function formatLoadErrors(result: Extract<LoadResult, { ok: false }>): string {
  return `${result.file}: invalid scenario\n${result.errors.map((e) => `  - ${e}`).join('\n')}`;
}
