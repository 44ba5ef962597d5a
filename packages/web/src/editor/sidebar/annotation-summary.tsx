/**
 * The sidebar summary of controls that have one value per task (choices, rating, preference,
 * ranking, free text): what is set, and which required ones are still missing.
 *
 * @example
 * <AnnotationSummary />
 */
import { useTranslation } from 'react-i18next';
import { useEditor } from '../editor-context.ts';
import { regionSummary } from './region-summary.ts';

const SINGLE = new Set(['choices', 'rating', 'pairwise', 'ranking', 'textarea']);

/** Summary of single-valued controls. */
export function AnnotationSummary() {
  const { t } = useTranslation();
  const { schema, regions, task } = useEditor();
  const controls = schema.controls.filter((c) => SINGLE.has(c.type));
  if (controls.length === 0) return null;
  return (
    <section className="side-section" aria-label={t('editor.summary')}>
      <h3>{t('editor.summary')}</h3>
      <dl className="summary-list" data-testid="annotation-summary">
        {controls.map((c) => {
          const r = regions.find((x) => x.control === c.name);
          return (
            <div key={c.name} className={r ? 'set' : c.required ? 'missing' : undefined}>
              <dt>
                {c.name}
                {c.required && <span className="required">*</span>}
              </dt>
              <dd>{r ? regionSummary(r, regions, task.data, schema) : t('editor.not_set')}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
