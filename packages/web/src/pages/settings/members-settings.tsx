/**
 * Project members and their roles. Admins can add any user; managers change roles.
 *
 * @example
 * <MembersSettings projectId={1} />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectRole } from '../../api/types.ts';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { errorMessage } from '../../components/error-message.ts';
import { Spinner } from '../../components/spinner.tsx';
import { useToast } from '../../components/toasts.tsx';
import { useAsync } from '../../components/use-async.ts';

const ROLES: Exclude<ProjectRole, 'admin'>[] = ['manager', 'reviewer', 'annotator'];

/** Members table. */
export function MembersSettings({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const toast = useToast();
  const { user } = useSession();
  const members = useAsync(() => api.listMembers(projectId), [projectId]);
  const users = useAsync(
    () => (user?.is_admin ? api.listUsers() : Promise.resolve([])),
    [user?.is_admin],
  );
  const [addId, setAddId] = useState('');
  const [addRole, setAddRole] = useState<Exclude<ProjectRole, 'admin'>>('annotator');

  const setRole = (userId: number, role: Exclude<ProjectRole, 'admin'>) =>
    api
      .setMember(projectId, userId, role)
      .then(() => members.reload())
      .catch((e: unknown) => toast.show(errorMessage(t, e), 'error'));

  const candidates = (users.data ?? []).filter(
    (u) => !(members.data ?? []).some((m) => m.user_id === u.id),
  );
  return (
    <div className="card card-body form">
      <h2>{t('settings.members')}</h2>
      {members.loading && !members.data && <Spinner label={t('common.loading')} />}
      {members.data && (
        <table className="simple-table">
          <thead>
            <tr>
              <th>{t('settings.user')}</th>
              <th>{t('settings.role')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {members.data.map((m) => (
              <tr key={m.user_id}>
                <td>{m.username}</td>
                <td>
                  <select
                    value={m.role}
                    onChange={(e) =>
                      void setRole(m.user_id, e.target.value as Exclude<ProjectRole, 'admin'>)
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`roles.${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="align-right">
                  <button
                    type="button"
                    className="button button-small button-ghost"
                    onClick={() =>
                      void api
                        .removeMember(projectId, m.user_id)
                        .then(() => members.reload())
                        .catch((e: unknown) => toast.show(errorMessage(t, e), 'error'))
                    }
                  >
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {user?.is_admin && candidates.length > 0 && (
        <div className="row">
          <select
            value={addId}
            onChange={(e) => setAddId(e.target.value)}
            aria-label={t('settings.user')}
          >
            <option value="">{t('settings.pick_user')}</option>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username}
              </option>
            ))}
          </select>
          <select
            value={addRole}
            onChange={(e) => setAddRole(e.target.value as Exclude<ProjectRole, 'admin'>)}
            aria-label={t('settings.role')}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={addId === ''}
            onClick={() => void setRole(Number(addId), addRole).then(() => setAddId(''))}
          >
            {t('settings.add_member')}
          </button>
        </div>
      )}
    </div>
  );
}
