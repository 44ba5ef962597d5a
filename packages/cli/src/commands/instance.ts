import type { Command } from 'commander';
import {
  WEB_DIST,
  buildApp,
  createToken,
  createUser,
  loadConfig,
  migrate,
  openStore,
  startServer,
  createContext,
  type Config,
} from '@tessera/server';
import { CliError } from '../errors.ts';

interface StoreFlags {
  data?: string;
  databaseUrl?: string;
}

function config(flags: StoreFlags & { host?: string; port?: string }): Config {
  const port = flags.port === undefined ? undefined : Number(flags.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new CliError(`--port must be a number from 0 to 65535, not "${flags.port}".`);
  return loadConfig(process.env, {
    host: flags.host,
    port,
    dataDir: flags.data,
    databaseUrl: flags.databaseUrl,
    webDir: WEB_DIST,
  });
}

const storeOptions = (c: Command) =>
  c
    .option(
      '--data <dir>',
      'data folder for the embedded SQLite store and media (env TESSERA_DATA_DIR)',
      undefined,
    )
    .option('--database-url <url>', 'postgres://… to use PostgreSQL (env TESSERA_DATABASE_URL)');

/** Commands that run server code on the store directly: serve, worker, migrate, user, token. */
export function registerInstanceCommands(program: Command): void {
  storeOptions(
    program
      .command('serve')
      .description('run the API and web app')
      .option('--host <host>', 'address to listen on (env TESSERA_HOST)', undefined)
      .option(
        '--port <port>',
        'port to listen on, 0 for any free port (env TESSERA_PORT)',
        undefined,
      )
      .option('--demo', 'load the demo projects when the store has none'),
  ).action(async (flags: StoreFlags & { host?: string; port?: string; demo?: boolean }) => {
    const running = await startServer(config(flags), { demo: flags.demo === true });
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.stdout.write('Stopping…\n');
        void running.close().finally(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });

  storeOptions(
    program.command('worker').description('run background jobs (exports, …) without serving HTTP'),
  ).action(async (flags: StoreFlags) => {
    const cfg = config(flags);
    const store = await openStore({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
    const { app } = await buildApp(cfg, store);
    await app.ready();
    process.stdout.write('Tessera worker running; Ctrl-C to stop.\n');
    await new Promise<void>((resolve) => {
      const stop = () =>
        void app
          .close()
          .then(() => store.close())
          .finally(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });

  storeOptions(program.command('migrate').description('bring the store schema up to date')).action(
    async (flags: StoreFlags) => {
      const cfg = config(flags);
      const store = await openStore({
        databaseUrl: cfg.databaseUrl,
        dataDir: cfg.dataDir,
        migrate: false,
      });
      try {
        await migrate(store);
        process.stdout.write('The store is up to date.\n');
      } finally {
        await store.close();
      }
    },
  );

  const user = program.command('user').description('manage accounts on the store directly');
  storeOptions(
    user
      .command('create')
      .description('create a user (reads the password from TESSERA_NEW_PASSWORD or --password)')
      .requiredOption('--username <name>', 'login name')
      .option(
        '--password <password>',
        'password (prefer TESSERA_NEW_PASSWORD: flags show up in `ps`)',
      )
      .option('--name <name>', 'display name')
      .option('--admin', 'make the user an instance admin'),
  ).action(
    async (
      flags: StoreFlags & { username: string; password?: string; name?: string; admin?: boolean },
    ) => {
      const password = flags.password ?? process.env.TESSERA_NEW_PASSWORD;
      if (!password)
        throw new CliError('Give the password with TESSERA_NEW_PASSWORD=… or --password.');
      await withContext(flags, async (ctx) => {
        const u = await createUser(
          ctx,
          { username: flags.username, password, name: flags.name, is_admin: flags.admin === true },
          null,
        );
        process.stdout.write(
          `Created user ${u.username} (id ${u.id}${u.is_admin ? ', admin' : ''}).\n`,
        );
      });
    },
  );

  const token = program.command('token').description('manage API tokens on the store directly');
  storeOptions(
    token
      .command('create')
      .description('create an API token for a user and print it once')
      .requiredOption('--user <name>', 'the user the token acts as')
      .option('--name <name>', 'a label for the token', 'cli'),
  ).action(async (flags: StoreFlags & { user: string; name: string }) => {
    await withContext(flags, async (ctx) => {
      const u = await ctx.users.byUsername(flags.user);
      if (!u)
        throw new CliError(
          `No user "${flags.user}". Create it with \`tessera user create --username ${flags.user}\`.`,
        );
      const t = await createToken(ctx, u, flags.name);
      process.stdout.write(`${t.token}\n`);
      process.stderr.write(
        `Token ${t.id} for ${u.username}: shown once. Use it as TESSERA_TOKEN or --token.\n`,
      );
    });
  });
}

async function withContext(
  flags: StoreFlags,
  fn: (ctx: ReturnType<typeof createContext>) => Promise<void>,
) {
  const cfg = config(flags);
  const store = await openStore({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  try {
    await fn(createContext(cfg, store));
  } finally {
    await store.close();
  }
}
