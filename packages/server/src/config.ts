import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Settings read once at start-up from the environment and command-line flags. */
export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Folder for the embedded store, media and exports. */
  dataDir: string;
  /** `postgres://…` to use PostgreSQL; undefined for SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Key for cookie signing, pseudonyms and ledger keys. */
  secret: string;
  adminPassword: string | undefined;
  /** Largest single JSONL line / CSV record / JSON element accepted on import, in bytes. */
  maxRecordBytes: number;
  /** Largest import body, in bytes. */
  maxImportBytes: number;
  logLevel: string;
  /** Where the built web app lives; served at `/` when present. */
  webDir: string | undefined;
  /** Secure cookies (behind HTTPS). */
  secureCookies: boolean;
  /** Hosts and CIDR ranges server-side fetches may reach although they are internal. */
  fetchAllow: string[];
  /** Where media, exports and dataset versions are kept. */
  storage:
    | { kind: 'local' }
    | {
        kind: 's3';
        bucket: string;
        prefix?: string | undefined;
        region?: string | undefined;
        endpoint?: string | undefined;
        accessKeyId?: string | undefined;
        secretAccessKey?: string | undefined;
      };
}

const EnvSchema = z.object({
  TESSERA_ENV: z.enum(['development', 'production', 'test']).optional(),
  NODE_ENV: z.string().optional(),
  TESSERA_HOST: z.string().min(1).optional(),
  TESSERA_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  TESSERA_DATA_DIR: z.string().min(1).optional(),
  TESSERA_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave it unset for SQLite)')
    .optional(),
  TESSERA_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TESSERA_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  TESSERA_MAX_RECORD_BYTES: z.coerce.number().int().positive().optional(),
  TESSERA_MAX_IMPORT_BYTES: z.coerce.number().int().positive().optional(),
  TESSERA_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .optional(),
  TESSERA_SECURE_COOKIES: z.enum(['0', '1', 'true', 'false']).optional(),
  TESSERA_FETCH_ALLOW: z.string().optional(),
  TESSERA_STORAGE: z.enum(['local', 's3']).optional(),
  TESSERA_S3_BUCKET: z.string().min(3).optional(),
  TESSERA_S3_PREFIX: z.string().optional(),
  TESSERA_S3_REGION: z.string().optional(),
  TESSERA_S3_ENDPOINT: z.string().url().optional(),
  TESSERA_S3_ACCESS_KEY_ID: z.string().optional(),
  TESSERA_S3_SECRET_ACCESS_KEY: z.string().optional(),
});

/** Thrown when a setting is missing or wrong; the CLI prints `message` as one line and exits. */
export class ConfigError extends Error {}

export interface ConfigOverrides {
  host?: string;
  port?: number;
  dataDir?: string;
  databaseUrl?: string;
  env?: Config['env'];
  webDir?: string;
  logLevel?: string;
}

/**
 * Reads and validates the configuration. In production a missing `TESSERA_SECRET` stops the
 * process; in development a random secret is kept in `<dataDir>/secret`.
 *
 * @example
 * const config = loadConfig(process.env, { port: 8080 });
 */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: ConfigOverrides = {}): Config {
  // An empty variable (`TESSERA_SECRET=`) counts as unset, as shells and .env files intend.
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')),
  );
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`Bad setting ${String(first?.path[0])}: ${first?.message}`);
  }
  const e = parsed.data;
  const runEnv =
    overrides.env ?? e.TESSERA_ENV ?? (e.NODE_ENV === 'production' ? 'production' : 'development');
  const dataDir = resolve(overrides.dataDir ?? e.TESSERA_DATA_DIR ?? '.tessera');
  let secret = e.TESSERA_SECRET;
  if (!secret) {
    if (runEnv === 'production') {
      throw new ConfigError(
        'TESSERA_SECRET is not set: in production Tessera refuses to start without a secret of at least 32 characters (generate one with `openssl rand -hex 32`).',
      );
    }
    secret = devSecret(dataDir);
  }
  return {
    env: runEnv,
    host: overrides.host ?? e.TESSERA_HOST ?? '127.0.0.1',
    port: overrides.port ?? e.TESSERA_PORT ?? 8080,
    dataDir,
    databaseUrl: overrides.databaseUrl ?? e.TESSERA_DATABASE_URL,
    secret,
    adminPassword: e.TESSERA_ADMIN_PASSWORD,
    maxRecordBytes: e.TESSERA_MAX_RECORD_BYTES ?? 5 * 1024 * 1024,
    maxImportBytes: e.TESSERA_MAX_IMPORT_BYTES ?? 10 * 1024 * 1024 * 1024,
    logLevel: overrides.logLevel ?? e.TESSERA_LOG_LEVEL ?? (runEnv === 'test' ? 'silent' : 'warn'),
    webDir: overrides.webDir,
    fetchAllow: (e.TESSERA_FETCH_ALLOW ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    storage: storageConfig(e),
    secureCookies:
      e.TESSERA_SECURE_COOKIES === '1' || e.TESSERA_SECURE_COOKIES === 'true'
        ? true
        : e.TESSERA_SECURE_COOKIES === undefined && runEnv === 'production',
  };
}

/** A development secret, generated once and kept beside the store so sessions survive restarts. */
function devSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

function storageConfig(e: z.infer<typeof EnvSchema>): Config['storage'] {
  if (e.TESSERA_STORAGE !== 's3') return { kind: 'local' };
  if (!e.TESSERA_S3_BUCKET) throw new ConfigError('TESSERA_STORAGE=s3 needs TESSERA_S3_BUCKET.');
  return {
    kind: 's3',
    bucket: e.TESSERA_S3_BUCKET,
    prefix: e.TESSERA_S3_PREFIX,
    region: e.TESSERA_S3_REGION,
    endpoint: e.TESSERA_S3_ENDPOINT,
    accessKeyId: e.TESSERA_S3_ACCESS_KEY_ID,
    secretAccessKey: e.TESSERA_S3_SECRET_ACCESS_KEY,
  };
}
