/**
 * @tessera/core: pure TypeScript shared by the server, the web app and the CLI. No IO.
 * Import a part by its subpath (`@tessera/core/format`, `/quality`, `/compliance`) to keep
 * bundles small; this entry re-exports the interchange format, the part everything uses.
 */
export * from './format/index.ts';
