import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTrainerDB } from '@/db/db-context';
import { lrsConfigured, LRS_OFF, type LrsConfig } from '@/lms/xapi-client';
import { loadLrsConfig, saveLrsConfig } from '@/lms/xapi-settings';
import { getXapiOutbox } from './xapi-outbox';
import { TextField } from './form-fields';

/**
 * Where xAPI statements go. Off by default: ChartLab makes no network request for xAPI until an
 * instructor enters an endpoint and switches reporting on.
 */
export function LrsSettings() {
  const db = useTrainerDB();
  const id = useId();
  const [config, setConfig] = useState<LrsConfig | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [pending, setPending] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    void loadLrsConfig(db).then((c) => live && setConfig(c));
    void getXapiOutbox(db).queue.pending().then((n) => live && setPending(n));
    return () => {
      live = false;
    };
  }, [db]);

  if (!config) return null;
  const set = (patch: Partial<LrsConfig>) => {
    setMessage(null);
    setConfig({ ...config, ...patch });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (config.enabled && !lrsConfigured(config)) {
      setMessage({ kind: 'error', text: 'Enter the LRS endpoint as an http(s) address before switching reporting on.' });
      return;
    }
    await saveLrsConfig(db, config);
    await getXapiOutbox(db).refresh();
    setMessage({ kind: 'ok', text: config.enabled ? 'Saved. Submitted assignment work is now reported to the LRS.' : 'Saved. Reporting is off; nothing is sent.' });
  };

  const sendNow = async () => {
    const outbox = getXapiOutbox(db);
    await outbox.refresh();
    const outcome = await outbox.queue.flush();
    setPending(outcome.pending);
    setMessage(outcome.error ? { kind: 'error', text: outcome.error.message } : { kind: 'ok', text: `Sent ${outcome.sent} statement${outcome.sent === 1 ? '' : 's'}.` });
  };

  return (
    <form className="card instructor-panel" aria-labelledby={`${id}-h`} onSubmit={save}>
      <h2 id={`${id}-h`}>Report to an LRS (xAPI)</h2>
      <p className="muted">
        When a learner submits assignment work on this computer, ChartLab can send xAPI statements (experienced, completed, passed or failed, with the score) to a Learning Record Store. Off
        unless you switch it on here.
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={config.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        Send statements to the LRS
      </label>
      <div className="form-grid">
        <TextField label="LRS endpoint" type="url" value={config.endpoint} onChange={(endpoint) => set({ endpoint })} hint="e.g. https://lrs.example.edu/xapi/ (statements go to …/statements)" className="form-grid__wide" />
        <TextField label="Key (user name)" value={config.username} onChange={(username) => set({ username })} />
        <TextField label="Secret (password)" type="password" value={config.password} onChange={(password) => set({ password })} />
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`notice ${message.kind === 'error' ? 'notice--error' : 'notice--ok'}`}>
          {message.text}
        </p>
      )}
      <div className="instructor-row-actions">
        <button type="submit" className="button button--primary">
          Save LRS settings
        </button>
        <button type="button" className="button" disabled={!lrsConfigured(config) || !pending} onClick={sendNow}>
          Send queued statements now{pending ? ` (${pending})` : ''}
        </button>
        <button type="button" className="button button--quiet" onClick={() => set(LRS_OFF)}>
          Clear
        </button>
      </div>
    </form>
  );
}
