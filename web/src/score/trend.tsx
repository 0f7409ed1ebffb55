// The score over the last months (GET /api/v1/score/trend) as a line of points on a percent axis
// 0–100, drawn as SVG at the width of its box (so its words stay legible on a phone: fewer month
// labels, never smaller ones). For a screen reader: one summary as the picture's name and the
// figures in a table that is read, not shown.
import { useEffect, useRef, useState } from "preact/hooks";
import { formatDate, formatMonth, formatNumber, formatPercent } from "../format";
import type { TrendPoint } from "./types";

const height = 220;
const pad = { left: 44, right: 22, top: 12, bottom: 40 };
/** Room a month label needs, so a narrow chart labels every 2nd, 3rd … month. */
const labelRoom = 34;

/** The width of the element, followed as it changes (the observer goes with the screen). */
function useWidth(fallback: number): [(el: HTMLElement | null) => void, number] {
  const [width, setWidth] = useState(fallback);
  const observer = useRef<ResizeObserver | null>(null);
  useEffect(() => () => observer.current?.disconnect(), []);
  const ref = (el: HTMLElement | null) => {
    observer.current?.disconnect();
    if (!el) return;
    observer.current = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry.contentRect.width);
      if (w > 0) setWidth(w);
    });
    observer.current.observe(el);
  };
  return [ref, width];
}

type Scored = TrendPoint & { score: number; percent: number };
const scored = (p: TrendPoint): p is Scored => p.percent !== null && p.score !== null;

/** "Naik dari 40,2 % (Januari 2024) ke 68,4 % (Desember 2025); terendah …, tertinggi …". */
function summary(all: TrendPoint[]): string {
  const points = all.filter(scored);
  if (!points.length) return `Tren skor ${all.length} bulan: belum ada skor.`;
  const first = points[0], last = points.at(-1)!;
  const low = points.reduce((a, b) => (b.percent < a.percent ? b : a));
  const high = points.reduce((a, b) => (b.percent > a.percent ? b : a));
  const move = last.percent > first.percent ? "naik" : last.percent < first.percent ? "turun" : "tetap";
  const since = points.length < all.length ? ` (skor ada sejak ${formatMonth(first.at)})` : "";
  return `Tren skor ${all.length} bulan${since}: ${move} dari ${formatPercent(first.percent)} (${formatMonth(first.at)}) ` +
    `ke ${formatPercent(last.percent)} (${formatMonth(last.at)}); terendah ${formatPercent(low.percent)} ` +
    `(${formatMonth(low.at)}), tertinggi ${formatPercent(high.percent)} (${formatMonth(high.at)}).`;
}

export function TrendChart({ points }: { points: TrendPoint[] }) {
  const [box, width] = useWidth(720);
  if (!points.length) return <p class="hint">Belum ada data tren.</p>;
  const plotW = Math.max(width - pad.left - pad.right, 10);
  const plotH = height - pad.top - pad.bottom;
  const step = points.length > 1 ? plotW / (points.length - 1) : 0;
  const x = (i: number) => pad.left + (points.length > 1 ? i * step : plotW / 2);
  const y = (percent: number) => pad.top + plotH * (1 - Math.min(Math.max(percent, 0), 100) / 100);
  const every = Math.max(1, Math.ceil(labelRoom / Math.max(step, 1)));
  // Labels count back from the newest month, so today's month is always named.
  const labelled = (i: number) => (points.length - 1 - i) % every === 0;
  // A year under the first month labelled and under each labelled month of a new year.
  const years = new Set<number>();
  let year = "";
  points.forEach((p, i) => {
    if (labelled(i) && p.at.slice(0, 4) !== year) { years.add(i); year = p.at.slice(0, 4); }
  });
  // A month without a score breaks the line.
  const line = points.map((p, i) => (scored(p)
    ? `${i && scored(points[i - 1]) ? "L" : "M"}${x(i).toFixed(1)},${y(p.percent).toFixed(1)}` : "")).join(" ");
  return (
    <div class="trend" ref={box}>
      <svg role="img" aria-label={summary(points)} width={width} height={height} viewBox={`0 0 ${width} ${height}`}
        data-testid="trend-chart">
        {[0, 25, 50, 75, 100].map((t) => (
          <g key={t} class="trend-grid">
            <line x1={pad.left} x2={pad.left + plotW} y1={y(t)} y2={y(t)} />
            <text x={pad.left - 6} y={y(t) + 4} text-anchor="end">{`${t} %`}</text>
          </g>))}
        <path class="trend-line" d={line} />
        {points.map((p, i) => (
          <g key={p.at} class="trend-point" data-at={p.at}>
            {scored(p) && (
              <circle cx={x(i)} cy={y(p.percent)} r={4}>
                <title>{`${formatDate(p.at)}: ${formatNumber(p.score)} (${formatPercent(p.percent)})`}</title>
              </circle>)}
            {labelled(i) && (
              <text class="trend-month" x={x(i)} y={height - pad.bottom + 16} text-anchor="middle">
                {formatMonth(p.at, true)}</text>)}
            {years.has(i) && (
              <text class="trend-year" x={x(i)} y={height - pad.bottom + 31} text-anchor="middle">{p.at.slice(0, 4)}</text>)}
          </g>))}
      </svg>
      <table class="vh" data-testid="trend-table">
        <caption>Skor pada akhir setiap bulan</caption>
        <thead><tr><th scope="col">Tanggal</th><th scope="col">Skor</th><th scope="col">Persen</th></tr></thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.at}><td>{formatDate(p.at)}</td>
              {scored(p) ? <><td>{formatNumber(p.score)}</td><td>{formatPercent(p.percent)}</td></> : <td colSpan={2}>belum ada skor</td>}</tr>))}
        </tbody>
      </table>
    </div>
  );
}
