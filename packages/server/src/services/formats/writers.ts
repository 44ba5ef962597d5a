import type { Control, LabelingSchema, Task } from '@tessera/core/format';

type FieldControl = Exclude<Control, { type: 'link' }>;
import {
  CocoWriter,
  csvHeader,
  taskToCsvRow,
  labelStudioMappingFromSchema,
  taskToConll,
  taskToHfClassification,
  taskToHfTokens,
  hfNerTagNames,
  taskToLabelStudioTask,
  taskToVocXml,
  taskToYoloLabels,
  writeYoloDataYaml,
} from '@tessera/core/convert';
import { badRequest } from '../../errors.ts';

/** Every export format. `jsonl` and `csv` of a live project take the streaming fast path. */
export const EXPORT_FORMATS = ['jsonl', 'csv', 'ls', 'coco', 'yolo', 'voc', 'conll', 'hf'] as const;
export type ExportFormatName = (typeof EXPORT_FORMATS)[number];

/** A file inside a zip export. */
export interface ZipFile {
  name: string;
  content: string;
}

/**
 * Turns interchange tasks into one format. Text formats give text chunks (begin, one per task,
 * end); archive formats (YOLO, VOC) give files that go into a zip.
 */
export type FormatWriter =
  | {
      kind: 'text';
      ext: string;
      contentType: string;
      begin(): string;
      task(t: Task): string;
      end(): string;
      /**
       * Text the format holds until its end (COCO's image table), taken page by page so the
       * exporter can spill it to a file instead of holding it; `end()` then gives the parts
       * that go before the spilled text and after it.
       */
      spill?: { take(): string; end(): { before: string; rest: string; after: string } };
    }
  | {
      kind: 'zip';
      ext: 'zip';
      contentType: 'application/zip';
      task(t: Task): ZipFile[];
      end(): ZipFile[];
    };

const noop = () => '';

function firstControl(schema: LabelingSchema, type: string): FieldControl | undefined {
  return schema.controls.find((c): c is FieldControl => c.type === type && c.type !== 'link');
}

function imageField(schema: LabelingSchema): string {
  const f = schema.fields.find((x) => x.type === 'image');
  if (!f) throw badRequest('This format needs an image field in the labeling schema.');
  return f.name;
}

/** The base name of an image reference, for label files next to it. */
function imageName(task: Task, field: string): string {
  const v = task.data[field];
  const base =
    typeof v === 'string' ? (v.split(/[?#]/)[0] ?? '').split('/').filter(Boolean).pop() : undefined;
  // A real file name is kept (prefixed by the task id, so names stay unique); a media URL gives the id.
  return base && /\.[A-Za-z0-9]{2,5}$/.test(base) ? `${task.id}-${base}` : `${task.id}.jpg`;
}

/**
 * The writer of a format for a project's schema; a schema the format cannot express is a 400
 * that says what is missing.
 */
export function writerFor(format: ExportFormatName, schema: LabelingSchema): FormatWriter {
  switch (format) {
    case 'jsonl':
      return {
        kind: 'text',
        ext: 'jsonl',
        contentType: 'application/x-ndjson; charset=utf-8',
        begin: noop,
        task: (t) => JSON.stringify(t) + '\n',
        end: noop,
      };
    case 'csv':
      // Cells a spreadsheet would run as a formula are neutralised by core's CSV writer.
      return {
        kind: 'text',
        ext: 'csv',
        contentType: 'text/csv; charset=utf-8',
        begin: () => csvHeader(schema),
        task: (t) => taskToCsvRow(t, schema),
        end: noop,
      };
    case 'ls': {
      const mapping = labelStudioMappingFromSchema(schema);
      let first = true;
      return {
        kind: 'text',
        ext: 'json',
        contentType: 'application/json',
        begin: () => '[',
        task: (t) => {
          const s = (first ? '\n' : ',\n') + JSON.stringify(taskToLabelStudioTask(t, mapping));
          first = false;
          return s;
        },
        end: () => '\n]\n',
      };
    }
    case 'coco': {
      const field = imageField(schema);
      const w = new CocoWriter({ schema, field });
      return {
        kind: 'text',
        ext: 'json',
        contentType: 'application/json',
        begin: () => w.begin(),
        task: (t) => w.add(t),
        end: () => w.end(),
        spill: {
          take: () => w.takeImages(),
          end: () => {
            const p = w.endParts();
            return { before: p.before, rest: p.images, after: p.after };
          },
        },
      };
    }
    case 'yolo': {
      const field = imageField(schema);
      const boxes = firstControl(schema, 'bbox') ?? firstControl(schema, 'polygon');
      if (!boxes?.labels?.length)
        throw badRequest('YOLO needs a bbox or polygon control with labels.');
      const names = boxes.labels.map((l) => l.value);
      return {
        kind: 'zip',
        ext: 'zip',
        contentType: 'application/zip',
        task: (t) => [
          {
            name: `labels/${imageName(t, field).replace(/\.[^.]+$/, '')}.txt`,
            content: taskToYoloLabels(t, { names, field }),
          },
        ],
        end: () => [
          {
            name: 'data.yaml',
            content: writeYoloDataYaml(names, { path: '.', train: 'images', val: 'images' }),
          },
        ],
      };
    }
    case 'voc': {
      const field = imageField(schema);
      return {
        kind: 'zip',
        ext: 'zip',
        contentType: 'application/zip',
        task: (t) => [
          {
            name: `Annotations/${imageName(t, field).replace(/\.[^.]+$/, '')}.xml`,
            content: taskToVocXml(t, { field }),
          },
        ],
        end: () => [],
      };
    }
    case 'conll': {
      const spans = firstControl(schema, 'spans');
      if (!spans) throw badRequest('CoNLL needs a spans control.');
      return {
        kind: 'text',
        ext: 'conll',
        contentType: 'text/plain; charset=utf-8',
        begin: noop,
        task: (t) => taskToConll(t, { field: spans.field, control: spans.name }) + '\n',
        end: noop,
      };
    }
    case 'hf': {
      const spans = firstControl(schema, 'spans');
      const choices = firstControl(schema, 'choices');
      if (spans?.labels?.length) {
        const tagNames = hfNerTagNames(spans.labels.map((l) => l.value));
        return {
          kind: 'text',
          ext: 'jsonl',
          contentType: 'application/x-ndjson',
          begin: noop,
          task: (t) =>
            JSON.stringify(
              taskToHfTokens(t, { tagNames, field: spans.field, control: spans.name }),
            ) + '\n',
          end: noop,
        };
      }
      if (choices?.labels?.length) {
        const names = choices.labels.map((l) => l.value);
        return {
          kind: 'text',
          ext: 'jsonl',
          contentType: 'application/x-ndjson',
          begin: noop,
          task: (t) =>
            JSON.stringify(
              taskToHfClassification(t, {
                control: choices.name,
                names,
                field: choices.field,
                multiple: choices.multiple,
              }),
            ) + '\n',
          end: noop,
        };
      }
      throw badRequest('Hugging Face JSONL needs a spans or a choices control with labels.');
    }
  }
}
