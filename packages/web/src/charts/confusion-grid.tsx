/**
 * A confusion matrix as a grid: rows are the consensus (true) class, columns the class the
 * annotator chose; each cell shows the count, tinted by its share of the row (indigo on the
 * diagonal = agreement, red off it = confusion).
 *
 * @example
 * <ConfusionGrid classes={['pos', 'neg']} counts={[[9, 1], [2, 8]]}
 *   rowTitle="Consensus" colTitle="Annotator" ariaLabel="alice: confusion matrix" />
 */
import { confusionCells } from './confusion-cells.ts';
import { GridChart } from './grid-chart.tsx';

/** Props of ConfusionGrid. */
export interface ConfusionGridProps {
  classes: readonly string[];
  /** counts[t][l]: true class t, chosen class l. */
  counts: readonly (readonly number[])[];
  rowTitle: string;
  colTitle: string;
  ariaLabel: string;
  testId?: string;
}

/** Confusion matrix. */
export function ConfusionGrid(p: ConfusionGridProps) {
  return (
    <GridChart
      rows={p.classes}
      cols={p.classes}
      cells={confusionCells(p.classes, p.counts)}
      rowTitle={p.rowTitle}
      colTitle={p.colTitle}
      ariaLabel={p.ariaLabel}
      cellHeight={28}
      testId={p.testId}
    />
  );
}
