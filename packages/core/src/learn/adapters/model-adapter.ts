import type { Control, LabelingSchema, Region } from '../../format/index.ts';
import { LearnInputError } from '../errors.ts';

/**
 * What a model adapter needs of a task: its id and its data fields by name.
 *
 * @example
 * ```ts
 * const t: AdapterTask = { id: 't-1', data: { text: 'WIN a prize' } };
 * ```
 */
export interface AdapterTask {
  id: string | number;
  data: Record<string, unknown>;
}

/**
 * A model's suggestion for one task: regions valid for the project's labeling schema, each
 * with its own score, and an overall score in [0, 1] (the server stores it as
 * `prediction.score`; active learning and auto-accept read it).
 *
 * @example
 * ```ts
 * const p: PredictionOut = { task_id: 't-1', regions: [choiceRegion], score: 0.97 };
 * ```
 */
export interface PredictionOut {
  task_id: string | number;
  regions: Region[];
  score: number;
}

/**
 * An accepted annotation to learn from: the task and its accepted regions (all controls; an
 * adapter takes the regions of its own controls).
 *
 * @example
 * ```ts
 * const ex: AdapterExample = { task, regions: annotation.regions };
 * ```
 */
export interface AdapterExample {
  task: AdapterTask;
  regions: readonly Region[];
}

/**
 * One interface for every pre-labeling model (DESIGN.md, "Models"): the online learners here,
 * vision models, an external ML backend, an LLM endpoint. `version` changes whenever the
 * model does, so predictions record what made them; `fit`, when present, retrains on every
 * accepted annotation of the project.
 *
 * @example
 * ```ts
 * const out = await adapter.predict(tasks);
 * if (adapter.fit) await adapter.fit(acceptedExamples);
 * ```
 */
export interface ModelAdapter {
  readonly name: string;
  readonly version: string;
  /** Names of the labeling-schema controls it predicts. */
  readonly controls: string[];
  predict(tasks: readonly AdapterTask[]): Promise<PredictionOut[]>;
  fit?(examples: readonly AdapterExample[]): Promise<void>;
}

/**
 * The control named `name` in `schema`, checked to be of `type` and to label a `text` field;
 * returns it with its field name and label values. Errors name the control and say why.
 *
 * @example
 * ```ts
 * const { field, labels } = textControl(schema, 'sentiment', 'choices');
 * ```
 */
export function textControl(
  schema: LabelingSchema,
  name: string,
  type: 'choices' | 'spans',
): { control: Control; field: string; labels: string[] } {
  const control = schema.controls.find((c) => c.name === name);
  if (!control) {
    const names = schema.controls.map((c) => c.name).join(', ');
    throw new LearnInputError('bad_control', `no control named "${name}" (controls: ${names})`);
  }
  if (control.type !== type) {
    throw new LearnInputError(
      'bad_control',
      `control "${name}" is of type ${control.type}; this adapter needs a ${type} control`,
    );
  }
  const field = schema.fields.find((f) => f.name === control.field);
  if (!field || field.type !== 'text') {
    throw new LearnInputError(
      'bad_control',
      `control "${name}" labels field "${control.field}" of type ${field?.type ?? 'unknown'}; this adapter reads text fields`,
    );
  }
  return { control, field: field.name, labels: (control.labels ?? []).map((l) => l.value) };
}

/**
 * The text of `task.data[field]`, or a LearnInputError naming `tasks[i].data.<field>`.
 *
 * @example
 * ```ts
 * const text = taskText(task, 'text', 'tasks[3]');
 * ```
 */
export function taskText(task: AdapterTask, field: string, where: string): string {
  const v = task?.data?.[field];
  if (typeof v !== 'string') {
    throw new LearnInputError(
      'bad_task',
      `${where}.data.${field}: expected a string, got ${v === null ? 'null' : typeof v}`,
    );
  }
  return v;
}

/**
 * A region id unique within one prediction and within the format's 64-character limit.
 *
 * @example
 * ```ts
 * regionId('entities', 0); // 'entities-1'
 * ```
 */
export function regionId(control: string, k: number): string {
  return `${control.slice(0, 50)}-${k + 1}`;
}
