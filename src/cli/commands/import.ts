import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { fromBundleText, type ImportResult } from '@/domain/fhir/from-bundle';
import { checkImportSize, FhirImportError, MAX_IMPORT_BYTES, formatBytes } from '@/domain/fhir/import-errors';
import { UsageError, type CliIo } from '../cli-io';

export const IMPORT_HELP = `chartlab import <file> [--out <chart.json>] [--patient <id>]

  Imports a FHIR R4 file (a Bundle of type collection, transaction, batch, searchset or
  document, or a single Patient) as a ChartLab chart, and prints what went into each chart
  section, what was kept aside and what was skipped, and why. Files over ${formatBytes(MAX_IMPORT_BYTES)}, files that
  are not FHIR R4 (STU3, DSTU2), values R4 does not allow and references to a patient that is not
  in the file are refused with exit code 1 and a message saying what is wrong.

  --out <file>       write the chart as JSON (the app's chart model)
  --patient <id>     the Patient to import from a bundle that holds several (default: the first)
`;

const pad = (text: string, width: number) => (text.length >= width ? `${text} ` : text.padEnd(width));

function patientName(result: ImportResult): string {
  const name = result.chart.patient.name?.[0];
  return name ? (name.text ?? [...(name.given ?? []), name.family].filter(Boolean).join(' ')) : '(no name)';
}

export function formatImportReport(result: ImportResult, file: string): string {
  const lines: string[] = [];
  const source = result.chart.meta.source;
  lines.push(`Imported ${patientName(result)} (Patient/${result.chart.patient.id}) from ${basename(file)} (${source?.bundleType ?? 'FHIR'}), reference date ${result.chart.meta.refDate}`);
  lines.push('', 'Chart sections');
  for (const row of result.summary.filter((r) => r.section !== 'unmapped')) {
    lines.push(`  ${pad(row.label, 24)}${String(row.count).padStart(6)}${row.detail ? `  ${row.detail}` : ''}`);
  }
  lines.push('', 'Kept aside (no chart section; kept with the chart and exported back unchanged)');
  if (result.unmapped.length === 0) lines.push('  none');
  for (const group of result.unmapped) lines.push(`  ${pad(group.resourceType, 24)}${String(group.count).padStart(6)}  ${group.reason}`);
  lines.push('', 'Skipped (not imported)');
  if (result.skipped.length === 0) lines.push('  none');
  const groups = new Map<string, { type: string; reason: string; ids: string[] }>();
  for (const s of result.skipped) {
    const key = `${s.resourceType}|${s.reason}`;
    const group = groups.get(key) ?? { type: s.resourceType, reason: s.reason, ids: [] };
    if (s.id) group.ids.push(s.id);
    groups.set(key, group);
  }
  for (const g of groups.values()) {
    const count = Math.max(g.ids.length, 1);
    lines.push(`  ${pad(g.type, 24)}${String(count).padStart(6)}  ${g.reason}${g.ids.length && g.ids.length <= 3 ? ` (${g.ids.join(', ')})` : ''}`);
  }
  if (result.extensions.length > 0) {
    lines.push('', 'Extensions kept in place but not shown');
    for (const e of result.extensions) lines.push(`  ${String(e.count).padStart(5)}  ${e.url}`);
  }
  if (result.warnings.length > 0) {
    lines.push('', 'Warnings');
    for (const w of result.warnings) lines.push(`  - ${w}`);
  }
  return `${lines.join('\n')}\n`;
}

export function runImport(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, patient: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('import takes exactly one file: chartlab import <file> [--out chart.json]');
  const file = positionals[0] as string;
  let text: string;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UsageError(`${file} is a directory; import one FHIR file at a time`, 1);
    // By size alone, before reading: a 100 MB file is refused at once.
    checkImportSize(stat.size);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (error instanceof FhirImportError) throw new UsageError(`${file}: ${error.message}`, 1);
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, 1);
  }
  let result: ImportResult;
  try {
    result = fromBundleText(text, { fileName: basename(file), patientId: values.patient });
  } catch (error) {
    if (error instanceof FhirImportError) {
      const more = error.details.length > 3 ? `\n${error.details.map((d) => `  - ${d}`).join('\n')}` : '';
      throw new UsageError(`${file}: ${error.message}${more}`, 1);
    }
    throw error;
  }
  io.out(formatImportReport(result, file));
  if (values.out) {
    try {
      writeFileSync(values.out, `${JSON.stringify(result.chart, null, 2)}\n`);
    } catch (error) {
      throw new UsageError(`cannot write ${values.out}: ${(error as Error).message}`, 1);
    }
    io.out(`\nWrote the chart to ${values.out}\n`);
  }
  return 0;
}
