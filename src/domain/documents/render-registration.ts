import type { SourceDocument } from '@/domain/chart/chart-types';
import { personName, upperFirst } from './phrases';
import { compareDays, conditionResolvedBy, pickStyle, printDay, refOf, type RenderContext } from './render-context';
import { allergenLabel, conditionLabel, PAGE_WIDTH, writeClinician, writeHistoryDate, writeMedication } from './sections';
import { TextBuilder } from './text-builder';

function centered(b: TextBuilder, s: string): void {
  b.text(' '.repeat(Math.max(0, (PAGE_WIDTH - s.length) >> 1))).line(s);
}

const LABEL_WIDTH = 26;

function label(b: TextBuilder, text: string): TextBuilder {
  return b.text(`  ${text}`).padTo(LABEL_WIDTH).text(': ');
}

/**
 * The registration and intake form the patient filled in at check-in on the chart's date:
 * demographics, insurance, emergency contact, and the patient's own account of allergies,
 * medications and history (in lay words: "high BP", "once a day").
 */
export function renderRegistration(ctx: RenderContext): SourceDocument {
  const { chart, rng } = ctx;
  const style = pickStyle(rng);
  const p = chart.patient;
  const pref = ctx.patientRef;
  const b = new TextBuilder();

  centered(b, ctx.facility.toUpperCase());
  centered(b, 'PATIENT REGISTRATION / INTAKE FORM');
  b.text(`Date: ${printDay(style, ctx.refDate)}`).padTo(PAGE_WIDTH - 24).text('Form: REG-01 (rev. 2024)').nl();
  b.rule('=', PAGE_WIDTH);

  b.line('PATIENT INFORMATION');
  label(b, 'Name (Last, First MI)').fact(pref, 'name', personName(p.name?.[0], rng.chance(0.5) ? 'last-first-mi' : 'last-first-mi-nodot')).nl();
  label(b, 'Date of birth').fact(pref, 'birthDate', printDay(style, ctx.birthDate));
  b.padTo(54).text('Sex: ').fact(pref, 'gender', upperFirst(p.gender ?? 'unknown')).nl();
  label(b, 'Medical record no.').fact(pref, 'mrn', p.identifier?.[0]?.value ?? '').nl();
  const address = p.address?.[0];
  if (address) {
    label(b, 'Home address').fact(pref, 'address', `${(address.line ?? []).join(', ')}, ${address.city}, ${address.state} ${address.postalCode}`).nl();
  }
  const phone = p.telecom?.find((t) => t.system === 'phone');
  if (phone?.value) label(b, phone.use === 'mobile' ? 'Phone (cell)' : 'Phone (home)').fact(pref, 'phone', phone.value).nl();
  const email = p.telecom?.find((t) => t.system === 'email');
  label(b, 'Email').text(email?.value ?? 'none given').nl();
  const language = p.communication?.[0]?.language;
  if (language?.text) {
    label(b, 'Preferred language').fact(pref, 'language', language.text);
    b.padTo(54).text(`Interpreter needed: ${language.coding?.[0]?.code === 'en' ? 'No' : 'Yes'}`).nl();
  }
  const marital = p.maritalStatus;
  if (marital?.text) {
    const single = marital.coding?.[0]?.code === 'S' && rng.chance(0.6);
    label(b, 'Marital status').fact(pref, 'maritalStatus', single ? 'Single' : marital.text).nl();
  }
  b.nl();

  b.line('INSURANCE');
  const coverage = chart.coverage[0];
  if (coverage) {
    const cref = refOf(coverage);
    label(b, 'Primary insurance').fact(cref, 'payer', coverage.payor?.[0]?.display ?? '');
    b.padTo(54).text(`Plan type: ${coverage.type?.text ?? ''}`).nl();
    label(b, 'Member / subscriber ID').fact(cref, 'memberId', coverage.subscriberId ?? '').nl();
    label(b, 'Subscriber').text(`Self (coverage since ${printDay(style, coverage.period?.start ?? ctx.refDate)})`).nl();
  } else {
    label(b, 'Primary insurance').text('None - self-pay').nl();
  }
  b.nl();

  b.line('EMERGENCY CONTACT');
  const contact = p.contact?.[0];
  if (contact) {
    label(b, 'Name').fact(pref, 'emergencyContact', personName(contact.name, 'first-last')).nl();
    const relationship = contact.relationship?.[1]?.text;
    if (relationship) label(b, 'Relationship to patient').fact(pref, 'emergencyContact', upperFirst(relationship)).nl();
    const contactPhone = contact.telecom?.[0]?.value;
    if (contactPhone) label(b, 'Phone').fact(pref, 'emergencyContact', contactPhone).nl();
  } else {
    label(b, 'Name').text('none given').nl();
  }
  b.nl();

  label(b, 'Primary care provider');
  writeClinician(b, ctx.pcp, 'signature');
  b.nl().nl();

  b.line('ALLERGIES (medicines, foods, latex)');
  if (ctx.allergies.length === 0 && !ctx.noKnownAllergy) {
    // An imported record may say nothing about allergies (no list, no "no known allergies" statement).
    b.line('  [ ] No known allergies      (question left blank)');
  } else if (ctx.allergies.length === 0) {
    b.text('  [X] ');
    if (ctx.noKnownAllergy) b.fact(refOf(ctx.noKnownAllergy), 'code', rng.chance(0.7) ? 'No known allergies' : style.nka);
    b.nl();
  } else {
    b.text('  [ ] No known allergies').nl();
    b.text('  Allergic to').padTo(30).text('Reaction').padTo(60).text('How bad').nl();
    for (const a of ctx.allergies) {
      const ref = refOf(a);
      b.text('  ').fact(ref, 'code', allergenLabel(ctx, style, a)).padTo(30);
      const reactions = a.reaction?.[0]?.manifestation ?? [];
      reactions.forEach((m, i) => {
        if (i > 0) b.text(', ');
        b.fact(ref, 'reaction', m.text ?? '');
      });
      const severity = a.reaction?.[0]?.severity;
      b.padTo(60);
      if (severity) b.fact(ref, 'severity', severity);
      b.nl();
    }
  }
  b.nl();

  b.line('MEDICATIONS YOU TAKE NOW (name, strength, how often)');
  const active = chart.medications.filter((m) => m.status === 'active');
  if (active.length === 0) b.line('  None');
  for (const m of active) {
    b.text('  - ');
    writeMedication(b, ctx, { ...style, frequency: 'alias', route: 'sig' }, m, { strength: true, frequency: true, indication: rng.chance(0.6) });
    b.nl();
  }
  b.nl();

  b.line('MEDICAL CONDITIONS / PAST ILLNESSES');
  if (chart.conditions.length === 0) b.line('  None');
  const conditions = chart.conditions.slice().sort((x, y) => compareDays(x.onsetDateTime ?? '', y.onsetDateTime ?? ''));
  for (const c of conditions) {
    const ref = refOf(c);
    b.text('  - ').fact(ref, 'code', upperFirst(conditionLabel(ctx, style, c, false)));
    if (conditionResolvedBy(c, ctx.refDate)) {
      b.text(' - ').fact(ref, 'status', 'resolved').nl();
    } else {
      b.text(' (since ');
      writeHistoryDate(b, ctx, style, ref, 'onset', c.onsetDateTime ?? '');
      b.text(')').nl();
    }
  }
  b.line('SURGERIES');
  if (chart.procedures.length === 0) b.line('  None');
  for (const proc of chart.procedures) {
    const ref = refOf(proc);
    // Imported procedures may be dated by a period (Synthea) or not at all.
    const day = proc.performedDateTime ?? proc.performedPeriod?.start ?? '';
    b.text('  - ').fact(ref, 'code', upperFirst(proc.code?.coding?.[0]?.display ?? proc.code?.text ?? ''));
    if (day) {
      b.text(' (');
      writeHistoryDate(b, ctx, style, ref, 'date', day);
      b.text(')');
    }
    b.nl();
  }
  b.nl();
  b.line('I confirm the information above is correct to the best of my knowledge.');
  b.line(`Patient/guardian signature: ______________________   Date: ${printDay(style, ctx.refDate)}`);

  const { text, spans } = b.build();
  return { id: rng.uuid(), kind: 'registration', title: 'Registration / intake form', date: ctx.refDate, text, spans };
}
