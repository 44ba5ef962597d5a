import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.ts';
import { newSecret, sha256 } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { badRequest, conflict, tooManyRequests, unauthorized } from '../errors.ts';
import { isUniqueViolation } from '../store/db.ts';
import { toPublicUser, type PublicUser, type UserRow } from '../store/users.repository.ts';

/** Failed logins per username in THROTTLE_WINDOW_MS before further attempts get 429. */
export const MAX_FAILED_LOGINS = 5;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
const SESSION_MS = 12 * 60 * 60 * 1000;

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | undefined;

/**
 * Checks a password and opens a session. Failed attempts are written to the audit log, and the
 * log is also the throttle's memory, so it holds across restarts and server instances.
 */
export async function login(ctx: AppContext, username: string, password: string, ip: string) {
  const since = new Date(Date.now() - THROTTLE_WINDOW_MS).toISOString();
  const failures = await ctx.audit.failedLogins(username, since);
  if (failures >= MAX_FAILED_LOGINS) {
    await ctx.audit.append({
      action: 'auth.login_throttled',
      target_type: 'user',
      target_id: username,
      result: 'denied',
      ip,
    });
    throw tooManyRequests(
      `Too many failed logins for this account: wait ${THROTTLE_WINDOW_MS / 60000} minutes and try again.`,
      THROTTLE_WINDOW_MS / 1000,
    );
  }
  const user = await ctx.users.byUsername(username);
  dummyHash ??= hashPassword(newSecret());
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
  if (!user || !ok || user.disabled === 1) {
    await ctx.audit.append({
      actor_id: user?.id ?? null,
      actor_name: username,
      action: 'auth.login',
      target_type: 'user',
      target_id: username,
      result: 'failed',
      ip,
    });
    throw unauthorized('Wrong username or password.');
  }
  const cookie = newSecret();
  const csrf = newSecret();
  const expires = new Date(Date.now() + SESSION_MS);
  await ctx.users.createSession({
    id: sha256(cookie),
    user_id: user.id,
    csrf_token: csrf,
    expires_at: expires.toISOString(),
  });
  await ctx.audit.append({
    actor_id: user.id,
    actor_name: user.username,
    action: 'auth.login',
    target_type: 'user',
    target_id: username,
    ip,
  });
  return { user: toPublicUser(user), cookie, csrf_token: csrf, expires };
}

/** Creates a user; used by the admin API, the CLI and the first start. */
export async function createUser(
  ctx: AppContext,
  input: {
    username: string;
    password: string;
    name?: string | undefined;
    is_admin?: boolean | undefined;
  },
  actor: UserRow | null,
): Promise<PublicUser> {
  const problem = passwordProblem(input.password);
  if (problem) throw badRequest(`password ${problem}`, [{ path: 'password', message: problem }]);
  try {
    const row = await ctx.users.create({
      username: input.username,
      name: input.name ?? input.username,
      password_hash: await hashPassword(input.password),
      is_admin: input.is_admin ?? false,
    });
    await ctx.audit.append({
      actor_id: actor?.id ?? null,
      actor_name: actor?.username ?? 'system',
      action: 'user.create',
      target_type: 'user',
      target_id: row.id,
      details: { is_admin: row.is_admin === 1 },
    });
    return toPublicUser(row);
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict('username_taken', `The username "${input.username}" is taken.`);
    throw err;
  }
}

/** Changes a password and ends every session and API token of the user. */
export async function changePassword(
  ctx: AppContext,
  user: UserRow,
  current: string,
  next: string,
  ip: string,
) {
  if (!(await verifyPassword(user.password_hash, current))) {
    await ctx.audit.append({
      actor_id: user.id,
      actor_name: user.username,
      action: 'auth.password_change',
      target_type: 'user',
      target_id: user.id,
      result: 'failed',
      ip,
    });
    throw badRequest('The current password is wrong.', [
      { path: 'current_password', message: 'wrong password' },
    ]);
  }
  const problem = passwordProblem(next);
  if (problem)
    throw badRequest(`new_password ${problem}`, [{ path: 'new_password', message: problem }]);
  await ctx.users.update(user.id, {
    password_hash: await hashPassword(next),
    password_changed_at: new Date().toISOString(),
  });
  await ctx.users.deleteSessionsOf(user.id);
  await ctx.users.deleteTokensOf(user.id);
  await ctx.audit.append({
    actor_id: user.id,
    actor_name: user.username,
    action: 'auth.password_change',
    target_type: 'user',
    target_id: user.id,
    ip,
  });
}

/** Issues an API token; the secret is returned once and stored only as its hash. */
export async function createToken(ctx: AppContext, user: UserRow, name: string) {
  const token = newSecret('tsr_');
  const row = await ctx.users.createToken({
    user_id: user.id,
    name,
    token_hash: sha256(token),
    prefix: token.slice(0, 8),
  });
  await ctx.audit.append({
    actor_id: user.id,
    actor_name: user.username,
    action: 'token.create',
    target_type: 'token',
    target_id: row.id,
  });
  return { ...row, token };
}
