import type { Chart } from '@/domain/chart/chart-types';
import {
  ageText,
  allergyReactions,
  allergySubstance,
  formatDate,
  genderText,
  insuranceText,
  isNoKnownAllergy,
  mrnOf,
  patientName,
  pcpName,
  preferredLanguage,
  refOf,
  statusCode,
} from '@/ui/components/chart-format';
import { FactAction } from './chart-view-context';
import { FactButton } from './fact-button';

/**
 * The patient banner: who this is and what could hurt them, always on screen above the chart
 * (the identification a record must carry on every view, with allergies never a click away).
 */
export function PatientBanner({ chart }: { chart: Chart }) {
  const { patient, meta } = chart;
  const name = patientName(patient);
  const current = chart.allergies.filter((a) => !['inactive', 'resolved'].includes(statusCode(a.clinicalStatus) ?? ''));
  const allergies = current.filter((a) => !isNoKnownAllergy(a));
  const nka = current.find(isNoKnownAllergy);

  return (
    <section className="banner" aria-labelledby="banner-name">
      <div className="banner__identity">
        <h2 id="banner-name" className="banner__name">
          {name.display}
        </h2>
        <FactAction fact={{ ref: `Patient/${patient.id ?? ''}`, label: `Patient ${name.display}` }} />
        <dl className="banner__facts">
          <div>
            <dt>Sex</dt>
            <dd>{genderText(patient.gender)}</dd>
          </div>
          <div>
            <dt>Age</dt>
            <dd>{ageText(patient.birthDate, meta.refDate)}</dd>
          </div>
          <div>
            <dt>DOB</dt>
            <dd>{formatDate(patient.birthDate)}</dd>
          </div>
          <div>
            <dt>MRN</dt>
            <dd className="mono" data-testid="banner-mrn">
              {mrnOf(patient) ?? '—'}
            </dd>
          </div>
          <div>
            <dt>PCP</dt>
            <dd>{pcpName(chart)}</dd>
          </div>
          <div>
            <dt>Language</dt>
            <dd>{preferredLanguage(patient)}</dd>
          </div>
          <div>
            <dt>Insurance</dt>
            <dd>{insuranceText(chart)}</dd>
          </div>
        </dl>
      </div>
      <div className="banner__allergies">
        <h3 id="banner-allergies" className="banner__allergies-label">
          Allergies
        </h3>
        <ul className="allergy-badges" aria-labelledby="banner-allergies">
          {allergies.map((allergy) => {
            const substance = allergySubstance(allergy);
            const reactions = allergyReactions(allergy);
            const high = allergy.criticality === 'high';
            return (
              <li key={allergy.id}>
                <FactButton
                  factRef={refOf(allergy)}
                  label={`${substance} allergy`}
                  className={`allergy-badge${high ? ' allergy-badge--high' : ''}`}
                  action={false}
                >
                  {high && (
                    <>
                      <span className="allergy-badge__critical">
                        <span aria-hidden="true">! </span>High criticality
                      </span>
                      <span className="visually-hidden">:</span>{' '}
                    </>
                  )}
                  <span className="allergy-badge__substance">{substance}</span>
                  {reactions.length > 0 && (
                    <>
                      <span className="visually-hidden">, reaction:</span>{' '}
                      <span className="allergy-badge__reaction">{reactions.join(', ')}</span>
                    </>
                  )}
                </FactButton>
              </li>
            );
          })}
          {nka && (
            <li>
              <FactButton factRef={refOf(nka)} label="No known allergies" className="allergy-badge allergy-badge--nka" action={false}>
                <abbr title="No known allergies">NKA</abbr> <span className="visually-hidden">(no known allergies)</span>
              </FactButton>
            </li>
          )}
          {current.length === 0 && (
            <li>
              <span className="allergy-badge allergy-badge--unknown">Not recorded</span>
            </li>
          )}
        </ul>
      </div>
      <p className="banner__meta">
        Chart as of {formatDate(meta.refDate)} ·{' '}
        {meta.source ? (
          // An imported record has no seed a learner could use: name where it came from instead.
          meta.source.fileName ? (
            <>
              Imported from <span className="mono">{meta.source.fileName}</span>
            </>
          ) : (
            'Imported'
          )
        ) : (
          <>
            Seed <span className="mono">{meta.seed}</span>
          </>
        )}
      </p>
    </section>
  );
}
