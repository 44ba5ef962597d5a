/**
 * Register or edit a model: name and kind (new models only), the controls it serves (one for
 * an online learner), the kind's settings (model server URL, OpenAI-compatible endpoint and
 * model name, training and active-learning settings), an API key that is write-only (never
 * shown back: the form says whether one is stored and offers to replace or remove it), and
 * any other setting as JSON. The server's refusals (a URL it will not fetch, a setting out of
 * range, a duplicate name) appear beside the input they concern.
 *
 * @example
 * <ModelDialog project={p} model={undefined} onClose={close} onSaved={(m) => select(m)} />
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import type { Model } from '../api/ml-types.ts';
import type { Project } from '../api/types.ts';
import { mlApi } from '../app/ml-api.ts';
import { Dialog } from '../components/dialog.tsx';
import { errorMessage } from '../components/error-message.ts';
import {
  createBody,
  emptyForm,
  FORM_KINDS,
  formOfModel,
  issuesByField,
  KEYED_KINDS,
  ONLINE_KINDS,
  patchBody,
  settingsOf,
  type ModelFormState,
  type SettingSpec,
} from './model-form.ts';

/** Props of ModelDialog. */
export interface ModelDialogProps {
  project: Project;
  /** The model to edit; undefined registers a new one. */
  model: Model | undefined;
  onClose: () => void;
  onSaved: (m: Model) => void;
}

/** Model form dialog. */
export function ModelDialog({ project, model, onClose, onSaved }: ModelDialogProps) {
  const { t } = useTranslation();
  const controls = project.schema.controls.map((c) => c.name);
  const [f, setF] = useState<ModelFormState>(() =>
    model ? formOfModel(model) : emptyForm('text-classifier', controls.slice(0, 1)),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [top, setTop] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ModelFormState>) => setF((x) => ({ ...x, ...patch }));
  const clearError = (key: string) =>
    setErrors((e) => {
      if (!(key in e)) return e;
      const rest = { ...e };
      delete rest[key];
      return rest;
    });
  const setField = (key: string, v: string) => {
    clearError(key);
    setF((x) => ({ ...x, fields: { ...x.fields, [key]: v } }));
  };
  const online = ONLINE_KINDS.includes(f.kind);

  const save = async () => {
    const r = model ? patchBody(f) : createBody(f);
    if (!r.ok) {
      setErrors(Object.fromEntries(r.issues.map((i) => [i.field, i.message])));
      setTop(t('models.form.fix'));
      return;
    }
    setBusy(true);
    setErrors({});
    setTop(null);
    try {
      const saved = model
        ? await mlApi.updateModel(project.id, model.id, r.body)
        : await mlApi.createModel(project.id, r.body as Parameters<typeof mlApi.createModel>[1]);
      onSaved(saved);
    } catch (e) {
      setTop(errorMessage(t, e));
      if (e instanceof ApiError) {
        const byField = issuesByField(e.code, e.message, e.issues);
        delete byField[''];
        setErrors(byField);
      }
    } finally {
      setBusy(false);
    }
  };

  const specs = settingsOf(f.kind);
  const basic = specs.filter((s) => !s.advanced);
  const advanced = specs.filter((s) => s.advanced);
  return (
    <Dialog
      open
      wide
      title={model ? t('models.form.edit_title', { name: model.name }) : t('models.form.new_title')}
      onClose={onClose}
      testId="model-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void save()}
            data-testid="model-save"
          >
            {busy ? t('common.working') : t('common.save')}
          </button>
        </>
      }
    >
      <div className="form ml-form">
        {top && (
          <p className="form-error" role="alert" data-testid="model-form-error">
            {top}
          </p>
        )}
        <div className="ml-form-grid">
          <Field label={t('models.name')} error={errors.name}>
            <input
              name="model-name"
              value={f.name}
              disabled={model !== undefined}
              maxLength={64}
              onChange={(e) => {
                clearError('name');
                set({ name: e.target.value });
              }}
            />
          </Field>
          <Field
            label={t('models.kind')}
            hint={t(`models.kind_hints.${f.kind}`, { defaultValue: '' })}
          >
            <select
              name="model-kind"
              value={f.kind}
              disabled={model !== undefined}
              onChange={(e) => {
                const kind = e.target.value;
                setErrors({});
                setF((x) => ({
                  ...emptyForm(
                    kind,
                    ONLINE_KINDS.includes(kind) ? x.controls.slice(0, 1) : x.controls,
                  ),
                  name: x.name,
                }));
              }}
            >
              {(FORM_KINDS as readonly string[])
                .concat((FORM_KINDS as readonly string[]).includes(f.kind) ? [] : [f.kind])
                .map((k) => (
                  <option key={k} value={k}>
                    {t(`models.kinds.${k}`, { defaultValue: k })}
                  </option>
                ))}
            </select>
          </Field>
        </div>
        <Field
          label={online ? t('models.form.control_single') : t('models.form.control_multiple')}
          error={errors.controls}
        >
          <div className="ml-controls" data-testid="model-controls">
            {controls.map((c) => (
              <label key={c} className="ml-check">
                <input
                  type={online ? 'radio' : 'checkbox'}
                  name="model-control"
                  checked={f.controls.includes(c)}
                  onChange={(e) =>
                    set({
                      controls: online
                        ? [c]
                        : e.target.checked
                          ? [...f.controls, c]
                          : f.controls.filter((x) => x !== c),
                    })
                  }
                />
                <span>{c}</span>
              </label>
            ))}
          </div>
        </Field>
        <label className="ml-check">
          <input
            type="checkbox"
            checked={f.active}
            onChange={(e) => set({ active: e.target.checked })}
          />
          <span>{t('models.form.active')}</span>
        </label>
        {basic.length > 0 && (
          <div className="ml-form-grid">
            {basic.map((s) => (
              <SettingInput
                key={s.key}
                spec={s}
                form={f}
                project={project}
                error={errors[s.key]}
                onChange={setField}
              />
            ))}
          </div>
        )}
        {KEYED_KINDS.includes(f.kind) && (
          <Field
            label={t('models.form.key')}
            hint={model?.has_secret ? t('models.form.key_stored') : t('models.form.key_hint')}
            error={errors.secret}
          >
            <input
              type="password"
              name="model-secret"
              autoComplete="new-password"
              value={f.secret}
              placeholder={model?.has_secret ? '••••••••' : ''}
              disabled={f.clearSecret}
              onChange={(e) => set({ secret: e.target.value })}
            />
            {model?.has_secret && (
              <label className="ml-check">
                <input
                  type="checkbox"
                  checked={f.clearSecret}
                  onChange={(e) => set({ clearSecret: e.target.checked, secret: '' })}
                />
                <span>{t('models.form.key_remove')}</span>
              </label>
            )}
          </Field>
        )}
        <details
          className="ml-advanced"
          open={
            Object.keys(errors).some((k) => advanced.some((s) => s.key === k)) ||
            errors.extra !== undefined ||
            undefined
          }
        >
          <summary>{t('models.form.advanced')}</summary>
          <div className="ml-form-grid">
            {advanced.map((s) => (
              <SettingInput
                key={s.key}
                spec={s}
                form={f}
                project={project}
                error={errors[s.key]}
                onChange={setField}
              />
            ))}
          </div>
          <Field
            label={t('models.form.extra')}
            hint={t('models.form.extra_hint')}
            error={errors.extra}
          >
            <textarea
              className="mono"
              rows={4}
              value={f.extra}
              onChange={(e) => set({ extra: e.target.value })}
              placeholder='{"backoff_ms": 200}'
            />
          </Field>
        </details>
      </div>
    </Dialog>
  );
}

function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <span>{label}</span>
      {children}
      {error ? (
        <small className="field-error" role="alert">
          {error}
        </small>
      ) : (
        hint && <small className="field-hint">{hint}</small>
      )}
    </div>
  );
}

/** Names from the schema a setting may take (fields, controls, or labels of the controls). */
function schemaNames(project: Project, of: 'field' | 'control' | 'label'): string[] {
  const s = project.schema;
  if (of === 'field') return s.fields.map((x) => x.name);
  if (of === 'control') return s.controls.map((x) => x.name);
  return [
    ...new Set(
      s.controls.flatMap((c) => ('labels' in c && c.labels ? c.labels.map((l) => l.value) : [])),
    ),
  ];
}

function SettingInput({
  spec: s,
  form,
  project,
  error,
  onChange,
}: {
  spec: SettingSpec;
  form: ModelFormState;
  project: Project;
  error: string | undefined;
  onChange: (key: string, v: string) => void;
}) {
  const { t } = useTranslation();
  const value = form.fields[s.key] ?? '';
  const label = t(`models.settings.${s.key.replace('.', '_')}`, { defaultValue: s.key });
  const hint = t(`models.settings_hints.${s.key.replace('.', '_')}`, { defaultValue: '' });
  const name = `setting-${s.key}`;
  let input: ReactNode;
  switch (s.type) {
    case 'select':
    case 'schema': {
      const options = s.type === 'select' ? s.options : schemaNames(project, s.of);
      input = (
        <select name={name} value={value} onChange={(e) => onChange(s.key, e.target.value)}>
          <option value="">{t('models.form.default')}</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {t(`models.options.${o}`, { defaultValue: o })}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'bool':
      input = (
        <select name={name} value={value} onChange={(e) => onChange(s.key, e.target.value)}>
          <option value="">{t('models.form.default')}</option>
          <option value="true">{t('models.form.yes')}</option>
          <option value="false">{t('models.form.no')}</option>
        </select>
      );
      break;
    case 'json':
    case 'textarea':
      input = (
        <textarea
          name={name}
          rows={3}
          className={s.type === 'json' ? 'mono' : undefined}
          value={value}
          placeholder={s.type === 'json' ? '{"cup": "Mug"}' : ''}
          onChange={(e) => onChange(s.key, e.target.value)}
        />
      );
      break;
    case 'int':
    case 'number':
      input = (
        <input
          name={name}
          type="number"
          min={s.min}
          max={s.max}
          step={s.type === 'int' ? 1 : 'any'}
          value={value}
          placeholder={t('models.form.default')}
          onChange={(e) => onChange(s.key, e.target.value)}
        />
      );
      break;
    default:
      input = (
        <input
          name={name}
          type={s.type === 'url' ? 'url' : 'text'}
          value={value}
          placeholder={s.type === 'url' ? 'https://' : ''}
          onChange={(e) => onChange(s.key, e.target.value)}
        />
      );
  }
  return (
    <div className={s.type === 'textarea' || s.type === 'json' ? 'ml-wide' : undefined}>
      <Field label={label} hint={hint || undefined} error={error}>
        {input}
      </Field>
    </div>
  );
}
