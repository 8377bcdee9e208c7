// Test driver (SearchJsRankingParityTest): runs the report's search.js once per case in a fresh
// sandbox whose page holds the case's knowledge slice, and prints one JSON document: for every
// case of the input file ([{"slice": "<slice JSON>", "text": "…", "k": n}, …]) the answers
// TraceMineSearch.answer(text, k) gives, or {"error": "…"}.
'use strict';
const fs = require('fs');
const vm = require('vm');

const script = new vm.Script(fs.readFileSync(process.argv[2], 'utf8'), {filename: 'search.js'});
const cases = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const out = cases.map(function (c) {
  try {
    const data = {textContent: c.slice, getAttribute: function () { return 'true'; }};
    const sandbox = {
      window: {},
      document: {getElementById: function (id) { return id === 'tm-knowledge' ? data : null; }}
    };
    script.runInNewContext(sandbox);
    return {answers: sandbox.window.TraceMineSearch.answer(c.text, c.k)};
  } catch (e) {
    return {error: String(e && e.stack ? e.stack : e)};
  }
});
process.stdout.write(JSON.stringify(out));
