// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Node built-ins that do IO; `core` may import none of them. */
const nodeIo = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'net',
  'http',
  'https',
  'http2',
  'child_process',
  'cluster',
  'dgram',
  'dns',
  'tls',
  'worker_threads',
  'readline',
  'stream',
  'process',
  'crypto',
  'zlib',
  'url',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.tessera/**',
      'bench/out/**',
      'e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // core is pure: no other workspace package, no Node IO, no globals that reach the machine.
    files: ['packages/core/src/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeIo.flatMap((m) => [
            { name: m, message: 'core does no IO: move this to server or cli.' },
            { name: `node:${m}`, message: 'core does no IO: move this to server or cli.' },
          ]),
          patterns: [
            { group: ['@tessera/*'], message: 'core imports no other Tessera package.' },
            { group: ['node:*'], message: 'core does no IO: no Node built-ins.' },
            {
              group: ['../../server/*', '../../cli/*', '../../web/*', '**/packages/*/src/**'],
              message: 'core imports no other package.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'fetch', 'Buffer', '__dirname'],
    },
  },
  {
    // Tests beside core code may read their fixtures and the shared datasets from disk.
    files: ['packages/core/src/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
);
