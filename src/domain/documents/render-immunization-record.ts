import type { SourceDocument } from '@/domain/chart/chart-types';
import { vaccineFor } from './code-lookup';
import { clinicianName } from './phrases';
import { pickStyle, practitioner, printDay, refOf, type RenderContext } from './render-context';
import { writeHeader } from './sections';
import { TextBuilder } from './text-builder';

const COL = { cvx: 20, date: 26, site: 40, lot: 60, by: 70 };

/** The immunization history as a registry extract: vaccine, CVX, date, route/site, lot, administered by. */
export function renderImmunizationRecord(ctx: RenderContext): SourceDocument {
  const { rng, chart } = ctx;
  const style = pickStyle(rng);
  const b = new TextBuilder();
  const title = 'Immunization Record';
  writeHeader(b, ctx, style, { title, dateLabel: 'Printed', date: ctx.refDate });
  if (chart.immunizations.length === 0) {
    b.line('  No immunizations on record.');
  } else {
    b.text('  Vaccine').padTo(COL.cvx).text('CVX').padTo(COL.date).text('Date given').padTo(COL.site).text('Route / site');
    b.padTo(COL.lot).text('Lot').padTo(COL.by).text('Given by').nl();
    const nameForm = rng.chance(0.5) ? 'signature' : 'last-first';
    for (const imm of chart.immunizations) {
      const ref = refOf(imm);
      const vaccine = vaccineFor(imm.vaccineCode);
      b.text('  ').fact(ref, 'vaccine', vaccine?.shortName ?? imm.vaccineCode?.text ?? '').padTo(COL.cvx, 2);
      b.text(imm.vaccineCode?.coding?.[0]?.code ?? '').padTo(COL.date, 2);
      b.fact(ref, 'date', printDay(style, imm.occurrenceDateTime ?? '')).padTo(COL.site, 2);
      const route = imm.route?.coding?.[0]?.code;
      if (route) b.fact(ref, 'route', route);
      const site = imm.site?.text;
      if (site) b.text(' / ').fact(ref, 'site', site);
      b.padTo(COL.lot, 2);
      if (imm.lotNumber) b.fact(ref, 'lot', imm.lotNumber);
      b.padTo(COL.by, 2);
      const given = practitioner(ctx, imm.performer?.[0]?.actor?.reference);
      if (given) b.fact(refOf(given), 'name', clinicianName(given, nameForm));
      b.nl();
    }
  }
  b.nl().line(`Source: ${ctx.facility} immunization history.`).line('Verify against the state immunization registry (IIS) before administering.');
  const { text, spans } = b.build();
  return { id: rng.uuid(), kind: 'immunization-record', title, date: ctx.refDate, text, spans };
}
