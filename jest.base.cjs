// Shared jest settings: TypeScript through ts-jest in CommonJS mode (see shared/notes/toolchain.md),
// node environment, one JSON result file per package so scripts/test.sh can print one total.
const path = require('node:path');

module.exports = function jestConfig(packageDir, overrides = {}) {
  return {
    rootDir: packageDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    transform: {
      '^.+\\.tsx?$': [
        require.resolve('ts-jest', { paths: [packageDir] }),
        { tsconfig: { module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true, isolatedModules: true } },
      ],
    },
    // Sources import siblings as './x.js' (NodeNext style); map them back to the .ts file.
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    testTimeout: 60_000,
    ...overrides,
  };
};
