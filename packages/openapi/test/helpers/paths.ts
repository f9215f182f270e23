// Where things are, resolved from this file so the tests do not depend on the current folder.
import { join, resolve } from 'node:path';

/** packages/openapi */
export const packageDir = resolve(__dirname, '..', '..');
/** The monorepo root (holds spec/ and redocly.yaml). */
export const repoRoot = resolve(packageDir, '..', '..');
export const specDir = join(repoRoot, 'spec');
export const redoclyConfig = join(repoRoot, 'redocly.yaml');
export const distDir = join(packageDir, 'dist');
export const bundleJsonPath = join(distDir, 'openapi.json');
export const bundleYamlPath = join(distDir, 'openapi.yaml');
export const bundleScript = join(packageDir, 'scripts', 'bundle.mjs');
export const redoclyHelperScript = join(repoRoot, 'scripts', 'lib', 'redocly.mjs');
/** Ground-truth pages of the public API reference, shared next to the repository. */
export const seedsDir = resolve(repoRoot, '..', 'shared', 'seeds');
