/**
 * One data field with the controls that label it: the field's view (text with spans, image
 * canvas, dialogue, responses, sanitised HTML, media) and then its other controls (choices,
 * rating, pairwise, ranking, free text).
 *
 * @example
 * <FieldPanel field={{ name: 'text', type: 'text' }} />
 */
import { useTranslation } from 'react-i18next';
import type { FieldControl, SchemaField } from '../schema/types.ts';
import { ChoicesControl } from './controls/choices-control.tsx';
import { PairwiseControl } from './controls/pairwise-control.tsx';
import { RankingControl } from './controls/ranking-control.tsx';
import { RatingControl } from './controls/rating-control.tsx';
import { SpanLabelBar } from './controls/span-label-bar.tsx';
import { TextareaControl } from './controls/textarea-control.tsx';
import { useEditor } from './editor-context.ts';
import { DialogueView } from './fields/dialogue-view.tsx';
import { HtmlField } from './fields/html-field.tsx';
import { MediaField } from './fields/media-field.tsx';
import { ResponsesView } from './fields/responses-view.tsx';
import { ImageCanvas } from './image/image-canvas.tsx';
import { TextSpanView } from './text/text-span-view.tsx';

const VIEW_CONTROLS = new Set(['spans', 'relations', 'bbox', 'polygon', 'keypoints', 'ranking']);

function FieldView({ field, controls }: { field: SchemaField; controls: FieldControl[] }) {
  const { task, readOnly } = useEditor();
  const value = task.data[field.name];
  const spanControls = controls.filter((c) => c.type === 'spans' || c.type === 'relations');
  const ranking = controls.find((c) => c.type === 'ranking');
  switch (field.type) {
    case 'text':
      if (spanControls.some((c) => c.type === 'spans') && typeof value === 'string') {
        return (
          <>
            {!readOnly && <SpanLabelBar controls={spanControls} />}
            <TextSpanView field={field.name} text={value} controls={spanControls} />
          </>
        );
      }
      return (
        <div className="text-block">
          {typeof value === 'string' ? value : JSON.stringify(value ?? '')}
        </div>
      );
    case 'image':
      return (
        <ImageCanvas
          field={field.name}
          src={value}
          controls={controls.filter((c) => ['bbox', 'polygon', 'keypoints'].includes(c.type))}
        />
      );
    case 'html':
      return <HtmlField value={value} />;
    case 'dialogue':
      return <DialogueView value={value} />;
    case 'responses':
      return ranking ? (
        <RankingControl control={ranking} value={value} />
      ) : (
        <ResponsesView
          value={value}
          pairwiseControl={controls.find((c) => c.type === 'pairwise')?.name}
        />
      );
    default:
      return <MediaField type={field.type} value={value} />;
  }
}

function ControlBody({ control }: { control: FieldControl }) {
  const { t } = useTranslation();
  switch (control.type) {
    case 'choices':
      return <ChoicesControl control={control} />;
    case 'rating':
      return <RatingControl control={control} />;
    case 'pairwise':
      return <PairwiseControl control={control} />;
    case 'textarea':
      return <TextareaControl control={control} />;
    default:
      return (
        <p className="muted small">{t('editor.unsupported_control', { type: control.type })}</p>
      );
  }
}

/** A field and its controls. */
export function FieldPanel({ field }: { field: SchemaField }) {
  const { schema } = useEditor();
  const controls = schema.controls.filter(
    (c): c is FieldControl => c.type !== 'link' && c.field === field.name,
  );
  const others = controls.filter((c) => !VIEW_CONTROLS.has(c.type));
  return (
    <section className={`field-panel field-${field.type}`} data-testid={`field-${field.name}`}>
      <h2 className="field-title">{field.label ?? field.name}</h2>
      <FieldView field={field} controls={controls} />
      {others.map((c) => (
        <div key={c.name} className="control-block">
          <div className="control-title">
            <span>{c.name}</span>
            {c.required && (
              <span className="required" aria-label="required">
                *
              </span>
            )}
            {c.description && <span className="muted small">{c.description}</span>}
          </div>
          <ControlBody control={c} />
        </div>
      ))}
    </section>
  );
}
