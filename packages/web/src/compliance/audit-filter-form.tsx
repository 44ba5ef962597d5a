/**
 * The audit viewer's filter form: action, actor, result, date range and (on the
 * instance-wide page) project. Every field is a native, labelled control, so the form works by
 * keyboard alone; the actor field applies on Enter or when focus leaves it.
 *
 * @example
 * <AuditFilterForm value={filters} onChange={setFilters} actions={['auth.login']} />
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../api/types.ts';
import { actionKey } from './audit-details.ts';
import { EMPTY_AUDIT_FILTERS, filtersProblem, type AuditFilters } from './audit-filters.ts';

/** Props of AuditFilterForm. */
export interface AuditFilterFormProps {
  value: AuditFilters;
  onChange: (f: AuditFilters) => void;
  actions: readonly string[];
  /** Offered on the instance-wide page only. */
  projects?: readonly Pick<Project, 'id' | 'name'>[];
}

/** Audit filter form. */
export function AuditFilterForm({ value, onChange, actions, projects }: AuditFilterFormProps) {
  const { t } = useTranslation();
  const [actor, setActor] = useState(value.actor);
  useEffect(() => setActor(value.actor), [value.actor]);
  const set = (over: Partial<AuditFilters>) => onChange({ ...value, ...over });
  const problem = filtersProblem(value);
  const actionOptions =
    value.action && !actions.includes(value.action) ? [value.action, ...actions] : actions;
  return (
    <form
      className="qc-filters audit-filters"
      aria-label={t('audit.filters')}
      onSubmit={(e) => {
        e.preventDefault();
        set({ actor });
      }}
    >
      <label className="field">
        <span>{t('audit.action')}</span>
        <select
          value={value.action}
          onChange={(e) => set({ action: e.target.value })}
          data-testid="audit-action"
        >
          <option value="">{t('audit.any_action')}</option>
          {actionOptions.map((a) => (
            <option key={a} value={a}>
              {t(actionKey(a), { defaultValue: a })} ({a})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('audit.actor')}</span>
        <input
          type="search"
          value={actor}
          placeholder={t('audit.actor_placeholder')}
          onChange={(e) => setActor(e.target.value)}
          onBlur={() => actor !== value.actor && set({ actor })}
          data-testid="audit-actor"
        />
      </label>
      <label className="field">
        <span>{t('audit.result')}</span>
        <select
          value={value.result}
          onChange={(e) => set({ result: e.target.value as AuditFilters['result'] })}
          data-testid="audit-result"
        >
          <option value="">{t('audit.any_result')}</option>
          <option value="ok">{t('audit.results.ok')}</option>
          <option value="denied">{t('audit.results.denied')}</option>
          <option value="failed">{t('audit.results.failed')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('audit.from')}</span>
        <input
          type="date"
          value={value.fromDay}
          max={value.toDay || undefined}
          onChange={(e) => set({ fromDay: e.target.value })}
          data-testid="audit-from"
        />
      </label>
      <label className="field">
        <span>{t('audit.to')}</span>
        <input
          type="date"
          value={value.toDay}
          min={value.fromDay || undefined}
          onChange={(e) => set({ toDay: e.target.value })}
          data-testid="audit-to"
        />
      </label>
      {projects && (
        <label className="field">
          <span>{t('audit.project')}</span>
          <select
            value={value.project}
            onChange={(e) => set({ project: e.target.value })}
            data-testid="audit-project"
          >
            <option value="">{t('audit.any_project')}</option>
            {projects.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="audit-filter-buttons">
        <button type="submit" className="button button-small">
          {t('audit.apply')}
        </button>
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() => {
            setActor('');
            onChange(EMPTY_AUDIT_FILTERS);
          }}
        >
          {t('common.reset')}
        </button>
      </div>
      {problem && (
        <p className="form-error audit-problem" role="alert">
          {t(`audit.problem.${problem}`)}
        </p>
      )}
    </form>
  );
}
