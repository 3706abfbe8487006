/**
 * Writes scenarios/scenario.schema.json from the zod schema (the single source of truth), so
 * editors validate and autocomplete scenario files. `--check` fails if the committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { scenarioSchema } from '@/domain/scenario/scenario-schema';

const target = fileURLToPath(new URL('../scenarios/scenario.schema.json', import.meta.url));

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });
  return `${JSON.stringify({ ...schema, title: 'ChartLab scenario', $id: 'https://chartlab.example/scenario.schema.json' }, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = scenarioJsonSchema();
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text) {
      console.error('scenarios/scenario.schema.json is out of date: run npm run scenarios:schema');
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
}
