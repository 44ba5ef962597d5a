import type {
  AdapterExample,
  AdapterTask,
  ModelAdapter,
  PredictionOut,
  SparseVector,
} from '@tessera/core/learn';

/**
 * A prediction as the server handles it: core's {@link PredictionOut} plus what active
 * learning and the rejection log need. `rejected` marks a task whose answer the adapter could
 * not map (the task stays usable; the reason is logged); `probs` are class probabilities in
 * label order when the model has them; `vector` a unit feature vector for the diversity term.
 *
 * @example
 * const p: MlPrediction = { task_id: 3, regions: [], score: 0, rejected: 'unknown type "x"' };
 */
export interface MlPrediction extends PredictionOut {
  rejected?: string;
  /** The call for this task failed (timeout, HTTP error, open circuit): no prediction, task untouched. */
  failed?: string;
  /** The model gave no score (an external server may not). Stored as null. */
  scoreUnknown?: boolean;
  probs?: ArrayLike<number>;
  vector?: SparseVector;
}

/**
 * Every server-side model: a core {@link ModelAdapter} whose predictions may carry the extras
 * above, and, for learners, a way to save what they learned.
 *
 * @example
 * const out = await adapter.predict(tasks);
 * if (adapter.fit) { await adapter.fit(examples); await repo.saveState(id, adapter.saveState!()); }
 */
export interface MlAdapter extends ModelAdapter {
  predict(tasks: readonly AdapterTask[]): Promise<MlPrediction[]>;
  fit?(examples: readonly AdapterExample[]): Promise<void>;
  /** Serialised learned state (online learners), stored in `models.state`. */
  saveState?(): string;
  /** Calls that must not run on the event loop for long: the job yields between batches. */
  readonly inProcess: boolean;
}
