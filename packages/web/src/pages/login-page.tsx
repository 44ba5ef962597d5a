/**
 * The login page.
 *
 * @example
 * <LoginPage />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session.tsx';
import { errorMessage } from '../components/error-message.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';

/** Login form. */
export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <main className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <form
        className="login-card"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          login(username, password)
            .catch((err: unknown) => setError(errorMessage(t, err)))
            .finally(() => setBusy(false));
        }}
      >
        <div className="login-brand">
          <span className="brand-mark brand-mark-large" aria-hidden="true" />
          <h1>Tessera</h1>
        </div>
        <p className="login-tagline">{t('login.tagline')}</p>
        <label className="field">
          <span>{t('login.username')}</span>
          <input
            name="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            autoFocus
            required
          />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            name="password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? t('common.working') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
