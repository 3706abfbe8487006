import { useId, useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { parseDay } from '@/domain/time/dates';
import { formatDate } from './chart-format';

export interface TrendPoint {
  /** FHIR date or dateTime. */
  date: string;
  value: number;
}

export interface TrendSeries {
  id: string;
  label: string;
  points: TrendPoint[];
}

interface TrendChartProps {
  title: string;
  unit: string;
  /** One or two series; the second is drawn dashed with square markers so colour is not the only cue. */
  series: TrendSeries[];
  /** What the caption says about the newest reading; defaults to each series' latest value. */
  latest?: string;
}

/** Height in CSS pixels; the width follows the container so text stays at its real size. */
const H = 190;
const M = { top: 12, right: 16, bottom: 28, left: 42 };
const PLOT_H = H - M.top - M.bottom;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Round-number ticks (1, 2, 2.5, 5 × 10^k) spanning [min, max]. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw) as number;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= Math.ceil(max / step) * step + step / 2; v += step) {
    ticks.push(Number(v.toFixed(6)));
  }
  return ticks;
}

/** First-of-month ticks, spaced so that at most about five fit. */
function timeTicks(from: number, to: number, plotWidth: number): { day: number; label: string }[] {
  const monthIndex = (day: number) => {
    const d = new Date(day * 86_400_000);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  };
  const first = monthIndex(from);
  const last = monthIndex(to);
  const most = Math.max(2, Math.min(6, Math.floor(plotWidth / 70)));
  const step = [1, 2, 3, 6, 12, 24, 60].find((s) => (last - first) / s <= most) ?? 120;
  const ticks: { day: number; label: string }[] = [];
  for (let m = Math.ceil(first / step) * step; m <= last + 1; m += step) {
    const year = Math.floor(m / 12);
    const month = m - year * 12;
    const day = parseDay(`${year}-${String(month + 1).padStart(2, '0')}-01`);
    if (day < from || day > to) continue;
    ticks.push({ day, label: step >= 12 ? String(year) : `${MONTHS[month]} ’${String(year).slice(2)}` });
  }
  return ticks;
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * A small time-series line chart drawn as SVG. The figure caption names it and gives the latest
 * reading; a text summary describes the range for screen readers; the table next to it holds
 * every value. Pointer hover shows the readings of the nearest date.
 */
export function TrendChart({ title, unit, series, latest }: TrendChartProps) {
  const captionId = useId();
  const summaryId = useId();
  const [hoverDay, setHoverDay] = useState<number | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [W, setW] = useState(480);
  const PLOT_W = W - M.left - M.right;

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry?.contentRect.width ?? 0);
      if (width > 0) setW(width);
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  const model = useMemo(() => {
    const sorted = series.map((s) => ({
      ...s,
      points: [...s.points].map((p) => ({ ...p, day: parseDay(p.date) })).sort((a, b) => a.day - b.day),
    }));
    const all = sorted.flatMap((s) => s.points);
    if (all.length === 0) return null;
    const days = [...new Set(all.map((p) => p.day))].sort((a, b) => a - b);
    let from = days[0] as number;
    let to = days[days.length - 1] as number;
    if (from === to) {
      from -= 30;
      to += 30;
    }
    const pad = (to - from) * 0.04;
    from -= pad;
    to += pad;
    const values = all.map((p) => p.value);
    const low = Math.min(...values);
    const high = Math.max(...values);
    // Headroom so no reading sits on the frame.
    const yTicks = niceTicks(low - (high - low) * 0.08, high + (high - low) * 0.08);
    const yMin = yTicks[0] as number;
    const yMax = yTicks[yTicks.length - 1] as number;
    const x = (day: number) => M.left + ((day - from) / (to - from)) * PLOT_W;
    const y = (value: number) => M.top + PLOT_H - ((value - yMin) / (yMax - yMin)) * PLOT_H;
    const newest = all.reduce((a, b) => (b.day > a.day ? b : a));
    return { sorted, days, yTicks, x, y, xTicks: timeTicks(from, to, PLOT_W), newestDate: newest.date };
  }, [series, PLOT_W]);

  if (!model) {
    return (
      <figure className="trend trend--empty">
        <figcaption className="trend__caption">
          <span className="trend__title">{title}</span>
        </figcaption>
        <p className="muted">No readings charted.</p>
      </figure>
    );
  }

  const { sorted, days, x, y, yTicks, xTicks, newestDate } = model;
  const latestText =
    latest ??
    sorted
      .map((s) => {
        const p = s.points[s.points.length - 1];
        return p ? `${sorted.length > 1 ? `${s.label} ` : ''}${format(p.value)} ${unit}` : '';
      })
      .filter(Boolean)
      .join(', ');
  const summary = sorted
    .map((s) => {
      if (s.points.length === 0) return `${s.label}: no readings.`;
      const vs = s.points.map((p) => p.value);
      const first = s.points[0] as (typeof s.points)[number];
      const last = s.points[s.points.length - 1] as (typeof s.points)[number];
      return `${s.label}: ${s.points.length} readings from ${formatDate(first.date)} to ${formatDate(last.date)}, ranging ${format(Math.min(...vs))} to ${format(Math.max(...vs))} ${unit}, latest ${format(last.value)}.`;
    })
    .join(' ');

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    if (rect.width === 0) return;
    const vx = ((event.clientX - rect.left) / rect.width) * W;
    let nearest = days[0] as number;
    for (const day of days) if (Math.abs(x(day) - vx) < Math.abs(x(nearest) - vx)) nearest = day;
    setHoverDay(nearest);
  };

  const hover =
    hoverDay === null
      ? null
      : {
          day: hoverDay,
          rows: sorted.flatMap((s) => {
            const p = s.points.find((q) => q.day === hoverDay);
            return p ? [{ label: s.label, value: p.value, date: p.date }] : [];
          }),
        };
  const tooltipLines = hover ? [formatDate(hover.rows[0]?.date), ...hover.rows.map((r) => `${r.label}: ${format(r.value)} ${unit}`)] : [];
  const tooltipWidth = Math.max(...tooltipLines.map((l) => l.length)) * 6.9 + 16;
  const tooltipX = hover ? (x(hover.day) + 10 + tooltipWidth > W - 4 ? x(hover.day) - 10 - tooltipWidth : x(hover.day) + 10) : 0;

  return (
    <figure className="trend">
      <figcaption id={captionId} className="trend__caption">
        <span className="trend__title">{title}</span>{' '}
        <span className="trend__latest">
          Latest {latestText} <span className="muted">({formatDate(newestDate)})</span>
        </span>
      </figcaption>
      <div ref={boxRef} className="trend__box">
      <svg
        className="trend__plot"
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={captionId}
        aria-describedby={summaryId}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHoverDay(null)}
      >
        <g className="trend__grid" aria-hidden="true">
          {yTicks.map((t) => (
            <g key={t}>
              <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
              <text x={M.left - 8} y={y(t)} dy="0.32em" textAnchor="end">
                {format(t)}
              </text>
            </g>
          ))}
          {xTicks.map((t) => (
            <g key={t.day}>
              <line className="trend__tick" x1={x(t.day)} x2={x(t.day)} y1={M.top + PLOT_H} y2={M.top + PLOT_H + 5} />
              <text x={x(t.day)} y={H - 8} textAnchor="middle">
                {t.label}
              </text>
            </g>
          ))}
          <line className="trend__axis" x1={M.left} x2={W - M.right} y1={M.top + PLOT_H} y2={M.top + PLOT_H} />
        </g>
        {sorted.map((s, index) => (
          <g key={s.id} className={`trend__series trend__series--${index}`}>
            <path d={s.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.day).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')} />
            {s.points.map((p) =>
              index === 0 ? (
                <circle key={p.date} cx={x(p.day)} cy={y(p.value)} r={3.6}>
                  <title>{`${s.label} ${format(p.value)} ${unit}, ${formatDate(p.date)}`}</title>
                </circle>
              ) : (
                <rect key={p.date} x={x(p.day) - 3.4} y={y(p.value) - 3.4} width={6.8} height={6.8}>
                  <title>{`${s.label} ${format(p.value)} ${unit}, ${formatDate(p.date)}`}</title>
                </rect>
              ),
            )}
          </g>
        ))}
        {hover && (
          <g className="trend__hover" aria-hidden="true">
            <line x1={x(hover.day)} x2={x(hover.day)} y1={M.top} y2={M.top + PLOT_H} />
            <rect x={tooltipX} y={M.top + 2} width={tooltipWidth} height={tooltipLines.length * 16 + 10} rx={4} />
            {tooltipLines.map((line, i) => (
              <text key={i} x={tooltipX + 8} y={M.top + 20 + i * 16} className={i === 0 ? 'trend__hover-date' : undefined}>
                {line}
              </text>
            ))}
          </g>
        )}
      </svg>
      </div>
      <p id={summaryId} className="visually-hidden">
        {summary}
      </p>
      {sorted.length > 1 && (
        <ul className="trend__legend">
          {sorted.map((s, index) => (
            <li key={s.id}>
              <svg viewBox="0 0 28 10" className={`trend__key trend__series--${index}`} aria-hidden="true" focusable="false">
                <path d="M1,5 L27,5" />
                {index === 0 ? <circle cx={14} cy={5} r={3.4} /> : <rect x={10.6} y={1.6} width={6.8} height={6.8} />}
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
