/**
 * Create a project: pick a template, name it, adjust the schema, optionally add the
 * template's sample tasks.
 *
 * @example
 * <NewProjectPage />
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { navigate } from '../app/router.ts';
import { TopBar } from '../app/top-bar.tsx';
import { errorMessage } from '../components/error-message.ts';
import { tidySchema } from '../schema/control-options.ts';
import { SchemaEditor } from '../schema/schema-editor.tsx';
import { TEMPLATES, blankSchema, type ProjectTemplate } from '../schema/templates.ts';
import type { LabelingSchema } from '../schema/types.ts';
import { checkSchema } from '../schema/validate-schema.ts';

function TemplateGallery({
  selected,
  onPick,
}: {
  selected: string;
  onPick: (t: ProjectTemplate | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="template-grid">
      {TEMPLATES.map((tpl) => (
        <button
          key={tpl.id}
          type="button"
          className="template-card"
          aria-pressed={selected === tpl.id}
          data-testid={`template-${tpl.id}`}
          onClick={() => onPick(tpl)}
        >
          <span className="template-icon" aria-hidden="true">
            {tpl.icon}
          </span>
          <h3>{t(tpl.titleKey)}</h3>
          <p>{t(`${tpl.titleKey}_desc`)}</p>
        </button>
      ))}
      <button
        type="button"
        className="template-card"
        aria-pressed={selected === 'blank'}
        onClick={() => onPick(null)}
      >
        <span className="template-icon" aria-hidden="true">
          +
        </span>
        <h3>{t('templates.blank')}</h3>
        <p>{t('templates.blank_desc')}</p>
      </button>
    </div>
  );
}

/** New project page. */
export function NewProjectPage() {
  const { t } = useTranslation();
  const [template, setTemplate] = useState<ProjectTemplate | null>(TEMPLATES[0] ?? null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [schema, setSchema] = useState<LabelingSchema>(() => structuredClone(TEMPLATES[0]!.schema));
  const [withSamples, setWithSamples] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = useMemo(() => checkSchema(tidySchema(schema)), [schema]);

  const pick = (tpl: ProjectTemplate | null) => {
    setTemplate(tpl);
    setSchema(structuredClone(tpl ? tpl.schema : blankSchema()));
  };

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const project = await api.createProject({
        name: name.trim(),
        description,
        schema: tidySchema(schema),
      });
      if (withSamples && template) {
        const jsonl = template.samples.map((data) => JSON.stringify({ data })).join('\n');
        await api.importTasks(project.id, jsonl, 'jsonl');
      }
      navigate(`/projects/${project.id}`);
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <TopBar crumbs={[{ label: t('projects.new') }]} />
      <main className="page page-narrow">
        <div className="page-header">
          <div>
            <h1>{t('projects.new')}</h1>
            <p>{t('projects.new_subtitle')}</p>
          </div>
        </div>
        <section className="section">
          <div className="section-title">
            <span className="step">1</span>
            <h2>{t('projects.pick_template')}</h2>
          </div>
          <TemplateGallery selected={template?.id ?? 'blank'} onPick={pick} />
        </section>
        <form
          className="section"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <div className="section-title">
            <span className="step">2</span>
            <h2>{t('projects.details')}</h2>
          </div>
          <div className="card card-body form">
            <div className="two-col">
              <label className="field">
                <span>{t('projects.name')}</span>
                <input
                  name="project-name"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  required
                  maxLength={200}
                />
              </label>
              <label className="field">
                <span>{t('projects.description')}</span>
                <input
                  value={description}
                  onChange={(e) => setDescription(e.target.value)}
                  maxLength={10000}
                />
              </label>
            </div>
            {template && (
              <label className="row">
                <input
                  type="checkbox"
                  checked={withSamples}
                  onChange={(e) => setWithSamples(e.target.checked)}
                />
                {t('projects.add_samples', { count: template.samples.length })}
              </label>
            )}
          </div>
          <div className="section-title section">
            <span className="step">3</span>
            <h2>{t('schema.title')}</h2>
          </div>
          <div className="card card-body">
            <SchemaEditor value={schema} onChange={setSchema} />
          </div>
          {error && <p className="form-error section">{error}</p>}
          <div className="form-actions section">
            <button type="button" className="button" onClick={() => navigate('/')}>
              {t('common.cancel')}
            </button>
            <button
              type="submit"
              className="button button-primary"
              data-testid="create-project"
              disabled={busy || name.trim() === '' || problems.length > 0}
            >
              {t('projects.create')}
            </button>
          </div>
        </form>
      </main>
    </>
  );
}
