export { buildApp, CSP } from './app.ts';
export { loadConfig, ConfigError, type Config } from './config.ts';
export { openStore, migrate, type Store } from './store/db.ts';
export { createContext, type AppContext } from './context.ts';
export { createUser, createToken } from './services/auth.service.ts';
export {
  importTasks,
  failInterruptedImports,
  type ImportReport,
} from './services/import.service.ts';
export { writeExport } from './services/export.service.ts';
export { startServer } from './serve.ts';
export { ROOT, WEB_DIST, DEMO_IMAGES } from './paths.ts';
