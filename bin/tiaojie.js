#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI lives in TypeScript and is compiled to dist/ by `npm ci` (prepare) or `npm run build`.
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('tiaojie: not built yet; run `npm run build` (npm ci does it) in ' + path.join(__dirname, '..') + '\n');
  process.exit(2);
}
// `tiaojie generate | head`: the reader has gone, which is no error of ours; stop quietly, code 0.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
require(entry)
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write('tiaojie: ' + (err && err.stack ? err.stack : String(err)) + '\n');
      process.exitCode = 1;
    },
  );
