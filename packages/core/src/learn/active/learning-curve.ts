import { definedMetric, undefinedMetric, type Metric } from '../../quality/index.ts';
import { LearnInputError } from '../errors.ts';

/**
 * One point of a learning curve: accuracy (or any score in [0, 1]) after `labels` labels.
 *
 * @example
 * ```ts
 * const p: CurvePoint = { labels: 100, accuracy: 0.95 };
 * ```
 */
export interface CurvePoint {
  labels: number;
  accuracy: number;
}

/**
 * Records accuracy against the number of labels, as labels arrive, and summarises the curve
 * by its normalised area (the mean accuracy over a label range, trapezoidal rule): one number
 * to compare orderings such as active learning against random.
 *
 * @example
 * ```ts
 * const curve = new LearningCurve('entropy');
 * curve.record(10, 0.80);
 * curve.record(20, 0.90);
 * curve.area().value; // 0.85
 * ```
 */
export class LearningCurve {
  private readonly pts: CurvePoint[] = [];

  constructor(readonly name = 'curve') {}

  /** The recorded points, in order. */
  get points(): readonly CurvePoint[] {
    return this.pts;
  }

  /** Adds a point; label counts must increase and accuracy lie in [0, 1]. */
  record(labels: number, accuracy: number): void {
    const last = this.pts.at(-1);
    if (!Number.isInteger(labels) || labels < 0 || (last && labels <= last.labels)) {
      throw new LearnInputError(
        'bad_example',
        `${this.name}: labels must be an integer above ${last?.labels ?? -1}, got ${labels}`,
      );
    }
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new LearnInputError(
        'bad_example',
        `${this.name}: accuracy ${accuracy} is not in [0, 1]`,
      );
    }
    this.pts.push({ labels, accuracy });
  }

  /**
   * Mean accuracy over `[from, to]` labels (default: first to last point), by trapezoids;
   * undefined with a reason for fewer than two points or a range the points do not cover.
   */
  area(from = this.pts[0]?.labels ?? 0, to = this.pts.at(-1)?.labels ?? 0): Metric {
    if (this.pts.length < 2) return undefinedMetric('fewer than two points on the curve');
    if (!(to > from) || from < this.pts[0]!.labels || to > this.pts.at(-1)!.labels) {
      return undefinedMetric(`range [${from}, ${to}] is not inside the recorded labels`);
    }
    let s = 0;
    for (let i = 1; i < this.pts.length; i++) {
      const a = this.pts[i - 1]!;
      const b = this.pts[i]!;
      const lo = Math.max(a.labels, from);
      const hi = Math.min(b.labels, to);
      if (hi <= lo) continue;
      const at = (x: number) =>
        a.accuracy + ((b.accuracy - a.accuracy) * (x - a.labels)) / (b.labels - a.labels);
      s += ((at(lo) + at(hi)) / 2) * (hi - lo);
    }
    return definedMetric(s / (to - from));
  }

  /** Accuracy at exactly `labels` labels, if recorded. */
  at(labels: number): number | undefined {
    return this.pts.find((p) => p.labels === labels)?.accuracy;
  }
}
