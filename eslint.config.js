// Lint, and the layer rules of DESIGN.md section 1, enforced with no-restricted-imports:
// gateway-runtime imports nothing of main, renderer or electron; main may import only
// (Electron itself only in main/index.ts, main/windows/, main/electron/ and main/preload/);
// gateway-runtime's public index; renderer imports no Node and only the IPC contract
// (and gateway-runtime model types, type-only); the preload imports only electron and
// the contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'tls',
  'crypto',
  'stream',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      '.cache/**',
      'dist/**',
      'gateway-runtime/dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      'resources/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['gateway-runtime/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'gateway-runtime is a plain Node library: no Electron.',
            },
            {
              group: ['**/main/**', '**/renderer/**', '../../main/*', '../../renderer/*'],
              message: 'gateway-runtime imports nothing of main or renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/index.ts', 'main/windows/**', 'main/electron/**', 'main/preload/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message:
                'Only main/index.ts, main/windows/, main/electron/ and main/preload/ touch Electron; services take what they need in their constructor.',
            },
            {
              group: ['**/gateway-runtime/src/*/**', '**/gateway-runtime/src/!(index)*'],
              message:
                "main may import only gateway-runtime's public index (gateway-runtime/src/index.js).",
            },
            { group: ['**/renderer/**'], message: 'main never imports renderer code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/index.ts', 'main/windows/**/*.ts', 'main/electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/gateway-runtime/src/*/**', '**/gateway-runtime/src/!(index)*'],
              message: "main may import only gateway-runtime's public index.",
            },
            { group: ['**/renderer/**'], message: 'main never imports renderer code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/preload/**/*.ts'],
    ignores: ['main/preload/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|\\.\\./ipc/contract(\\.js)?$).*',
              message: 'The preload imports only electron and the IPC contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer reaches main only through src/ipc/client.ts.',
            },
          ],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer imports nothing from Node.' },
            {
              regex: '(^|/)main/(?!ipc/contract(\\.js)?$)',
              message: 'The renderer may import only the IPC contract from main.',
            },
            {
              // A regex, as a gitignore-style group cannot re-include a folder under an excluded one.
              regex: '(^|/)gateway-runtime/(?!src/model/)',
              message: "The renderer may import only gateway-runtime's model types.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/src/ipc/client.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'portico', message: 'Only renderer/src/ipc/client.ts touches the bridge.' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'window',
          property: 'portico',
          message: 'Only renderer/src/ipc/client.ts touches the bridge.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/gateway-runtime/src/model/**'],
              allowTypeImports: true,
              message: 'gateway-runtime model imports in the renderer must be type-only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', '*.config.ts', '**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
