import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { registerAuth } from './auth/plugin.ts';
import type { Config } from './config.ts';
import { createContext, type AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { depthExceeds, MAX_DEPTH } from './import/records.ts';
import { exportJob } from './jobs/export.job.ts';
import { JobRunner } from './jobs/runner.ts';
import { annotationRoutes } from './routes/annotations.routes.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { exportRoutes } from './routes/exports.routes.ts';
import { healthRoutes, VERSION } from './routes/health.routes.ts';
import { mediaRoutes } from './routes/media.routes.ts';
import { projectRoutes } from './routes/projects.routes.ts';
import { reviewRoutes } from './routes/reviews.routes.ts';
import { archiveImportRoutes } from './routes/archive-import.routes.ts';
import { qcRoutes } from './routes/qc.routes.ts';
import { qcRecomputeJob } from './jobs/qc.job.ts';
import { versionJob } from './jobs/version.job.ts';
import { versionRoutes } from './routes/versions.routes.ts';
import { complianceRoutes } from './routes/compliance.routes.ts';
import { modelRoutes } from './routes/models.routes.ts';
import { safetyRoutes } from './routes/safety.routes.ts';
import { safetyScanJob } from './compliance/safety.service.ts';
import { mlJobs } from './ml/prelabel.job.ts';
import { piiScanJob } from './compliance/pii.service.ts';
import { ledgerImportJob } from './jobs/ledger.job.ts';
import { taskRoutes } from './routes/tasks.routes.ts';
import { userRoutes } from './routes/users.routes.ts';
import type { Store } from './store/db.ts';

/** The strict policy for the app's pages (enforced, not report-only). */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface BuiltApp {
  app: FastifyInstance;
  ctx: AppContext;
}

/**
 * Builds the HTTP app on an open store. Routes are thin (validate → authenticate → authorise →
 * service → present); errors leave as `{error: {code, message, issues?}}`.
 *
 * @example
 * const { app } = await buildApp(loadConfig(process.env), await openStore({ dataDir: '.tessera' }));
 * await app.listen({ port: 8080 });
 */
export async function buildApp(
  config: Config,
  store: Store,
  opts: { runJobs?: boolean } = {},
): Promise<BuiltApp> {
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: [
              'req.headers.authorization',
              'req.headers.cookie',
              'req.headers["x-csrf-token"]',
            ],
          },
    bodyLimit: 10 * 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
  });
  const ctx = createContext(config, store);
  ctx.log = app.log;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // JSON bodies: a nesting limit on top of the parse, so a 10,000-deep document is a 400.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (body === '' || body === undefined) return done(null, undefined);
    let value: unknown;
    try {
      value = JSON.parse(body as string);
    } catch (err) {
      return done(
        new AppError(
          400,
          'invalid_json',
          `The request body is not valid JSON: ${(err as Error).message}`,
        ),
        undefined,
      );
    }
    if (depthExceeds(value))
      return done(
        new AppError(
          400,
          'too_deep',
          `The request body is nested deeper than ${MAX_DEPTH} levels.`,
        ),
        undefined,
      );
    done(null, value);
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      if (err.extra?.retry_after) reply.header('retry-after', String(err.extra.retry_after));
      return reply.code(err.status).send({
        error: {
          code: err.code,
          message: err.message,
          ...(err.issues ? { issues: err.issues } : {}),
          ...(err.extra ?? {}),
        },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: toPath(err.validationContext, v.instancePath, v.params),
        message: v.message ?? 'invalid',
      }));
      return reply.code(400).send({
        error: {
          code: 'validation_failed',
          message: `Invalid request ${err.validationContext ?? ''}: ${issues[0]?.path}: ${issues[0]?.message}`,
          issues,
        },
      });
    }
    if (err.statusCode && err.statusCode < 500) {
      const code =
        err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'payload_too_large'
          : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? 'unsupported_media_type'
            : 'bad_request';
      return reply.code(err.statusCode).send({ error: { code, message: err.message } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({
      error: {
        code: 'internal',
        message: 'Something went wrong on the server; the error was logged.',
      },
    });
  });

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET' || !webDir) {
      return reply.code(404).send({
        error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}.` },
      });
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });

  app.addHook('onSend', async (_req, reply) => {
    // Server time for this request (up to the first byte of the body), for clients and benchmarks.
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
  });

  await app.register(cookie, { secret: config.secret });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tessera API',
        version: VERSION,
        description: 'Labeling, pre-labeling, quality control and compliance. See docs/API.md.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'tessera_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformStaticCSP: (h) => h,
  });

  registerAuth(app, ctx);
  for (const routes of [
    healthRoutes,
    authRoutes,
    userRoutes,
    projectRoutes,
    taskRoutes,
    archiveImportRoutes,
    annotationRoutes,
    reviewRoutes,
    qcRoutes,
    modelRoutes,
    versionRoutes,
    complianceRoutes,
    safetyRoutes,
    exportRoutes,
    mediaRoutes,
    auditRoutes,
  ]) {
    routes(app, ctx);
  }

  const webDir =
    config.webDir && existsSync(join(config.webDir, 'index.html')) ? config.webDir : undefined;
  if (webDir)
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });

  if (opts.runJobs !== false) {
    const runner = new JobRunner(
      store,
      {
        export: exportJob(ctx),
        'qc.recompute': qcRecomputeJob(ctx),
        'version.create': versionJob(ctx),
        'pii.scan': piiScanJob(ctx),
        'safety.scan': safetyScanJob(ctx),
        'ledger.import': ledgerImportJob(ctx),
        ...mlJobs(ctx),
      },
      app.log,
    );
    ctx.pokeJobs = () => runner.poke();
    app.addHook('onReady', async () => runner.start());
    app.addHook('onClose', async () => runner.stop());
  }
  return { app, ctx };
}

/** `/regions/0/value` with context `body` → `regions[0].value`. */
function toPath(context: string | undefined, instancePath: string, params: unknown): string {
  const parts = instancePath.split('/').filter(Boolean);
  const p = params as { issue?: { path?: (string | number)[] } } | undefined;
  const segs = parts.length ? parts : (p?.issue?.path ?? []).map(String);
  const path = segs
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
    .join('')
    .replace(/^\./, '');
  return path || context || '';
}
