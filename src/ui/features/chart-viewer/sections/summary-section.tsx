import type { ReactNode } from 'react';
import type { Chart } from '@/domain/chart/chart-types';
import {
  allergyReactions,
  allergySubstance,
  codeIn,
  conceptText,
  flagOf,
  formatDate,
  isAbnormal,
  isNoKnownAllergy,
  newestFirst,
  personName,
  refOf,
  resultText,
  resultValue,
  unitText,
} from '@/ui/components/chart-format';
import { FlagBadge } from '@/ui/components/flag-badge';
import { FactButton } from '../fact-button';
import { encounterProvider, encounterType } from './encounters-section';
import { medicationName, sigText } from './medications-section';
import { conditionLabel, isActiveCondition } from './problems-section';
import { vitalSets, vitalValue } from './vitals-section';

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="summary-card" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/** The "snapshot" an EHR opens on: what is active now, the newest vitals and what is out of range. */
export function SummarySection({ chart }: { chart: Chart }) {
  const problems = newestFirst(chart.conditions, (c) => c.onsetDateTime).filter(isActiveCondition);
  const medications = chart.medications.filter((m) => m.status === 'active');
  const allergies = chart.allergies.filter((a) => !isNoKnownAllergy(a));
  const latestVitals = vitalSets(chart.vitals)[0];
  // The newest result of each analyte, kept when it is out of range.
  const newestByTest = new Map<string, (typeof chart.labs)[number]>();
  for (const result of newestFirst(chart.labs, (o) => o.effectiveDateTime)) {
    const code = result.code.coding?.[0]?.code ?? result.id ?? '';
    if (!newestByTest.has(code)) newestByTest.set(code, result);
  }
  const abnormal = [...newestByTest.values()].filter((o) => isAbnormal(flagOf(o))).slice(0, 10);
  const encounters = newestFirst(chart.encounters, (e) => e.period?.start).slice(0, 4);

  return (
    <>
      <div className="section-header">
        <div>
          <h2>Summary</h2>
          <p className="muted">Active problems, current medications, newest vitals and out-of-range results.</p>
        </div>
      </div>
      <div className="summary-grid">
        <Card id="summary-problems" title="Active problems">
          {problems.length === 0 ? (
            <p className="muted">No active problems.</p>
          ) : (
            <ul className="plain-list">
              {problems.map((c) => (
                <li key={c.id}>
                  <FactButton factRef={refOf(c)} label={conditionLabel(c)}>
                    {conditionLabel(c)}
                  </FactButton>{' '}
                  <span className="mono muted">{codeIn(c.code, 'icd10cm')}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card id="summary-medications" title="Active medications">
          {medications.length === 0 ? (
            <p className="muted">No active medications.</p>
          ) : (
            <ul className="plain-list">
              {medications.map((m) => (
                <li key={m.id}>
                  <FactButton factRef={refOf(m)} label={medicationName(m)}>
                    {medicationName(m)}
                  </FactButton>
                  <span className="cell-note">{sigText(m)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card id="summary-allergies" title="Allergies">
          {allergies.length === 0 ? (
            <p>{chart.allergies.some(isNoKnownAllergy) ? 'No known allergies.' : 'Not recorded.'}</p>
          ) : (
            <ul className="plain-list">
              {allergies.map((a) => (
                <li key={a.id}>
                  <FactButton factRef={refOf(a)} label={`${allergySubstance(a)} allergy`}>
                    {allergySubstance(a)}
                  </FactButton>
                  <span className="cell-note">
                    {allergyReactions(a).join(', ')}
                    {a.criticality === 'high' ? ' · high criticality' : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card id="summary-vitals" title="Latest vitals">
          {latestVitals ? (
            <>
              <p className="muted">{formatDate(latestVitals.time)}</p>
              <dl className="vitals-list">
                {(
                  [
                    ['bp', 'BP', 'mmHg'],
                    ['hr', 'Pulse', 'bpm'],
                    ['rr', 'Resp', '/min'],
                    ['temp', 'Temp', '°C'],
                    ['spo2', 'SpO₂', '%'],
                    ['weight', 'Weight', 'kg'],
                    ['bmi', 'BMI', 'kg/m²'],
                  ] as const
                ).map(([key, label, unit]) => {
                  const value = vitalValue(key, latestVitals.values[key]);
                  return value ? (
                    <div key={key}>
                      <dt>{label}</dt>
                      <dd>
                        {value} <span className="unit">{unit}</span>
                      </dd>
                    </div>
                  ) : null;
                })}
              </dl>
            </>
          ) : (
            <p className="muted">No vitals charted.</p>
          )}
        </Card>
        <Card id="summary-abnormal" title="Out-of-range results (newest of each test)">
          {abnormal.length === 0 ? (
            <p className="muted">None: every newest result is within its reference range.</p>
          ) : (
            <ul className="plain-list result-list">
              {abnormal.map((o) => (
                <li key={o.id}>
                  <span className="result-list__name">{conceptText(o.code)}</span>
                  <FactButton
                    factRef={refOf(o)}
                    label={`${conceptText(o.code)} ${resultText(o)} on ${formatDate(o.effectiveDateTime)}`}
                    className="fact--value fact--abnormal"
                  >
                    {resultValue(o)}
                  </FactButton>{' '}
                  <span className="unit">{unitText(o.valueQuantity?.unit)}</span> <FlagBadge flag={flagOf(o)} />{' '}
                  <span className="muted">{formatDate(o.effectiveDateTime)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card id="summary-encounters" title="Recent encounters">
          {encounters.length === 0 ? (
            <p className="muted">No encounters.</p>
          ) : (
            <ul className="plain-list">
              {encounters.map((e) => (
                <li key={e.id}>
                  <span className="nowrap">{formatDate(e.period?.start)}</span> · {encounterType(e)}
                  <span className="cell-note">{encounterProvider(chart, e)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card id="summary-care-team" title="Care team">
          <ul className="plain-list">
            {chart.practitioners.map((p) => (
              <li key={p.id}>
                {personName(p.name?.[0])}
                <span className="cell-note">
                  {p.qualification?.[0]?.issuer?.display ?? conceptText(p.qualification?.[0]?.code)}
                  {p.id === chart.patient.generalPractitioner?.[0]?.reference?.split('/')[1] ? ' · PCP' : ''}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
