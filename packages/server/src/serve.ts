import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { loadDemo } from './demo.ts';
import { createUser } from './services/auth.service.ts';
import { failInterruptedImports } from './services/import.service.ts';
import { openStore, type Store } from './store/db.ts';

export interface ServeOptions {
  /** Load the demo projects when the store has no project yet. */
  demo?: boolean;
  /** Where to print the start-up lines (default stdout). */
  print?: (line: string) => void;
}

export interface Running {
  app: FastifyInstance;
  ctx: AppContext;
  store: Store;
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the store, bootstraps the first admin, optionally loads the demo, and listens. Prints
 * `Tessera listening on http://HOST:PORT` once ready (tests and scripts wait for that line).
 */
export async function startServer(config: Config, opts: ServeOptions = {}): Promise<Running> {
  const print = opts.print ?? ((l: string) => process.stdout.write(l + '\n'));
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { app, ctx } = await buildApp(config, store);
  const interrupted = await failInterruptedImports(store);
  if (interrupted)
    print(
      `${interrupted} import(s) were interrupted by the last stop; re-run them to resume (stored tasks are skipped).`,
    );

  if ((await ctx.users.count()) === 0) {
    const password = config.adminPassword ?? randomBytes(12).toString('base64url');
    await createUser(
      ctx,
      { username: 'admin', password, name: 'Administrator', is_admin: true },
      null,
    );
    if (config.adminPassword)
      print('Created the admin account "admin" with the password from TESSERA_ADMIN_PASSWORD.');
    else
      print(
        `Created the admin account "admin" with the password: ${password}\n(shown once: keep it, or change it after logging in)`,
      );
  }
  if (opts.demo) {
    const projects = await store.db.selectFrom('projects').select('id').limit(1).execute();
    if (projects.length === 0) {
      const admin =
        (await ctx.users.byUsername('admin')) ??
        (await ctx.users.list()).find((u) => u.is_admin === 1);
      if (admin) {
        await loadDemo(ctx, admin);
        print('Loaded the demo projects (text and images).');
      }
    }
  }

  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  print(
    `Tessera listening on ${url} (store: ${store.dialect === 'sqlite' ? config.dataDir : 'PostgreSQL'})`,
  );
  return {
    app,
    ctx,
    store,
    url,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
