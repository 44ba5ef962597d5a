import type { Region, Task } from '../format/index.ts';
import { reportLoss } from './errors.ts';
import type { LossOptions } from './errors.ts';

/**
 * Which annotation of a task a one-result-per-task format (COCO, YOLO, VOC, CoNLL, CSV, ...)
 * exports: `'auto'` (the default) takes the consensus when there is one, else the first
 * annotation; `'consensus'`, `'first'`, or an index into `annotations`.
 *
 * @example
 * const opts: PickOptions = { annotation: 'consensus' };
 */
export type PickOptions = LossOptions & {
  annotation?: 'auto' | 'consensus' | 'first' | number;
};

/**
 * The regions to export from a task (see `PickOptions`); reports a loss when other
 * annotations are left out. A task with nothing picked has no regions.
 *
 * @example
 * pickRegions({ data: { t: 'x' }, annotations: [{ regions: [] }] }, {}); // []
 */
export function pickRegions(task: Task, options: PickOptions): Region[] {
  const choice = options.annotation ?? 'auto';
  const annotations = task.annotations ?? [];
  let picked: Region[] | undefined;
  let used = 0;
  if (choice === 'consensus' || (choice === 'auto' && task.consensus)) {
    picked = task.consensus?.regions;
  } else if (choice === 'first' || choice === 'auto') {
    picked = annotations[0]?.regions;
    used = picked ? 1 : 0;
  } else {
    picked = annotations[choice]?.regions;
    used = picked ? 1 : 0;
  }
  const skipped = annotations.length - used;
  if (skipped > 0) {
    const where = task.id === undefined ? {} : { task: task.id };
    reportLoss(options, where, `${skipped} other annotation(s) of the task are not exported`);
  }
  return picked ?? [];
}
