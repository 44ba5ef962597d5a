import type { LabelingSchema } from '@tessera/core/format';
import type { LabelSource } from '../../store/qc.repository.ts';

/** A single-choice control: the kind truth inference and agreement run on. */
export interface ChoiceControl {
  name: string;
  classes: string[];
}

/** The single-choice controls of a schema (multi-choice ones are not categorical labels). */
export function choiceControls(schema: LabelingSchema): ChoiceControl[] {
  const out: ChoiceControl[] = [];
  for (const c of schema.controls) {
    if (c.type === 'choices' && !c.multiple && c.labels?.length)
      out.push({ name: c.name, classes: c.labels.map((l) => l.value) });
  }
  return out;
}

/** The class a region list gives a control, if exactly one choice region names one. */
export function chosenClass(
  regions: ReadonlyArray<{ control?: unknown; type?: unknown; value?: unknown }>,
  control: string,
): string | undefined {
  for (const r of regions) {
    if (r.control !== control || r.type !== 'choice') continue;
    const choices = (r.value as { choices?: unknown } | undefined)?.choices;
    if (Array.isArray(choices) && choices.length === 1 && typeof choices[0] === 'string')
      return choices[0];
  }
  return undefined;
}

/** (task, annotator, class) triples of one control, parsed once per source. */
export function triplesOf(
  sources: ReadonlyArray<LabelSource & { parsed?: unknown[] }>,
  control: ChoiceControl,
) {
  const known = new Set(control.classes);
  const out: { task: number; worker: number; label: string }[] = [];
  for (const s of sources) {
    s.parsed ??= JSON.parse(s.regions) as unknown[];
    const label = chosenClass(s.parsed as never, control.name);
    if (label !== undefined && known.has(label))
      out.push({ task: s.task_id, worker: s.created_by, label });
  }
  return out;
}
