// Lint rules, including the import rules of DESIGN.md ("Layout and dependency rules"), so that a
// forbidden import fails `npm run lint` instead of relying on prose. scripts/lint-rules.test.ts
// proves each zone rejects what it should.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const NATIVE_MODULES = ['better-sqlite3', '@napi-rs/keyring', 'net-snmp', 'modbus-serial', '@bacnet-js/client', 'node-opcua', 'electron'];

/** import/no-restricted-paths zones: `target` may not import from `from`. */
const zones = [
  { target: './src-shared', from: ['./src-main', './src-renderer'], message: 'src-shared imports neither side.' },
  { target: './src-renderer', from: ['./src-main'], message: 'The renderer talks to main only through the typed API client.' },
  {
    target: './src-main/engine',
    from: ['./src-main/app', './src-main/api', './src-main/services', './src-main/collectors', './src-main/db', './src-main/sync', './src-main/secrets', './src-main/cli'],
    message: 'engine/ is pure logic: it imports only src-shared.',
  },
  {
    target: ['./src-main/collectors', './src-main/db', './src-main/sync', './src-main/secrets'],
    from: ['./src-main/app', './src-main/api', './src-main/services', './src-main/cli'],
    message: 'Imports point one way: app → api → services → {engine, collectors, db, sync, secrets} → src-shared.',
  },
  { target: './src-main/services', from: ['./src-main/app', './src-main/api', './src-main/cli'], message: 'Services do not know the transports or the shell.' },
  { target: './src-main/api', from: ['./src-main/app', './src-main/cli'], message: 'The API layer does not know the shell.' },
  { target: './src-main/preload', from: ['./src-main/app', './src-main/api', './src-main/services', './src-main/db', './src-main/engine', './src-main/collectors', './src-main/sync', './src-main/secrets', './src-main/cli'], message: 'The preload exposes the contract only.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'bench/results/**', 'src-main/app/ts-worker-boot.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { 'import-x': importX },
    languageOptions: { parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    // The zones compare resolved file paths, so imports must resolve (".js" specifiers to .ts files).
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.main.json', 'tsconfig.renderer.json'], noWarnOnMultipleProjects: true })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.object.name='process'][object.property.name='env'][property.name='NODE_ENV']", message: 'Inject behaviour instead of branching on NODE_ENV.' },
      ],
    },
  },
  {
    // Native modules only in db/, secrets/, collectors/<source>/ (and electron in the shell).
    files: ['src-main/**/*.ts', 'src-shared/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-main/db/**', 'src-main/secrets/**', 'src-main/collectors/*/**', 'src-main/app/electron-*.ts', 'src-main/preload/**', 'src-main/**/*.test.ts', 'e2e/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: NATIVE_MODULES.map((name) => ({ name, message: 'Native modules belong in db/, secrets/ or collectors/<source>/ (electron in app/electron-*.ts and preload/).' })) }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^node:', message: 'The renderer never touches Node.' }], paths: NATIVE_MODULES.map((name) => ({ name, message: 'The renderer never touches native modules.' })) },
      ],
    },
  },
  {
    // Integration tests and benchmarks assemble the whole core (createAppCore) wherever they sit;
    // the layer rules are about what ships.
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'src-main/test-support/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'import-x/no-restricted-paths': 'off', 'no-restricted-imports': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
