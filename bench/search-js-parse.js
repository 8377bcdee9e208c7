// The report search box's parser (src/main/resources/report/search.js) on large pastes: CPU
// seconds per input, printed (docs/MATCH.md, "Speed"). Run from the project root:
//   node bench/search-js-parse.js [path/to/search.js]
'use strict';
const fs = require('fs');
const vm = require('vm');

const script = process.argv[2] || 'src/main/resources/report/search.js';
const sandbox = {window: {}, document: {getElementById: function () { return null; }}};
vm.runInNewContext(fs.readFileSync(script, 'utf8'), sandbox, {filename: 'search.js'});
const parse = sandbox.window.TraceMineSearch.parse;

function cpython(frames) {
  let s = 'Traceback (most recent call last):\n';
  for (let i = 0; i < frames; i++) {
    s += '  File "/home/u/p/m' + (i % 7) + '.py", line ' + i + ', in f' + (i % 5) + '\n';
    s += '    x = g(y)\n';
  }
  return s + 'RecursionError: maximum recursion depth exceeded\n';
}

const inputs = {
  'CPython, 5,000 frames': cpython(5000),
  'CPython, 50,000 frames': cpython(50000),
  'the same flattened onto one line': cpython(50000).replace(/\n/g, ' '),
  'prose, 1 MB': 'the model in train.py fails in <module> and File names '.repeat(18000),
  'one line of "File ", 1 MB': 'File '.repeat(200000),
  'one line of "a.py in ", 1 MB': 'a.py in '.repeat(125000),
};
for (const [name, text] of Object.entries(inputs)) {
  const before = process.cpuUsage();
  const found = parse(text, 'default');
  const used = process.cpuUsage(before);
  const frames = found.reduce((n, t) => n + t.frames.length, 0);
  console.log(name + ': ' + (text.length / 1e6).toFixed(2) + ' MB, ' + found.length
      + ' tracebacks, ' + frames + ' frames, CPU ' + ((used.user + used.system) / 1e6).toFixed(2)
      + ' s');
}
