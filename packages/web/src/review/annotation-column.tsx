/**
 * One annotator's version in the review view: the fields as they labelled them, the regions
 * with agreement marks, and the decisions (accept, reject with reason, fix). "Fix" turns the
 * column into an editor; saving sends the corrected regions with the decision.
 *
 * @example
 * <AnnotationColumn annotation={a} author="ann" marks={marks[0]} task={task} schema={schema} ... />
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation, Review, ReviewDecision, Task } from '../api/types.ts';
import { StatusBadge } from '../components/status-badge.tsx';
import { Keys } from '../components/keys.tsx';
import { EditorContext } from '../editor/editor-context.ts';
import { FieldPanel } from '../editor/field-panel.tsx';
import { RegionList } from '../editor/sidebar/region-list.tsx';
import type { LabelingSchema, Region } from '../schema/types.ts';
import { AgreementList } from './agreement-list.tsx';
import type { Agreement } from './annotation-diff.ts';
import { useColumnEditor } from './use-column-editor.ts';

/** Props of AnnotationColumn. */
export interface AnnotationColumnProps {
  annotation: Annotation;
  reviews: Review[];
  author: string;
  marks: Map<string, Agreement> | undefined;
  single: boolean;
  task: Task;
  schema: LabelingSchema;
  active: boolean;
  busy: boolean;
  fixing: boolean;
  onActivate: () => void;
  onDecide: (decision: ReviewDecision, regions?: Region[]) => void;
  onReject: () => void;
  onFixMode: (on: boolean) => void;
}

function Fields({
  schema,
  task,
  regions,
  readOnly,
  children,
}: {
  schema: LabelingSchema;
  task: Task;
  regions: Region[];
  readOnly: boolean;
  children?: (r: Region[]) => ReactNode;
}) {
  const ctx = useColumnEditor(schema, task, regions, readOnly);
  return (
    <EditorContext.Provider value={ctx}>
      {schema.fields.map((f) => (
        <FieldPanel key={f.name} field={f} />
      ))}
      {children?.(ctx.regions)}
    </EditorContext.Provider>
  );
}

/** A reviewed version. */
export function AnnotationColumn(p: AnnotationColumnProps) {
  const { t } = useTranslation();
  const a = p.annotation;
  const [fixKey] = useState(() => `fix-${a.id}-${a.version}`);
  const decided = a.status === 'accepted' || a.status === 'rejected';
  return (
    <section
      className={`review-column${p.active ? ' active' : ''}`}
      onFocusCapture={p.onActivate}
      onMouseDown={p.onActivate}
      data-testid="review-column"
    >
      <header className="review-column-head">
        <span className="avatar" aria-hidden="true">
          {p.author.slice(0, 1).toUpperCase()}
        </span>
        <strong>{p.author}</strong>
        <StatusBadge status={a.status} />
        <span className="spacer" />
        {a.lead_time_ms != null && (
          <span className="muted small">
            {t('review.lead_time', { s: Math.round(a.lead_time_ms / 1000) })}
          </span>
        )}
      </header>
      {p.reviews.map((r) => (
        <p key={r.id} className={`review-note review-note-${r.decision}`}>
          <strong>{t(`review.done.${r.decision}`)}</strong>
          {r.reviewer && <span className="muted"> · {r.reviewer}</span>}
          {r.reason && <span className="review-reason">{r.reason}</span>}
        </p>
      ))}
      {p.fixing ? (
        <Fields key={fixKey} schema={p.schema} task={p.task} regions={a.regions} readOnly={false}>
          {(regions) => (
            <>
              <RegionList />
              <div className="review-actions">
                <button type="button" className="button" onClick={() => p.onFixMode(false)}>
                  {t('common.cancel')}
                </button>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={p.busy}
                  onClick={() => p.onDecide('fix', regions)}
                  data-testid="save-fix"
                >
                  {t('review.save_fix')}
                </button>
              </div>
            </>
          )}
        </Fields>
      ) : (
        <>
          <Fields schema={p.schema} task={p.task} regions={a.regions} readOnly />
          <h4 className="review-sub">{t('review.regions')}</h4>
          <AgreementList
            regions={a.regions}
            marks={p.marks}
            schema={p.schema}
            data={p.task.data}
            single={p.single}
          />
          <div className="review-actions">
            <button
              type="button"
              className="button button-danger"
              disabled={p.busy || decided}
              onClick={p.onReject}
              data-testid="review-reject"
            >
              {t('review.reject')} {p.active && <Keys value="mod+shift+x" />}
            </button>
            <button
              type="button"
              className="button"
              disabled={p.busy || a.status === 'accepted'}
              onClick={() => p.onFixMode(true)}
              data-testid="review-fix"
            >
              {t('review.fix')} {p.active && <Keys value="mod+e" />}
            </button>
            <button
              type="button"
              className="button button-success"
              disabled={p.busy || decided}
              onClick={() => p.onDecide('accept')}
              data-testid="review-accept"
            >
              {t('review.accept')} {p.active && <Keys value="mod+enter" />}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
