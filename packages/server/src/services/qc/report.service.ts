import type { LabelingSchema } from '@tessera/core/format';
import {
  krippendorffAlphaFromCounts,
  wilsonInterval,
  type Metric,
  type Rate,
} from '@tessera/core/quality';
import { choiceControls, chosenClass } from './choices.ts';
import type { AppContext } from '../../context.ts';
import { QcRepository } from '../../store/qc.repository.ts';
import type { AnnotatorControlStats, ControlState } from './consensus.service.ts';

/** Per control: agreement, coverage, and when the model was last fitted. */
export async function qualitySummary(ctx: AppContext, projectId: number) {
  const repo = new QcRepository(ctx.store.db);
  const [states, findings] = await Promise.all([
    repo.states(projectId),
    repo.findingCounts(projectId),
  ]);
  return {
    controls: states.map((s) => {
      const st = JSON.parse(s.state) as ControlState;
      return {
        control: s.control,
        method: st.method,
        alpha: st.alpha,
        items: st.items,
        labels: st.labels,
        classes: st.classes,
        priors: st.priors,
        computed_at: st.computed_at,
      };
    }),
    findings: findings.map((f) => ({ rule: f.rule, severity: f.severity, count: Number(f.n) })),
  };
}

/** Every annotator's statistics per control, with their role and group. */
export async function annotatorReport(ctx: AppContext, projectId: number) {
  const rows = await new QcRepository(ctx.store.db).stats(projectId);
  return rows.map((r) => ({
    user_id: r.user_id,
    username: r.username,
    role: r.role,
    group: r.group_name ?? r.role ?? 'former member',
    control: r.control,
    ...(JSON.parse(r.stats) as AnnotatorControlStats),
  }));
}

interface ErrorCell {
  errors: number;
  total: number;
  rate: Rate;
}

/**
 * Error distribution against consensus: per control, by true label (how often each class is
 * labelled as something else, and as what), by annotator group, and the label × annotator
 * matrix the dashboard's heat map draws.
 */
export async function errorDistribution(ctx: AppContext, projectId: number) {
  const annotators = await annotatorReport(ctx, projectId);
  const states = new Map(
    (await new QcRepository(ctx.store.db).states(projectId)).map((s) => [
      s.control,
      JSON.parse(s.state) as ControlState,
    ]),
  );
  const controls = [...new Set(annotators.map((a) => a.control))];
  return controls.map((control) => {
    const classes = states.get(control)?.classes ?? [];
    const rows = annotators.filter((a) => a.control === control);
    const cell = (errors: number, total: number): ErrorCell => ({
      errors,
      total,
      rate: wilsonInterval(errors, total),
    });
    const byLabel = classes.map((label, t) => {
      let errors = 0;
      let total = 0;
      const confusedWith: Record<string, number> = {};
      for (const r of rows) {
        const row = r.confusion_counts[t] ?? [];
        row.forEach((n, l) => {
          total += n;
          if (l !== t && n > 0) {
            errors += n;
            confusedWith[classes[l]!] = (confusedWith[classes[l]!] ?? 0) + n;
          }
        });
      }
      return { label, ...cell(errors, total), confused_with: confusedWith };
    });
    const groups = new Map<string, { errors: number; total: number; annotators: number }>();
    const heat = rows.map((r) => {
      const perLabel = classes.map((_, t) => {
        const row = r.confusion_counts[t] ?? [];
        const total = row.reduce((a, b) => a + b, 0);
        return cell(total - (row[t] ?? 0), total);
      });
      const errors = perLabel.reduce((a, c) => a + c.errors, 0);
      const total = perLabel.reduce((a, c) => a + c.total, 0);
      const g = groups.get(r.group) ?? { errors: 0, total: 0, annotators: 0 };
      groups.set(r.group, {
        errors: g.errors + errors,
        total: g.total + total,
        annotators: g.annotators + 1,
      });
      return { user_id: r.user_id, username: r.username, group: r.group, labels: perLabel };
    });
    return {
      control,
      classes,
      by_label: byLabel,
      by_group: [...groups].map(([group, g]) => ({
        group,
        annotators: g.annotators,
        ...cell(g.errors, g.total),
      })),
      heat_map: heat,
    };
  });
}

/**
 * Agreement over time: per single-choice control, Krippendorff's alpha (nominal) over every
 * label saved up to the end of each day (UTC), for the last `days` days that saw labels.
 */
export async function agreementHistory(
  ctx: AppContext,
  projectId: number,
  schema: LabelingSchema,
  days = 90,
) {
  const rows = await new QcRepository(ctx.store.db).timedLabels(projectId);
  return choiceControls(schema).map((control) => {
    const idx = new Map(control.classes.map((c, i) => [c, i]));
    const counts = new Map<number, number[]>();
    const points: { day: string; labels: number; alpha: Metric }[] = [];
    let labels = 0;
    const close = (day: string) => {
      const table = [...counts.values()].filter((r) => r.reduce((a, b) => a + b, 0) >= 2);
      const alpha: Metric = table.length
        ? krippendorffAlphaFromCounts(table, control.classes, 'nominal').alpha
        : { value: undefined, reason: 'no task has two or more labels yet' };
      points.push({ day, labels, alpha });
    };
    let current: string | undefined;
    for (const r of rows) {
      const label = chosenClass(JSON.parse(r.regions) as never, control.name);
      const c = label === undefined ? undefined : idx.get(label);
      if (c === undefined) continue;
      const day = r.updated_at.slice(0, 10);
      if (current !== undefined && day !== current) close(current);
      current = day;
      const row = counts.get(r.task_id) ?? new Array<number>(control.classes.length).fill(0);
      row[c]!++;
      counts.set(r.task_id, row);
      labels++;
    }
    if (current !== undefined) close(current);
    return { control: control.name, points: points.slice(-days) };
  });
}
