/**
 * The labeling-schema editor: a form (fields, then controls with labels and attributes) and
 * a raw JSON tab, with every problem listed under it. Used when creating a project and in
 * project settings.
 *
 * @example
 * <SchemaEditor value={schema} onChange={setSchema} />
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionLabelKey } from '../editor/keymap/keymap.ts';
import { ControlEditor } from './control-editor.tsx';
import { FieldsEditor } from './fields-editor.tsx';
import { SchemaJson } from './schema-json.tsx';
import { checkSchema, type SchemaProblem } from './validate-schema.ts';
import type { LabelingSchema, SchemaControl } from './types.ts';

/** Props of SchemaEditor. */
export interface SchemaEditorProps {
  value: LabelingSchema;
  onChange: (s: LabelingSchema) => void;
}

function ProblemList({ problems }: { problems: SchemaProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return <p className="schema-ok">✓ {t('schema.valid')}</p>;
  return (
    <ul className="schema-problems" data-testid="schema-problems">
      {problems.map((p, i) => (
        <li key={i}>
          <code>{p.path || t('schema.root')}</code>{' '}
          {p.message ??
            t('schema.hotkey_clash', {
              hotkey: 'hotkey' in p ? p.hotkey : '',
              action: 'action' in p ? t(actionLabelKey(p.action)) : '',
            })}
        </li>
      ))}
    </ul>
  );
}

function newControl(schema: LabelingSchema): SchemaControl {
  return {
    name: `control_${schema.controls.length + 1}`,
    type: 'choices',
    field: schema.fields[0]?.name ?? 'text',
    labels: [],
  };
}

/** Schema form + JSON. */
export function SchemaEditor({ value, onChange }: SchemaEditorProps) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'form' | 'json'>('form');
  const problems = useMemo(() => checkSchema(value), [value]);
  const fields = Array.isArray(value.fields) ? value.fields : [];
  const controls = Array.isArray(value.controls) ? value.controls : [];
  return (
    <div className="schema-editor">
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          className="tab"
          aria-selected={tab === 'form'}
          onClick={() => setTab('form')}
        >
          {t('schema.tab_form')}
        </button>
        <button
          type="button"
          role="tab"
          className="tab"
          aria-selected={tab === 'json'}
          onClick={() => setTab('json')}
          data-testid="schema-tab-json"
        >
          {t('schema.tab_json')}
        </button>
      </div>
      {tab === 'form' ? (
        <div className="schema-form">
          <section>
            <h3>{t('schema.fields')}</h3>
            <p className="form-hint">{t('schema.fields_hint')}</p>
            <FieldsEditor fields={fields} onChange={(f) => onChange({ ...value, fields: f })} />
          </section>
          <section>
            <h3>{t('schema.controls')}</h3>
            <p className="form-hint">{t('schema.controls_hint')}</p>
            <div className="stack">
              {controls.map((c, i) => (
                <ControlEditor
                  key={i}
                  index={i}
                  control={c}
                  fields={fields}
                  onChange={(next) =>
                    onChange({ ...value, controls: controls.map((x, j) => (j === i ? next : x)) })
                  }
                  onRemove={() =>
                    onChange({ ...value, controls: controls.filter((_, j) => j !== i) })
                  }
                />
              ))}
            </div>
            <button
              type="button"
              className="button button-small add-control"
              onClick={() => onChange({ ...value, controls: [...controls, newControl(value)] })}
            >
              + {t('schema.add_control')}
            </button>
          </section>
        </div>
      ) : (
        <SchemaJson value={value} onChange={onChange} />
      )}
      <ProblemList problems={problems} />
    </div>
  );
}
