import type { AssignmentGradebook } from './grade';

/**
 * The gradebook as CSV (RFC 4180): one row per learner, a column per item, the total and
 * pass/fail. Scores are percentages (0 to 100, one decimal) because that is what LMS gradebook
 * imports expect (Moodle, Canvas and Blackboard all map a numeric column onto a grade item); an
 * item the learner did not hand in is an empty cell and counts 0 in the total.
 */

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark so Excel reads accented names right (default false). */
  bom?: boolean;
}

/**
 * Quotes a cell when it holds a comma, quote, line break or leading/trailing space (doubling
 * quotes). Text that a spreadsheet would run as a formula (= + - @, tab, CR at the start) gets a
 * leading apostrophe, as OWASP advises against CSV injection; numbers are written as they are.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}

/** 0.8333 → 83.3 */
export function scorePercent(score: number): number {
  return Math.round(score * 1000) / 10;
}

export function gradebookCsv(book: AssignmentGradebook, options: CsvOptions = {}): string {
  const header = [
    'Learner',
    'Student ID',
    ...book.columns.map((c) => `${c.index + 1}. ${c.title} (%)`),
    'Total (%)',
    'Passed',
    'Time (minutes)',
  ];
  const lines = [csvLine(header)];
  for (const row of book.rows) {
    lines.push(
      csvLine([
        row.learner.name,
        row.learner.studentId ?? '',
        ...row.items.map((i) => (i ? scorePercent(i.score) : null)),
        scorePercent(row.total),
        row.passed ? 'yes' : 'no',
        Math.round(row.elapsedMs / 6000) / 10,
      ]),
    );
  }
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
