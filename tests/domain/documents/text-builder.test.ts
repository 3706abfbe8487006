import { describe, expect, it } from 'vitest';
import { TextBuilder } from '@/domain/documents/text-builder';
import { createRng } from '@/domain/rng/rng';

describe('TextBuilder', () => {
  it('records a span over exactly the words of a fact', () => {
    const b = new TextBuilder();
    b.text('Allergies: ').fact('AllergyIntolerance/a', 'code', 'PCN').text(' (').fact('AllergyIntolerance/a', 'reaction', 'hives').text(')').nl();
    const { text, spans } = b.build();
    expect(text).toBe('Allergies: PCN (hives)\n');
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['PCN', 'hives']);
    expect(spans[0]).toEqual({ ref: 'AllergyIntolerance/a', field: 'code', start: 11, end: 14 });
  });

  it('cites the same words for a second fact with also()', () => {
    const b = new TextBuilder();
    b.fact('Condition/c', 'code', 'HTN').also('Encounter/e', 'reason');
    const { spans } = b.build();
    expect(spans[1]).toEqual({ ref: 'Encounter/e', field: 'reason', start: 0, end: 3 });
  });

  it('pads to a column, and by at least the minimum when the column is passed', () => {
    const b = new TextBuilder();
    b.text('Test').padTo(10).text('Result').nl().text('A very long test name').padTo(10, 2).text('1.0');
    expect(b.build().text).toBe('Test      Result\nA very long test name  1.0');
  });

  it('wraps at spaces of plain text, indents continuation lines and never splits or strands a fact', () => {
    const rng = createRng(7);
    const words = ['the', 'patient', 'reports', 'no', 'chest', 'pain,', 'and', 'is', 'doing', 'well', 'overall.'];
    for (let trial = 0; trial < 200; trial++) {
      const b = new TextBuilder();
      b.text('  ').wrap(40, '    ');
      for (let i = 0; i < 30; i++) {
        if (rng.chance(0.3)) b.text(' ').fact('Condition/x', 'code', rng.pick(['type 2 diabetes mellitus', 'HTN', 'CKD stage 3']));
        else b.text(rng.chance(0.5) ? ` ${rng.pick(words)}` : `${rng.pick([', ', ' and ', '. '])}${rng.pick(words)} ${rng.pick(words)}`);
      }
      b.unwrap().nl();
      const { text, spans } = b.build();
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        if (i > 0 && line.length > 0) expect(line.startsWith('    ')).toBe(true);
        expect(line.length).toBeLessThanOrEqual(40 + 'type 2 diabetes mellitus'.length);
        expect(line).toBe(line.trimEnd());
      });
      for (const s of spans) expect(['type 2 diabetes mellitus', 'HTN', 'CKD stage 3']).toContain(text.slice(s.start, s.end));
      expect(text).not.toMatch(/ {2}\S.* {2}/);
    }
  });

  it('never breaks the line at a space written with raw()', () => {
    const b = new TextBuilder();
    b.wrap(9, '');
    b.text('Vitals: ').fact('Observation/hr', 'code', 'HR').raw(' ').fact('Observation/hr', 'value', '78');
    expect(b.build().text).toBe('Vitals:\nHR 78');
  });
});
