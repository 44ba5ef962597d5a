/**
 * The "session expired" dialog. It opens over the current page so nothing unmounts: unsaved
 * work stays on screen (and in localStorage) and the interrupted requests are re-sent after
 * the login succeeds.
 *
 * @example
 * <ReloginDialog username="ann" onDone={login} onCancel={giveUp} />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/dialog.tsx';
import { errorMessage } from '../components/error-message.ts';

/** Props of ReloginDialog. */
export interface ReloginDialogProps {
  username: string;
  onDone: (username: string, password: string) => Promise<void>;
  onCancel: () => void;
}

/** Login again without leaving the page. */
export function ReloginDialog({ username, onDone, onCancel }: ReloginDialogProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(username);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open title={t('login.expired_title')} onClose={onCancel} testId="relogin-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          onDone(name, password)
            .catch((err: unknown) => setError(errorMessage(t, err)))
            .finally(() => setBusy(false));
        }}
      >
        <p className="muted">{t('login.expired_text')}</p>
        <label className="field">
          <span>{t('login.username')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="username"
            required
          />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            autoFocus
            required
          />
        </label>
        {error && <p className="form-error">{error}</p>}
        <div className="form-actions">
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('login.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
