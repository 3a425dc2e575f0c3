// Valid HTML: every page of a built site through the W3C Nu HTML Checker (npm `vnu-jar`, run with
// the installed Java). Zero errors allowed; warnings are not printed.
//
//   node .ci/validate-html.mjs PUBLIC_DIR [PAGE ...]
//
// With PAGE arguments (paths relative to PUBLIC_DIR) only those pages are checked.

import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const VNU = join(require.resolve('vnu-jar/package.json'), '..', 'build', 'dist', 'vnu.jar');

const [root, ...only] = process.argv.slice(2);
if (!root || !existsSync(join(root, 'index.html'))) {
  console.error(`usage: node validate-html.mjs PUBLIC_DIR [PAGE ...] (no index.html in ${root})`);
  process.exit(2);
}

function htmlFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(path));
    else if (entry.name.endsWith('.html')) out.push(path);
  }
  return out.sort();
}

const pages = only.length ? only.map((p) => join(root, p)) : htmlFiles(root);
const started = Date.now();
const result = spawnSync(
  'java',
  ['-Xss8m', '-jar', VNU, '--errors-only', '--format', 'text', '--exit-zero-always', ...pages],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
if (result.error || result.status !== 0) {
  console.error(`vnu did not run: ${result.error ?? result.stderr}`);
  process.exit(2);
}
// vnu writes its messages to stderr, one "Error: ..." block per problem.
const output = `${result.stdout}${result.stderr}`;
const errors = output.split('\n').filter((line) => /^Error: /.test(line)).length;
const fatal = output.split('\n').filter((line) => /^(Fatal|IO) error/i.test(line)).length;
if (errors + fatal > 0) {
  console.error(output.replace(/^Document checking completed\.\s*$/m, '').trim());
  console.error(`\nvalid HTML: ${errors + fatal} error(s) in ${pages.length} pages`);
  process.exit(1);
}
console.log(`valid HTML: ${pages.length} pages, 0 errors (vnu-jar ${require('vnu-jar/package.json').version}) [${Date.now() - started} ms]`);
