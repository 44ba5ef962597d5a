/**
 * Pure shaping of the quality endpoints' answers for the dashboard's charts and tables: the
 * agreement series, the error heat map, rate texts, the controls to pick from and where a
 * finding's link goes. Texts come through `say` (the i18n `t` in the app) so this stays
 * testable without React.
 *
 * @example
 * const series = agreementSeries(history.controls[0]!.points, say);
 * const grid = errorHeatMap(errors[0]!, say);
 */
import type { Bar } from '../charts/bar-chart.tsx';
import { formatAlpha, formatInterval, formatPercent } from '../charts/format.ts';
import type { GridCell } from '../charts/grid-chart.tsx';
import type { LinePoint } from '../charts/line-chart.tsx';
import { errorColor } from '../charts/scale.ts';
import type {
  AgreementPoint,
  ControlErrors,
  ErrorCell,
  Metric,
  Rate,
  StoredFinding,
} from '../api/quality-types.ts';

/** A translation function (i18next's `t`, or a stub in tests). */
export type Say = (key: string, vars?: Record<string, unknown>) => string;

/** A rate with a value (narrowed). */
export type DefinedRate = Extract<Rate, { value: number }>;

/** True when the rate has a value and an interval. */
export function hasValue(r: Rate | undefined): r is DefinedRate {
  return typeof r?.value === 'number' && typeof r.lower === 'number' && typeof r.upper === 'number';
}

/** True when the metric has a value. */
export function metricValue(m: Metric | undefined): number | undefined {
  return typeof m?.value === 'number' && Number.isFinite(m.value) ? m.value : undefined;
}

/** The agreement series for the line chart, with the reason as the note of undefined days. */
export function agreementSeries(points: readonly AgreementPoint[], say: Say): LinePoint[] {
  return points.map((p) => {
    const v = metricValue(p.alpha);
    return {
      x: p.day,
      y: v,
      note:
        v === undefined
          ? say('quality.agreement.undefined_on', { day: p.day, reason: p.alpha.reason ?? '' })
          : say('quality.agreement.point', { day: p.day, alpha: formatAlpha(v), labels: p.labels }),
    };
  });
}

/** The y range of the agreement chart: [0, 1], widened below 0 when alpha went negative. */
export function alphaDomain(points: readonly AgreementPoint[]): [number, number] {
  const ys = points.map((p) => metricValue(p.alpha)).filter((v): v is number => v !== undefined);
  const min = Math.min(0, ...ys);
  return [min < 0 ? Math.max(-1, Math.floor(min * 5) / 5) : 0, 1];
}

/** The most recent day whose alpha is undefined, when the latest point is undefined. */
export function latestGap(points: readonly AgreementPoint[]): AgreementPoint | undefined {
  const last = points.at(-1);
  return last && metricValue(last.alpha) === undefined ? last : undefined;
}

/** A rate as short text: '91.2%' or '—'. */
export function rateText(r: Rate | undefined): string {
  return hasValue(r) ? formatPercent(r.value) : '—';
}

/** A rate's tooltip: successes of trials and the interval, or the reason it is undefined. */
export function rateTitle(r: Rate | undefined, say: Say): string {
  if (!hasValue(r)) return r?.reason ?? say('quality.no_data');
  return say('quality.rate_title', {
    successes: r.successes,
    trials: r.trials,
    value: formatPercent(r.value),
    interval: formatInterval(r.lower, r.upper),
  });
}

function errorCellTitle(row: string, col: string, c: ErrorCell, say: Say): string {
  if (!hasValue(c.rate)) return `${row} · ${col}: ${c.rate.reason ?? say('quality.no_data')}`;
  return say('quality.errors.cell_title', {
    row,
    col,
    errors: c.errors,
    total: c.total,
    value: formatPercent(c.rate.value),
    interval: formatInterval(c.rate.lower, c.rate.upper),
  });
}

/** The label × annotator heat map of one control: rows are annotators, columns labels. */
export function errorHeatMap(
  c: ControlErrors,
  say: Say,
): { rows: string[]; cols: string[]; cells: GridCell[][] } {
  return {
    rows: c.heat_map.map((h) => h.username),
    cols: c.classes,
    cells: c.heat_map.map((h) =>
      c.classes.map((label, j) => {
        const cell = h.labels[j] ?? { errors: 0, total: 0, rate: { reason: '' } };
        const v = hasValue(cell.rate) ? cell.rate.value : undefined;
        return {
          fill: errorColor(v ?? 0),
          text: v === undefined ? '—' : formatPercent(v, 0),
          title: errorCellTitle(h.username, label, cell, say),
          empty: v === undefined,
        };
      }),
    ),
  };
}

/** Error-rate bars (by label or by group) with their Wilson intervals. */
export function errorBars(cells: readonly (ErrorCell & { name: string })[], say: Say): Bar[] {
  return cells.map((c) =>
    hasValue(c.rate)
      ? {
          label: c.name,
          value: c.rate.value,
          lower: c.rate.lower,
          upper: c.rate.upper,
          text: formatPercent(c.rate.value),
          title: errorCellTitle(c.name, say('quality.errors.all_labels'), c, say),
        }
      : {
          label: c.name,
          value: undefined,
          text: say('quality.no_data'),
          title: c.rate.reason ?? say('quality.no_data'),
        },
  );
}

/** The largest upper bound among the bars (the chart's full width), at least 10 %. */
export function barMax(bars: readonly Bar[]): number {
  const top = Math.max(0.1, ...bars.map((b) => b.upper ?? b.value ?? 0));
  return Math.min(1, Math.ceil(top * 10) / 10);
}

/** Every control named by any of the answers, in first-seen order. */
export function controlNames(...lists: readonly (readonly { control: string }[] | undefined)[]) {
  const out: string[] = [];
  for (const l of lists) for (const x of l ?? []) if (!out.includes(x.control)) out.push(x.control);
  return out;
}

/** Where a finding's link goes: the task in the editor (null when the task is gone). */
export function findingLink(projectId: number, f: Pick<StoredFinding, 'task_id'>): string | null {
  return f.task_id === null ? null : `/projects/${projectId}/label/${f.task_id}`;
}
