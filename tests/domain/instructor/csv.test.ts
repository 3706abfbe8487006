import { describe, expect, it } from 'vitest';
import { csvCell, gradebookCsv } from '@/domain/instructor/csv';
import { gradeResults } from '@/domain/instructor/grade';
import { asFile, hashing, lookupShipped, resultFor, week3Assignment } from './instructor-fixtures';

/** A small RFC 4180 reader, to check that what we write reads back as the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('gradebook CSV', () => {
  it('quotes commas, quotes, line breaks and edge spaces, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('López, María')).toBe('"López, María"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(83.3)).toBe('83.3');
    expect(csvCell(null)).toBe('');
  });

  it('writes a header, one row per learner with item scores, total and pass, CRLF line ends', async () => {
    const assignment = await week3Assignment();
    const files = [
      asFile('a.json', await resultFor(assignment, { id: 'l-1', name: 'López, María "Mari"', studentId: 'S1001', choices: ['key', 'key'] })),
      asFile('b.json', await resultFor(assignment, { id: 'l-2', name: 'Ben Okafor', choices: ['key', null] })),
    ];
    const book = (await gradeResults(files, { hashing, lookupScenario: lookupShipped })).assignments[0]!;
    const text = gradebookCsv(book);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.startsWith('\uFEFF')).toBe(false);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['Learner', 'Student ID', '1. Find duplicate registrations (%)', '2. Unit check drill (%)', 'Total (%)', 'Passed', 'Time (minutes)']);
    expect(rows[1]).toEqual(['Ben Okafor', '', '100', '', '50', 'no', '12.5']);
    expect(rows[2]).toEqual(['López, María "Mari"', 'S1001', '100', '100', '100', 'yes', '25']);
    expect(rows).toHaveLength(3);
    expect(gradebookCsv(book, { bom: true }).startsWith('\uFEFFLearner,')).toBe(true);
  });
});
