// Prints, for binding.gyp, the C++ sources of the RE2 (and Abseil) that the `re2` package bundles,
// plus its JavaScript-to-RE2 syntax translation (lib/pattern.cc). The addon compiles the very same
// RE2 the `re2` package runs, translated the very same way, so a pattern tested natively and the
// same pattern run through `re2` cannot disagree. The lists are read from the package's own
// binding.gyp, so they follow whatever release the lockfile installs.
//
//   node native/re2-sources.cjs             the .cc files every platform compiles, one a line
//   node native/re2-sources.cjs --os win    the ones the package adds on Windows
//   node native/re2-sources.cjs --dir       the package's directory (for include paths)
// All relative to the project root, as gyp wants them.
'use strict';
const { readFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

const dir = relative(join(__dirname, '..'), dirname(require.resolve('re2'))) || '.';
const gypFile = join(dir, 'binding.gyp');

/** The vendored .cc files listed in the first `"sources": [...]` after `marker`. */
function sourcesAfter(text, marker) {
  const at = text.indexOf(marker);
  const open = at < 0 ? -1 : text.indexOf('"sources"', at);
  if (open < 0) throw new Error(`${gypFile}: no "sources" after ${marker}; has the re2 package changed its build?`);
  const block = text.slice(open, text.indexOf(']', open));
  return [...block.matchAll(/"(vendor\/[^"]+\.cc)"/g)].map((m) => m[1]);
}

if (process.argv.includes('--dir')) {
  process.stdout.write(dir);
} else {
  const gyp = readFileSync(gypFile, 'utf8');
  const files = process.argv.includes('--os')
    ? sourcesAfter(gyp, `OS==\\"${process.argv[process.argv.indexOf('--os') + 1]}\\"`)
    : [...sourcesAfter(gyp, '"target_name"'), 'lib/pattern.cc'];
  if (files.length === 0) throw new Error(`${gypFile}: no vendored sources found`);
  process.stdout.write(files.map((file) => join(dir, file)).join('\n'));
}
