/**
 * The project's labeling schema, editable; saving bumps the schema version on the server.
 *
 * @example
 * <SchemaSettings project={p} onSaved={setProject} />
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../api/types.ts';
import { api } from '../../app/api.ts';
import { errorMessage } from '../../components/error-message.ts';
import { useToast } from '../../components/toasts.tsx';
import { tidySchema } from '../../schema/control-options.ts';
import { SchemaEditor } from '../../schema/schema-editor.tsx';
import { checkSchema } from '../../schema/validate-schema.ts';

/** Schema settings. */
export function SchemaSettings({
  project,
  onSaved,
}: {
  project: Project;
  onSaved: (p: Project) => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const [schema, setSchema] = useState(project.schema);
  const [busy, setBusy] = useState(false);
  const problems = useMemo(() => checkSchema(tidySchema(schema)), [schema]);
  const dirty = JSON.stringify(schema) !== JSON.stringify(project.schema);
  return (
    <div className="card card-body form">
      <div className="row">
        <h2>{t('schema.title')}</h2>
        <span className="spacer" />
        {project.schema_version !== undefined && (
          <span className="badge">{t('schema.version', { version: project.schema_version })}</span>
        )}
      </div>
      <p className="form-hint">{t('schema.change_hint')}</p>
      <SchemaEditor value={schema} onChange={setSchema} />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={!dirty}
          onClick={() => setSchema(project.schema)}
        >
          {t('common.reset')}
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="save-schema"
          disabled={busy || !dirty || problems.length > 0}
          onClick={() => {
            setBusy(true);
            api
              .updateProject(project.id, { schema: tidySchema(schema) })
              .then((p) => {
                onSaved(p);
                setSchema(p.schema);
                toast.show(t('common.saved'), 'success');
              })
              .catch((err: unknown) => toast.show(errorMessage(t, err), 'error'))
              .finally(() => setBusy(false));
          }}
        >
          {t('common.save')}
        </button>
      </div>
    </div>
  );
}
