/**
 * A rate in a table cell: the value, its Wilson interval as a small bar, and successes of
 * trials; or a dash with the reason when the rate is undefined on the data.
 *
 * @example
 * <RateCell rate={stats.agreement_with_consensus} />
 */
import type { Rate } from '../api/quality-types.ts';
import { IntervalBar } from '../charts/interval-bar.tsx';
import { hasValue, rateText, rateTitle } from './quality-data.ts';
import { useSay } from './use-say.ts';

/** Rate cell. */
export function RateCell({ rate }: { rate: Rate | undefined }) {
  const say = useSay();
  const title = rateTitle(rate, say);
  if (!hasValue(rate))
    return (
      <span className="rate-cell rate-missing" title={title}>
        <span className="rate-value">—</span>
        <span className="rate-reason">{title}</span>
      </span>
    );
  return (
    <span className="rate-cell" title={title}>
      <span className="rate-value">{rateText(rate)}</span>
      <IntervalBar value={rate.value} lower={rate.lower} upper={rate.upper} title={title} />
      <span className="rate-count">
        {rate.successes}/{rate.trials}
      </span>
    </span>
  );
}
