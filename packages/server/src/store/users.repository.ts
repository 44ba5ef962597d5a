import type { Kysely, Selectable } from 'kysely';
import { now } from './db.ts';
import type { Database, UsersTable } from './schema.ts';

export type UserRow = Selectable<UsersTable>;

/** What the API shows of a user: never the hash. */
export interface PublicUser {
  id: number;
  username: string;
  name: string;
  is_admin: boolean;
  disabled: boolean;
  created_at: string;
}

export const toPublicUser = (u: UserRow): PublicUser => ({
  id: u.id,
  username: u.username,
  name: u.name,
  is_admin: u.is_admin === 1,
  disabled: u.disabled === 1,
  created_at: u.created_at,
});

/** Users, sessions and API tokens. */
export class UsersRepository {
  constructor(private readonly db: Kysely<Database>) {}

  byId(id: number) {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byUsername(username: string) {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
  }

  list() {
    return this.db.selectFrom('users').selectAll().orderBy('id').execute();
  }

  count() {
    return this.db
      .selectFrom('users')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }

  async create(u: { username: string; name: string; password_hash: string; is_admin: boolean }) {
    const ts = now();
    return this.db
      .insertInto('users')
      .values({
        ...u,
        is_admin: u.is_admin ? 1 : 0,
        disabled: 0,
        created_at: ts,
        password_changed_at: ts,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  update(
    id: number,
    patch: Partial<
      Pick<UserRow, 'name' | 'is_admin' | 'disabled' | 'password_hash' | 'password_changed_at'>
    >,
  ) {
    return this.db
      .updateTable('users')
      .set(patch)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  createSession(s: { id: string; user_id: number; csrf_token: string; expires_at: string }) {
    return this.db
      .insertInto('sessions')
      .values({ ...s, created_at: now() })
      .execute();
  }

  /** The session and its user, if the session exists, has not expired and the user is enabled. */
  sessionUser(sessionHash: string) {
    return this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.id as session_id'])
      .where('sessions.id', '=', sessionHash)
      .where('sessions.expires_at', '>', now())
      .where('users.disabled', '=', 0)
      .executeTakeFirst();
  }

  deleteSession(sessionHash: string) {
    return this.db.deleteFrom('sessions').where('id', '=', sessionHash).execute();
  }

  deleteSessionsOf(userId: number) {
    return this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  createToken(t: { user_id: number; name: string; token_hash: string; prefix: string }) {
    return this.db
      .insertInto('api_tokens')
      .values({ ...t, created_at: now(), last_used_at: null })
      .returning(['id', 'name', 'prefix', 'created_at'])
      .executeTakeFirstOrThrow();
  }

  tokenUser(tokenHash: string) {
    return this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('users')
      .select(['api_tokens.id as token_id'])
      .where('api_tokens.token_hash', '=', tokenHash)
      .where('users.disabled', '=', 0)
      .executeTakeFirst();
  }

  tokensOf(userId: number) {
    return this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'prefix', 'created_at', 'last_used_at'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
  }

  deleteToken(userId: number, tokenId: number) {
    return this.db
      .deleteFrom('api_tokens')
      .where('id', '=', tokenId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  deleteTokensOf(userId: number) {
    return this.db.deleteFrom('api_tokens').where('user_id', '=', userId).execute();
  }

  touchToken(tokenId: number) {
    return this.db
      .updateTable('api_tokens')
      .set({ last_used_at: now() })
      .where('id', '=', tokenId)
      .execute();
  }
}
