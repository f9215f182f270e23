#!/usr/bin/env node
// Committed entry point, so that installing the workspace can link the command before dist/ is built.
try {
  require.resolve('../dist/cli.js');
} catch {
  process.stderr.write('codearts-pipeline-simulator: not built yet; run `pnpm turbo run build --filter @codearts-pipeline/simulator`\n');
  process.exit(1);
}
require('../dist/cli.js');
