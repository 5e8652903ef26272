'use strict';
// Lets worker threads started from TypeScript sources (under jest) load .ts files: transpile
// on require with @swc/core, as @swc/jest does for the test files themselves.
const fs = require('node:fs');
const { transformSync } = require('@swc/core');
require.extensions['.ts'] = function compileTs(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
  });
  module._compile(code, filename);
};
