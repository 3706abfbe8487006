import { useId, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

/**
 * Small hand-made SVG charts for the progress dashboard, in the manner of
 * src/ui/components/trend-chart.tsx: the figure caption names the chart, a visually hidden
 * sentence summarizes it for screen readers, and "Show the numbers" opens a table with every
 * value. Width follows the container so text keeps its real size.
 */

function useWidth(initial = 560): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(initial);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.round(entry?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** Cut a label to what fits in `width` pixels at the chart's label size (about 7 px a character). */
function fit(label: string, width: number): string {
  const most = Math.max(4, Math.floor(width / 7));
  return label.length <= most ? label : `${label.slice(0, most - 1).trimEnd()}…`;
}

interface ChartFrameProps {
  title: string;
  /** What the chart shows in one sentence (visible under the title). */
  note?: string;
  summary: string;
  table: ReactNode;
  children: (ids: { captionId: string; summaryId: string }) => ReactNode;
  className?: string;
}

function ChartFrame({ title, note, summary, table, children, className = '' }: ChartFrameProps) {
  const captionId = useId();
  const summaryId = useId();
  return (
    <figure className={`progress-chart ${className}`}>
      <figcaption id={captionId} className="progress-chart__caption">
        <span className="progress-chart__title">{title}</span>
        {note && <span className="progress-chart__note muted">{note}</span>}
      </figcaption>
      {children({ captionId, summaryId })}
      <p id={summaryId} className="visually-hidden">
        {summary}
      </p>
      <details className="progress-chart__numbers">
        <summary>
          Show the numbers<span className="visually-hidden"> for {title}</span>
        </summary>
        <div className="table-wrap">{table}</div>
      </details>
    </figure>
  );
}

// --- Bars -----------------------------------------------------------------------------------

export interface BarDatum {
  id: string;
  label: string;
  value: number;
  /** The value as text at the end of the bar ("83%", "7 missed"). */
  display: string;
  /** More about it, for the table ("12 attempts, 75% passed"). */
  detail?: string;
}

interface BarChartProps {
  title: string;
  note?: string;
  data: BarDatum[];
  /** The value of a full bar; default the largest value. */
  max?: number;
  /** Column headings of the table: [label, value, detail]. */
  columns: [string, string, string?];
  summary: string;
  tone?: 'primary' | 'warning' | 'neutral';
}

const ROW = 40;
const BAR = 14;

/** Horizontal bars, the label above each bar so long names (error types, exercise titles) fit. */
export function BarChart({ title, note, data, max, columns, summary, tone = 'primary' }: BarChartProps) {
  const [ref, width] = useWidth();
  const top = Math.max(max ?? 0, ...data.map((d) => d.value), 1e-9);
  const valueRoom = 64;
  const barWidth = Math.max(40, width - valueRoom);
  const height = data.length * ROW + 4;
  return (
    <ChartFrame
      title={title}
      {...(note ? { note } : {})}
      summary={summary}
      className={`progress-chart--bars progress-chart--${tone}`}
      table={
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{columns[0]}</th>
              <th scope="col" className="num">
                {columns[1]}
              </th>
              {columns[2] && <th scope="col">{columns[2]}</th>}
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.id}>
                <th scope="row">{d.label}</th>
                <td className="num">{d.display}</td>
                {columns[2] && <td>{d.detail}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {({ captionId, summaryId }) => (
        <div ref={ref} className="progress-chart__box">
          <svg className="progress-chart__plot" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={captionId} aria-describedby={summaryId}>
            {data.map((d, i) => {
              const y = i * ROW;
              const w = Math.max(2, (d.value / top) * barWidth);
              return (
                <g key={d.id} className="progress-bar">
                  <title>{`${d.label}: ${d.display}${d.detail ? ` (${d.detail})` : ''}`}</title>
                  <text className="progress-bar__label" x={0} y={y + 13}>
                    {fit(d.label, width)}
                  </text>
                  <rect className="progress-bar__track" x={0} y={y + 19} width={barWidth} height={BAR} rx={3} />
                  <rect className="progress-bar__fill" x={0} y={y + 19} width={w} height={BAR} rx={3} />
                  <text className="progress-bar__value" x={Math.min(w, barWidth) + 6} y={y + 30}>
                    {d.display}
                  </text>
                </g>
              );
            })}
          </svg>
        </div>
      )}
    </ChartFrame>
  );
}

// --- Score over time ------------------------------------------------------------------------

export interface ScorePoint {
  /** YYYY-MM-DD (local day). */
  day: string;
  /** 0 to 1. */
  score: number;
  attempts: number;
}

const H = 200;
const M = { top: 12, right: 16, bottom: 28, left: 44 };
const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS;
}

/** "May 2" (or "May 2, 2025" when `withYear`). */
export function formatDay(day: string, withYear = false): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).toLocaleDateString(undefined, { month: 'short', day: 'numeric', ...(withYear ? { year: 'numeric' } : {}) });
}

function pct(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/**
 * Average score per day on a 0–100% scale (days on a time axis, so gaps show as gaps), with the
 * pass mark drawn as a dashed line when it is the same for all of them.
 */
export function ScoreTimeline({ title, note, points, passMark }: { title: string; note?: string; points: ScorePoint[]; passMark?: number }) {
  const [ref, W] = useWidth();
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const days = points.map((p) => dayNumber(p.day));
  let from = Math.min(...days);
  let to = Math.max(...days);
  if (from === to) {
    from -= 3;
    to += 3;
  }
  const pad = (to - from) * 0.04;
  from -= pad;
  to += pad;
  const x = (n: number) => M.left + ((n - from) / (to - from)) * plotW;
  const y = (score: number) => M.top + plotH - score * plotH;
  const tickCount = Math.max(2, Math.min(5, Math.floor(plotW / 90)));
  const ticks =
    points.length <= tickCount
      ? points.map((p) => p.day)
      : Array.from({ length: tickCount }, (_, i) => points[Math.round((i * (points.length - 1)) / (tickCount - 1))]?.day ?? '').filter(Boolean);
  const first = points[0];
  const last = points[points.length - 1];
  const best = points.reduce((a, b) => (b.score > a.score ? b : a), points[0] as ScorePoint);
  const summary =
    first && last
      ? `${points.length} ${points.length === 1 ? 'day' : 'days'} with attempts from ${formatDay(first.day, true)} to ${formatDay(last.day, true)}. ` +
        `Average score ${pct(first.score)} on the first day and ${pct(last.score)} on the last; best day ${formatDay(best.day)} at ${pct(best.score)}.`
      : 'No attempts yet.';
  return (
    <ChartFrame
      title={title}
      {...(note ? { note } : {})}
      summary={summary}
      className="progress-chart--line"
      table={
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className="num">
                Average score
              </th>
              <th scope="col" className="num">
                Attempts
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <th scope="row">{formatDay(p.day, true)}</th>
                <td className="num">{pct(p.score)}</td>
                <td className="num">{p.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {({ captionId, summaryId }) => (
        <div ref={ref} className="progress-chart__box">
          <svg className="progress-chart__plot" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={captionId} aria-describedby={summaryId}>
            <g className="progress-line__grid" aria-hidden="true">
              {[0, 0.25, 0.5, 0.75, 1].map((t) => (
                <g key={t}>
                  <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
                  <text x={M.left - 8} y={y(t)} dy="0.32em" textAnchor="end">
                    {pct(t)}
                  </text>
                </g>
              ))}
              {ticks.map((day) => (
                <text key={day} x={x(dayNumber(day))} y={H - 8} textAnchor="middle">
                  {formatDay(day)}
                </text>
              ))}
              <line className="progress-line__axis" x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} />
            </g>
            {passMark !== undefined && (
              <g className="progress-line__pass" aria-hidden="true">
                <line x1={M.left} x2={W - M.right} y1={y(passMark)} y2={y(passMark)} />
                <text x={W - M.right} y={y(passMark) - 5} textAnchor="end">
                  Pass mark {pct(passMark)}
                </text>
              </g>
            )}
            <path className="progress-line__path" d={points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(dayNumber(p.day)).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ')} />
            {points.map((p) => (
              <circle key={p.day} className="progress-line__point" cx={x(dayNumber(p.day))} cy={y(p.score)} r={4}>
                <title>{`${formatDay(p.day, true)}: ${pct(p.score)} average over ${p.attempts} ${p.attempts === 1 ? 'attempt' : 'attempts'}`}</title>
              </circle>
            ))}
          </svg>
        </div>
      )}
    </ChartFrame>
  );
}
