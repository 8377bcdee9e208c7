// Test driver (SearchJsNode): loads the report's search.js in a sandbox without a page and
// answers one JSON request per line, {"text": …, "profile": …} (the text as one code block: Node
// has no HTML parser, SearchBoxBrowserTest checks HTML input) or a post's blocks {"blocks":
// [{"index", "kind", "text"}], "profile": …}, with one JSON line: {"tracebacks": [...]} as
// TraceMineSearch.parseBlocks returns them, or {"error": "…"}.
'use strict';
const fs = require('fs');
const readline = require('readline');
const vm = require('vm');

const sandbox = {window: {}, document: {getElementById: function () { return null; }}};
vm.runInNewContext(fs.readFileSync(process.argv[2], 'utf8'), sandbox, {filename: 'search.js'});
const search = sandbox.window.TraceMineSearch;

const lines = readline.createInterface({input: process.stdin, terminal: false});
lines.on('line', function (line) {
  let answer;
  try {
    const request = JSON.parse(line);
    answer = {tracebacks: request.blocks
        ? search.parseBlocks(request.blocks, request.profile)
        : search.parseBlocks([{index: 0, kind: 'CODE', text: request.text}], request.profile)};
  } catch (e) {
    answer = {error: String(e && e.stack ? e.stack : e)};
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
});
