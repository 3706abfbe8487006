import { useId, useRef, useState, type FormEvent } from 'react';
import { useAppStore } from '@/store/app-store';
import type { PatientRequest } from '@/store/patient-slice';
import { AGE_BANDS, ageBandOf, buildRequest, type SexFilter } from './patient-filters';
import { MAX_SEED, parseSeed, randomSeed } from './seed';

interface PatientGeneratorFormProps {
  /** Called with a valid request; the page decides how to generate it and what link to show. */
  onRequest: (request: PatientRequest) => void;
  /** A link to the chart on screen, for the Copy link button. */
  shareUrl?: string;
}

export function PatientGeneratorForm({ onRequest, shareUrl }: PatientGeneratorFormProps) {
  const request = useAppStore((s) => s.request);
  const status = useAppStore((s) => s.status);
  const chartSeed = useAppStore((s) => (s.chart?.meta.source ? undefined : s.chart?.meta.seed));
  const importedFrom = useAppStore((s) => (s.chart?.meta.source ? (s.chart.meta.source.fileName ?? 'a FHIR file') : undefined));
  const [seedText, setSeedText] = useState(request ? String(request.seed) : '');
  const [sex, setSex] = useState<SexFilter>(request?.sex ?? '');
  const [ageBand, setAgeBand] = useState(request ? (ageBandOf(request)?.id ?? '') : '');
  const [error, setError] = useState<string | null>(null);
  const [copyNote, setCopyNote] = useState('');
  const seedInput = useRef<HTMLInputElement>(null);
  const ids = { seed: useId(), hint: useId(), error: useId(), sex: useId(), age: useId() };

  const [shownRequest, setShownRequest] = useState(request);
  // A chart opened from a link (or Back) shows its seed and filters in the form. Adjusting state
  // while rendering, as React recommends for state derived from a changed prop.
  if (request !== shownRequest) {
    setShownRequest(request);
    if (request) {
      setSeedText(String(request.seed));
      setSex(request.sex ?? '');
      setAgeBand(ageBandOf(request)?.id ?? '');
      setError(null);
    }
    setCopyNote('');
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseSeed(seedText);
    if (!parsed.ok) {
      setError(parsed.message);
      seedInput.current?.focus();
      return;
    }
    setError(null);
    onRequest(buildRequest(parsed.seed, sex, ageBand));
  };

  const random = () => {
    const seed = randomSeed();
    setSeedText(String(seed));
    setError(null);
    onRequest(buildRequest(seed, sex, ageBand));
  };

  const copyLink = async () => {
    if (!shareUrl) return;
    try {
      await navigator.clipboard.writeText(shareUrl);
      setCopyNote('Link copied.');
    } catch {
      setCopyNote('Copying is blocked here; share the seed instead.');
    }
  };

  const loading = status === 'loading';

  return (
    <section className="generator card" aria-labelledby="generator-heading">
      <div className="generator__head">
        <h1 id="generator-heading">Chart viewer</h1>
        <div className="generator__status">
          <p role="status" className="generator__current">
            {loading ? (
              <>
                <span className="spinner" aria-hidden="true" /> Generating the chart for seed {request?.seed}…
              </>
            ) : importedFrom !== undefined ? (
              <>
                Showing a chart imported from <strong>{importedFrom}</strong>
              </>
            ) : chartSeed !== undefined ? (
              <>
                Showing seed <strong className="seed-value">{chartSeed}</strong>
              </>
            ) : (
              <span className="muted">Same seed, same synthetic patient.</span>
            )}
          </p>
          {chartSeed !== undefined && shareUrl && !loading && (
            <button type="button" className="button button--small button--quiet" onClick={() => void copyLink()}>
              Copy link
            </button>
          )}
          <p role="status" className="generator__note muted">
            {copyNote}
          </p>
        </div>
      </div>
      <form className="generator__form" onSubmit={submit} noValidate aria-label="Generate a patient">
        <div className={`field field--seed${error ? ' field--invalid' : ''}`}>
          <label htmlFor={ids.seed}>Seed</label>
          <input
            ref={seedInput}
            id={ids.seed}
            name="seed"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            value={seedText}
            onChange={(e) => {
              setSeedText(e.target.value);
              if (error) setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${ids.error} ${ids.hint}` : ids.hint}
          />
          <p id={ids.hint} className="field__hint">
            Whole number, 0 to {MAX_SEED.toLocaleString('en-US')}
          </p>
          {error && (
            <p id={ids.error} className="field__error">
              <span aria-hidden="true">⚠ </span>
              {error}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.sex}>Sex</label>
          <select id={ids.sex} name="sex" value={sex} onChange={(e) => setSex(e.target.value as SexFilter)}>
            <option value="">Any</option>
            <option value="female">Female</option>
            <option value="male">Male</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.age}>Age band</label>
          <select id={ids.age} name="age" value={ageBand} onChange={(e) => setAgeBand(e.target.value)}>
            <option value="">Any age</option>
            {AGE_BANDS.map((b) => (
              <option key={b.id} value={b.id}>
                {b.label}
              </option>
            ))}
          </select>
        </div>
        <div className="generator__actions">
          <button type="submit" className="button button--primary">
            Generate
          </button>
          <button type="button" className="button" onClick={random}>
            Random patient
          </button>
        </div>
      </form>
    </section>
  );
}
