// "Paste your traceback": answers a pasted traceback in the browser, from the run's knowledge
// slice (<script type="application/json" id="tm-knowledge">, written by KnowledgeSlice), the way
// `tracemine match` does (docs/MATCH.md). Parsing: CPython tracebacks as TracebackParser reads
// them; frames normalised as Frames.fileOf; templates as MessageTemplates; ranking as Matcher
// (same formula, same order of visits, same ties). User text is only ever set with textContent.
(function () {
  'use strict';

  // ---- text normalisation (TextNormalizer) ----
  var MAX_ANSI = 24;

  function isDigit(c) {
    return /^\p{Nd}$/u.test(c);
  }
  function isLetter(c) {
    return /^\p{L}$/u.test(c);
  }
  function isLetterOrDigit(c) {
    return /^[\p{L}\p{Nd}]$/u.test(c);
  }
  function isUpperCase(c) {
    return /^\p{Lu}$/u.test(c);
  }
  // Java's Character.isWhitespace: separators but the no-break ones, and the ASCII controls
  function isWhitespace(c) {
    if (c === '\u00a0' || c === '\u2007' || c === '\u202f') {
      return false;
    }
    return /^[\t\n\u000b\f\r\u001c-\u001f\p{Zs}\p{Zl}\p{Zp}]$/u.test(c);
  }
  // Java's String.strip()
  function strip(s) {
    var from = 0;
    var to = s.length;
    while (from < to && isWhitespace(s.charAt(from))) {
      from++;
    }
    while (to > from && isWhitespace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  function ansiEnd(s, from) {
    if (from >= s.length || s.charAt(from) !== '[') {
      return -1;
    }
    var limit = Math.min(s.length, from + MAX_ANSI);
    for (var i = from + 1; i < limit; i++) {
      var c = s.charAt(i);
      if ((c >= '0' && c <= '9') || c === ';') {
        continue;
      }
      return isLetter(c) && (c !== 'm' || i > from + 1) ? i + 1 : -1;
    }
    return -1;
  }

  function normalize(text) {
    var literal = text.indexOf('last):\\n') >= 0 || text.indexOf('\\n  File "') >= 0;
    var out = [];
    var n = text.length;
    for (var i = 0; i < n; i++) {
      var c = text.charAt(i);
      var end;
      if (c === '\r') {
        out.push('\n');
        if (i + 1 < n && text.charAt(i + 1) === '\n') {
          i++;
        }
      } else if (c === '\u001b') {
        end = ansiEnd(text, i + 1);
        if (end > 0) {
          i = end - 1;
        }
      } else if (c === '[') {
        end = ansiEnd(text, i);
        if (end > 0 && text.charAt(end - 1) === 'm') {
          i = end - 1;
        } else {
          out.push(c);
        }
      } else if (c === '\u00a0') {
        out.push(' ');
      } else if (literal && c === '\\' && i + 1 < n) {
        var d = text.charAt(i + 1);
        if (d === 'n') {
          out.push('\n');
        } else if (d === 't') {
          out.push('\t');
        } else if (d === '\'' || d === '"' || d === '\\') {
          out.push(d);
        } else {
          out.push(c);
          continue;
        }
        i++;
      } else {
        out.push(c);
      }
    }
    return out.join('');
  }

  // ---- frames (Frames) ----
  var EXTENSIONS = ['.py', '.pyc', '.pyx', '.pxd', '.pyi', '.so'];

  function isSeparator(c) {
    return c === '/' || c === '\\';
  }

  function fileOf(rawPath) {
    if (rawPath === null || rawPath === undefined) {
      return '';
    }
    var p = strip(rawPath);
    if (p.startsWith('<ipython-input') || p.startsWith('Cell In[') || p.startsWith('Input In [')) {
      return '<ipython-input>';
    }
    if (p.startsWith('<') && p.endsWith('>')) {
      return p;
    }
    var end = p.length;
    while (end > 0 && isSeparator(p.charAt(end - 1))) {
      end--;
    }
    var start = end;
    while (start > 0 && !isSeparator(p.charAt(start - 1))) {
      start--;
    }
    var last = p.substring(start, end);
    var parentEnd = start;
    while (parentEnd > 0 && isSeparator(p.charAt(parentEnd - 1))) {
      parentEnd--;
    }
    var parentStart = parentEnd;
    while (parentStart > 0 && !isSeparator(p.charAt(parentStart - 1))) {
      parentStart--;
    }
    if (parentEnd > parentStart && p.startsWith('ipykernel_', parentStart)) {
      return '<ipykernel>';
    }
    for (var i = 0; i < EXTENSIONS.length; i++) {
      var ext = EXTENSIONS[i];
      if (last.length > ext.length && last.endsWith(ext)) {
        return last.substring(0, last.length - ext.length);
      }
    }
    return last;
  }

  // the paper profile's path style (Frames.studyStyleOf)
  function studyStyleOf(rawPath) {
    if (rawPath.startsWith('<')) {
      return 'NONE';
    }
    if (rawPath.indexOf('\\') >= 0) {
      return 'WINDOWS';
    }
    return rawPath.indexOf('/') >= 0 ? 'UNIX' : 'NONE';
  }

  // ---- exception lines (ExceptionLines) ----
  var MAX_NAME = 300;
  var NOT_NAMES = new Set(['None', 'True', 'False', 'and', 'as', 'assert', 'async', 'await',
    'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for',
    'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass',
    'raise', 'return', 'try', 'while', 'with', 'yield', 'Note', 'Warning', 'Error']);
  var SUFFIXES = ['Error', 'Exception', 'Warning', 'Exit', 'Interrupt', 'Timeout', 'Iteration',
    'Failure', 'error', 'timeout'];

  function isNameStart(c) {
    return c === '_' || isLetter(c);
  }
  function isNamePart(c) {
    return c === '_' || isLetterOrDigit(c);
  }

  function nameEnd(s, from) {
    var i = from;
    var limit = Math.min(s.length, from + MAX_NAME);
    for (;;) {
      if (i >= limit || !isNameStart(s.charAt(i))) {
        return -1;
      }
      i++;
      while (i < limit && isNamePart(s.charAt(i))) {
        i++;
      }
      if (i < limit - 1 && s.charAt(i) === '.' && isNameStart(s.charAt(i + 1))) {
        i++;
        continue;
      }
      return i >= limit && limit < s.length ? -1 : i;
    }
  }

  function parseException(line) {
    var end = nameEnd(line, 0);
    if (end <= 0) {
      return null;
    }
    var name = line.substring(0, end);
    var message;
    var colon;
    if (end === line.length) {
      message = null;
      colon = false;
    } else if (line.charAt(end) === ':'
        && (end + 1 === line.length || isWhitespace(line.charAt(end + 1)))) {
      var rest = strip(line.substring(end + 1));
      message = rest === '' ? null : rest;
      colon = true;
    } else {
      return null;
    }
    if (NOT_NAMES.has(name)) {
      return null;
    }
    var last = name.substring(name.lastIndexOf('.') + 1);
    var upper = isUpperCase(last.charAt(0));
    var typed = SUFFIXES.some(function (s) { return last.endsWith(s); });
    var strong = typed || (colon && upper);
    var weak = strong || upper || name.indexOf('.') >= 0;
    return weak ? {type: name, message: message, strong: strong} : null;
  }

  // ---- tracebacks (the CPython path of TracebackParser) ----
  var HEADER = 'Traceback (most recent call last)';
  var DURING = 'During handling of the above exception, another exception occurred';
  var CAUSE = 'The above exception was the direct cause of the following exception';
  var FRAME = /^File "([^"]*)", line (\d+)(?:, in (.*))?$/;
  var MAX_FUNCTION = 500;

  // TraceLexer.functionEnd: name characters and dots, <…> groups kept whole
  function functionOf(s) {
    var i = 0;
    var limit = Math.min(s.length, MAX_FUNCTION);
    while (i < limit) {
      var c = s.charAt(i);
      if (c === '<') {
        var depth = 0;
        var j = i;
        for (; j < limit; j++) {
          var d = s.charAt(j);
          if (d === '<') {
            depth++;
          } else if (d === '>' && --depth === 0) {
            break;
          }
        }
        if (j >= limit) {
          return s.substring(0, i);
        }
        i = j + 1;
      } else if (isWhitespace(c) || c === '(' || c === ',' || c === '"' || c === ')') {
        return s.substring(0, i);
      } else {
        i++;
      }
    }
    return s.substring(0, i);
  }
  var REPEAT_NOTE = '[Previous line repeated';
  var MESSAGE_MAX = 10000;

  function isEllipsis(t) {
    return /^(\.{3,}|\u2026+)$/.test(t);
  }

  function indentOf(line) {
    var i = 0;
    while (i < line.length && isWhitespace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  // the tracebacks of a code block: [{frames: [{rawPath, file, line, function}], type, message}]
  function parseTracebacks(text) {
    var out = [];
    var cur = null;

    function finish() {
      if (cur !== null) {
        var message = cur.message === null || cur.message === '' ? null : cur.message;
        if (cur.frames.length > 0 || (cur.header && cur.type !== null)) {
          out.push({frames: cur.frames, type: cur.type, message: message});
        }
      }
      cur = null;
    }
    function open(header) {
      cur = {header: header, frames: [], type: null, message: null, sourceSeen: false,
        frameIndent: -1, pendingEnd: false};
    }
    function textLine(t, indent) {
      if (cur === null) {
        return;
      }
      if (cur.message !== null) {
        if (t.startsWith('>>>') || t.startsWith('In [') || cur.message.length > MESSAGE_MAX) {
          finish();
        } else {
          cur.message += '\n' + t;
        }
        return;
      }
      var framed = cur.frames.length > 0;
      if (framed && t.startsWith(REPEAT_NOTE)) {
        return;
      }
      if (framed && cur.frameIndent >= 0 && indent > cur.frameIndent) {
        return;
      }
      if (framed && isEllipsis(t)) {
        cur.sourceSeen = true;
        return;
      }
      var e = parseException(t);
      if (e !== null && e.strong) {
        cur.type = e.type;
        cur.message = e.message === null ? '' : e.message;
      } else if (!cur.sourceSeen && framed) {
        cur.sourceSeen = true;
      } else if (e !== null && framed) {
        cur.type = e.type;
        cur.message = e.message === null ? '' : e.message;
      } else {
        finish();
      }
    }

    var lines = normalize(text).split('\n');
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      var t = strip(line);
      if (cur !== null && cur.pendingEnd && t !== '') {
        finish();
      }
      var frame;
      if (t.startsWith(HEADER)) {
        finish();
        open(true);
      } else if (t.startsWith(DURING) || t.startsWith(CAUSE)) {
        finish();
      } else if ((frame = FRAME.exec(t)) !== null) {
        if (cur === null || cur.message !== null) {
          finish();
          open(false);
        }
        var fn = frame[3] === undefined ? '' : functionOf(frame[3]);
        cur.frames.push({rawPath: frame[1], file: fileOf(frame[1]), line: Number(frame[2]),
          function: fn});
        cur.sourceSeen = false;
        cur.frameIndent = indentOf(line);
      } else if (t === '') {
        if (cur !== null && cur.message !== null) {
          cur.pendingEnd = true;
        }
      } else {
        textLine(t, indentOf(line));
      }
    }
    finish();
    return out;
  }

  // the paper profile: one instance of all the block's path frames of the first path style
  function paperTracebacks(tracebacks) {
    var frames = [];
    var os = null;
    var type = null;
    var message = null;
    tracebacks.forEach(function (t) {
      t.frames.forEach(function (f) {
        var style = studyStyleOf(f.rawPath);
        if (style === 'NONE') {
          return;
        }
        os = os === null ? style : os;
        if (style === os) {
          var fn = f.function;
          if (fn.length > 2 && fn.startsWith('<') && fn.endsWith('>')) {
            fn = fn.substring(1, fn.length - 1);
          }
          frames.push({rawPath: f.rawPath, file: f.file, line: f.line, function: fn});
        }
      });
      if (type === null && t.type !== null) {
        var last = t.type.substring(t.type.lastIndexOf('.') + 1);
        if (/^[A-Z]\w+Error$/.test(last)) {
          type = last;
          message = t.message;
        }
      }
    });
    return frames.length === 0 ? [] : [{frames: frames, type: type, message: message}];
  }

  // ---- message templates (MessageTemplates) ----
  var MAX_QUOTED = 300;
  var MAX_TOKEN = 1000;
  var MAX_SHAPE = 400;
  var WHOLE = new Set(['<PATH>', '<URL>', '<HEX>', '<NUM>', '<SHAPE>']);
  var SCHEMES = ['http://', 'https://', 'ftp://', 'file://'];

  function isQuote(c) {
    return c === '\'' || c === '"' || c === '`';
  }
  function isWordChar(c) {
    return c === '_' || isLetterOrDigit(c);
  }
  function isAsciiLetter(c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  function isHex(c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
  function isPathStop(c) {
    return isWhitespace(c) || isQuote(c) || ',;)]([><}{'.indexOf(c) >= 0;
  }

  function templatePass(m, quotes) {
    var out = '';
    var opens = [];
    var n = m.length;

    function trimPunctuation(i, j) {
      while (j > i && '.,:;!?'.indexOf(m.charAt(j - 1)) >= 0) {
        j--;
      }
      return j;
    }
    function urlEnd(i) {
      for (var s = 0; s < SCHEMES.length; s++) {
        var scheme = SCHEMES[s];
        if (m.substring(i, i + scheme.length).toLowerCase() === scheme) {
          var j = i + scheme.length;
          while (j < n && !isWhitespace(m.charAt(j)) && !isQuote(m.charAt(j))) {
            j++;
          }
          return trimPunctuation(i, j);
        }
      }
      return -1;
    }
    function quotedEnd(i) {
      var q = m.charAt(i);
      if (!isQuote(q)) {
        return -1;
      }
      var limit = Math.min(n, i + 2 + MAX_QUOTED);
      for (var j = i + 1; j < limit; j++) {
        var d = m.charAt(j);
        if (d === '\n') {
          return -1;
        }
        if (d === q) {
          var closes = j + 1 === n || !isWordChar(m.charAt(j + 1));
          return closes && j > i + 1 ? j + 1 : -1;
        }
      }
      return -1;
    }
    function pathEnd(i) {
      var c = m.charAt(i);
      var start = (c === '/' && i + 1 < n && isWordChar(m.charAt(i + 1)))
          || m.startsWith('~/', i) || m.startsWith('./', i) || m.startsWith('../', i)
          || m.startsWith('\\\\', i)
          || (i + 2 < n && isAsciiLetter(c) && m.charAt(i + 1) === ':'
              && (m.charAt(i + 2) === '\\' || m.charAt(i + 2) === '/')
              && (i + 3 === n || !isWhitespace(m.charAt(i + 3))));
      var prev = i === 0 ? '' : m.charAt(i - 1);
      var tokenStart = i === 0 || isWhitespace(prev) || isQuote(prev) || prev === '('
          || prev === '[';
      if (!start && !(tokenStart && isWordChar(c))) {
        return -1;
      }
      var j = i;
      var slashes = 0;
      var limit = Math.min(n, i + MAX_TOKEN);
      while (j < limit && !isPathStop(m.charAt(j))) {
        slashes += m.charAt(j) === '/' ? 1 : 0;
        j++;
      }
      if (!start && slashes < 2) {
        return -1;
      }
      return trimPunctuation(i, j);
    }
    function hexEnd(i) {
      var j;
      if (m.startsWith('0x', i) || m.startsWith('0X', i)) {
        j = i + 2;
        while (j < n && j < i + MAX_TOKEN && isHex(m.charAt(j))) {
          j++;
        }
        return j > i + 2 && (j === n || !isWordChar(m.charAt(j))) ? j : -1;
      }
      j = i;
      var digit = false;
      var letter = false;
      while (j < n && j < i + MAX_TOKEN && isHex(m.charAt(j))) {
        digit = digit || isDigit(m.charAt(j));
        letter = letter || !isDigit(m.charAt(j));
        j++;
      }
      return j - i >= 8 && digit && letter && (j === n || !isWordChar(m.charAt(j))) ? j : -1;
    }
    function skipDigits(j) {
      var limit = Math.min(n, j + MAX_TOKEN);
      while (j < limit && isDigit(m.charAt(j))) {
        j++;
      }
      return j;
    }
    function numberEnd(i) {
      var j = i;
      if (m.charAt(j) === '-' || m.charAt(j) === '+') {
        var signable = i === 0 || ' \t([,=:<>'.indexOf(m.charAt(i - 1)) >= 0;
        if (!signable) {
          return -1;
        }
        j++;
      }
      var digits = j;
      j = skipDigits(j);
      if (j < n - 1 && m.charAt(j) === '.' && isDigit(m.charAt(j + 1))) {
        j = skipDigits(j + 1);
      }
      if (j === digits) {
        return -1;
      }
      if (j < n - 1 && (m.charAt(j) === 'e' || m.charAt(j) === 'E')) {
        var k = j + 1;
        if (k < n && (m.charAt(k) === '-' || m.charAt(k) === '+')) {
          k++;
        }
        var e = skipDigits(k);
        if (e > k) {
          j = e;
        }
      }
      if (j < n && m.charAt(j) === 'L' && (j + 1 === n || !isWordChar(m.charAt(j + 1)))) {
        j++;
      }
      return j === n || !isWordChar(m.charAt(j)) ? j : -1;
    }
    function isShape(inner, round, afterBlank) {
      var elements = 0;
      var comma = false;
      var i = 0;
      while (i < inner.length) {
        var c = inner.charAt(i);
        if (c === ' ') {
          i++;
        } else if (c === ',') {
          comma = true;
          i++;
        } else if (c === '?') {
          elements++;
          i++;
        } else if (inner.startsWith('<NUM>', i) || inner.startsWith('None', i)) {
          elements++;
          i += inner.startsWith('<NUM>', i) ? 5 : 4;
        } else if (inner.startsWith('<SHAPE>', i)) {
          elements++;
          i += 7;
        } else {
          return false;
        }
      }
      if (!round) {
        return elements > 0;
      }
      return elements === 0 ? afterBlank && inner === '' : comma || elements > 1;
    }
    function closeBracket(close) {
      if (opens.length === 0) {
        return;
      }
      var open = opens.pop();
      var o = out.charAt(open);
      if ((o === '(') !== (close === ')') || out.length - open > MAX_SHAPE) {
        return;
      }
      var inner = out.substring(open + 1, out.length - 1);
      if (isShape(inner, o === '(', open === 0 || out.charAt(open - 1) === ' ')) {
        out = out.substring(0, open) + '<SHAPE>';
      }
    }

    var i = 0;
    while (i < n) {
      var c = m.charAt(i);
      var afterWord = i > 0 && isWordChar(m.charAt(i - 1));
      var j;
      if (isWhitespace(c)) {
        j = i;
        while (j < n && isWhitespace(m.charAt(j))) {
          j++;
        }
        if (out.length > 0 && j < n) {
          out += ' ';
        }
        i = j;
      } else if (!afterWord && (j = urlEnd(i)) > i) {
        out += '<URL>';
        i = j;
      } else if (quotes && !afterWord && (j = quotedEnd(i)) > i) {
        var inner = templatePass(m.substring(i + 1, j - 1), false);
        out += WHOLE.has(inner) ? inner : '<STR>';
        i = j;
      } else if (!afterWord && (j = pathEnd(i)) > i) {
        out += '<PATH>';
        i = j;
      } else if (!afterWord && (j = hexEnd(i)) > i) {
        out += '<HEX>';
        i = j;
      } else if (!afterWord && (j = numberEnd(i)) > i) {
        out += '<NUM>';
        i = j;
      } else if (c === '(' || c === '[') {
        opens.push(out.length);
        out += c;
        i++;
      } else if (c === ')' || c === ']') {
        out += c;
        closeBracket(c);
        i++;
      } else {
        out += c;
        i++;
      }
    }
    return strip(out);
  }

  function template(message) {
    return message === null || message === undefined ? null : templatePass(message, true);
  }

  // ---- the knowledge slice ----
  function Knowledge(slice) {
    this.slice = slice;
    this.itemIds = new Map();
    var self = this;
    slice.items.forEach(function (it, i) {
      self.itemIds.set(it[0] + '\u0000' + it[1], i);
    });
    this.idf = slice.idf.map(function (pairs) {
      var m = new Map();
      for (var i = 0; i < pairs.length; i += 2) {
        m.set(pairs[i], pairs[i + 1]);
      }
      return m;
    });
    this.typeIds = new Map();
    slice.types.forEach(function (t, i) {
      self.typeIds.set(t[0], i);
    });
    this.templateIds = new Map();
    slice.templates.forEach(function (t, i) {
      self.templateIds.set(t[0], i);
    });
    this.byItems = new Map();
    this.postings = [];
    slice.patterns.forEach(function (p, i) {
      var key = p[2].join(',');
      var list = self.byItems.get(key);
      if (list === undefined) {
        self.byItems.set(key, [i]);
      } else {
        list.push(i);
      }
      var ordinals = [];
      var previous = -1;
      p[5].forEach(function (gap) {
        previous += gap;
        ordinals.push(previous);
      });
      self.postings.push(ordinals);
    });
  }

  Knowledge.prototype.weight = function (p) {
    var pattern = this.slice.patterns[p];
    var idf = this.idf[pattern[1]];
    var w = 0;
    for (var i = 0; i < pattern[2].length; i++) {
      w += idf.get(pattern[2][i]);
    }
    return w;
  };

  function simpleType(exceptionType) {
    if (exceptionType === null || strip(exceptionType) === '') {
      return null;
    }
    var t = strip(exceptionType);
    return t.substring(t.lastIndexOf('.') + 1);
  }

  function firstFrameWithinBudget(kb, items) {
    var maxLength = kb.slice.max_pattern_length;
    var windows = 0;
    var from = items.length;
    var run = 0;
    while (from > 0) {
      var i = from - 1;
      run = items[i] < 0 ? 0 : run + 1;
      windows += Math.min(run, maxLength);
      if (windows > kb.slice.max_windows) {
        break;
      }
      from = i;
    }
    return from;
  }

  function matchedPatterns(kb, items, from) {
    var maxLength = kb.slice.max_pattern_length;
    var found = new Set();
    for (var i = from; i < items.length; i++) {
      var key = '';
      for (var j = i; j < items.length && items[j] >= 0 && j - i < maxLength; j++) {
        key = j === i ? String(items[j]) : key + ',' + items[j];
        var list = kb.byItems.get(key);
        if (list !== undefined) {
          list.forEach(function (p) { found.add(p); });
        }
      }
    }
    return Array.from(found).sort(function (a, b) { return a - b; });
  }

  function rank(kb, matched, type, tmpl, k) {
    var s = kb.slice;
    var libraries = s.libraries.length;
    var typeKey = type === null || !kb.typeIds.has(type) ? -1 : kb.typeIds.get(type);
    var templateKey = typeKey < 0 || tmpl === null || !kb.templateIds.has(tmpl)
        ? -1 : kb.templateIds.get(tmpl);
    var typeWeight = [];
    var templateWeight = [];
    var maxBonus = 0;
    for (var l = 0; l < libraries; l++) {
      typeWeight.push(typeKey < 0 ? 0 : s.types[typeKey][1][l]);
      templateWeight.push(templateKey < 0 ? 0 : s.templates[templateKey][1][l]);
      maxBonus = Math.max(maxBonus, typeWeight[l] + templateWeight[l]);
    }
    var weights = matched.map(function (p) { return kb.weight(p); });
    var order = matched.map(function (p, i) { return i; });
    order.sort(function (a, b) {
      return weights[a] !== weights[b] ? weights[b] - weights[a] : matched[a] - matched[b];
    });
    function best(a, b) {
      if (a.score !== b.score) {
        return a.score > b.score ? -1 : 1;
      }
      var qa = s.questions[a.question];
      var qb = s.questions[b.question];
      var na = qa[3] === null;
      var nb = qb[3] === null;
      if (na !== nb) {
        return na ? 1 : -1;
      }
      if (qa[2] !== qb[2]) {
        return qb[2] - qa[2];
      }
      return qa[0] - qb[0];
    }
    function worst(top) {
      var w = top[0];
      top.forEach(function (c) {
        if (best(c, w) > 0) {
          w = c;
        }
      });
      return w;
    }
    var byQuestion = new Map();
    var top = [];
    var seen = new Set();
    for (var o = 0; o < order.length; o++) {
      var w = weights[order[o]];
      if (top.length === k && worst(top).score > w + maxBonus) {
        break;
      }
      var p = matched[order[o]];
      var postings = kb.postings[p];
      for (var x = 0; x < postings.length; x++) {
        var t = postings[x];
        if (seen.has(t)) {
          continue;
        }
        seen.add(t);
        var trace = s.traces[t];
        var lib = trace[1];
        var typeAgrees = typeKey >= 0 && trace[2] === typeKey;
        var templateAgrees = typeAgrees && templateKey >= 0 && trace[3] === templateKey;
        var score = w + (typeAgrees ? typeWeight[lib] : 0)
            + (templateAgrees ? templateWeight[lib] : 0);
        var c = byQuestion.get(trace[0]);
        if (c === undefined) {
          c = {question: trace[0], score: -Infinity};
          byQuestion.set(trace[0], c);
        }
        if (score > c.score) {
          c.score = score;
          c.pattern = p;
          c.trace = t;
          c.typeAgrees = typeAgrees;
          c.templateAgrees = templateAgrees;
          if (top.indexOf(c) < 0) {
            if (top.length < k) {
              top.push(c);
            } else {
              var wc = worst(top);
              if (best(c, wc) < 0) {
                top[top.indexOf(wc)] = c;
              }
            }
          }
        }
      }
    }
    top.sort(best);
    return top;
  }

  function hit(kb, rankNo, c) {
    var s = kb.slice;
    var pattern = s.patterns[c.pattern];
    var q = s.questions[c.question];
    return {
      rank: rankNo,
      questionId: q[0],
      title: q[1],
      link: 'https://stackoverflow.com/q/' + q[0],
      library: s.libraries[s.traces[c.trace][1]],
      score: c.score,
      questionScore: q[2],
      acceptedAnswerId: q[3],
      shared: {
        patternId: pattern[0],
        library: s.libraries[pattern[1]],
        frames: pattern[2].map(function (i) { return s.items[i][0] + ':' + s.items[i][1]; }),
        traceSupport: pattern[3],
        questionSupport: pattern[4],
        weight: kb.weight(c.pattern)
      },
      typeAgrees: c.typeAgrees,
      templateAgrees: c.templateAgrees
    };
  }

  function matchOne(kb, number, tb, k) {
    var type = simpleType(tb.type);
    var tmpl = template(tb.message);
    var known = 0;
    var items = tb.frames.map(function (f) {
      var id = kb.itemIds.get(f.file + '\u0000' + f.function);
      id = id === undefined ? -1 : id;
      known += id >= 0 ? 1 : 0;
      return id;
    });
    var from = firstFrameWithinBudget(kb, items);
    var note = from === 0 ? null : 'huge traceback: matched on its innermost '
        + (items.length - from).toLocaleString('en-US') + ' of '
        + items.length.toLocaleString('en-US') + ' frames';
    var matched = matchedPatterns(kb, items, from);
    var answer = {traceback: number, exceptionType: tb.type, message: tb.message,
      template: tmpl, frames: tb.frames.length, knownFrames: known,
      matchedPatterns: matched.length, note: note, hits: []};
    if (matched.length === 0) {
      var why = tb.frames.length === 0
          ? 'no known pattern: the traceback has no frames'
          : 'no known pattern: none of its ' + tb.frames.length + ' frames\' runs is a mined'
              + ' pattern of this knowledge base (' + known + ' of the frames occur in it)';
      answer.note = note === null ? why : note + '; ' + why;
      return answer;
    }
    answer.hits = rank(kb, matched, type, tmpl, k).map(function (c, i) {
      return hit(kb, i + 1, c);
    });
    return answer;
  }

  /** Every traceback of {@code text} answered with the top k questions (TraceQuery.answer). */
  function answer(kb, text, k) {
    var found = parseTracebacks(text);
    if (kb.slice.profile === 'paper') {
      found = paperTracebacks(found);
    }
    return found.map(function (tb, i) { return matchOne(kb, i + 1, tb, k); });
  }

  // ---- rendering (textContent only) ----
  var NO_TRACEBACK = 'No Python traceback found in the input (nothing to match).';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    return e;
  }

  function render(kb, text, k, container) {
    while (container.firstChild) {
      container.removeChild(container.firstChild);
    }
    var answers = answer(kb, text, k);
    if (answers.length === 0) {
      container.appendChild(el('p', 'tm-none', NO_TRACEBACK));
      return answers;
    }
    answers.forEach(function (a) {
      var box = el('div', 'tm-answer');
      var head = 'Traceback ' + a.traceback + ': ' + (a.exceptionType || '(no exception)')
          + (a.message ? ': ' + a.message : '') + ' (' + a.frames + ' frames, '
          + a.knownFrames + ' known, ' + a.matchedPatterns + ' mined patterns contained)';
      box.appendChild(el('p', 'tm-head', head));
      if (a.note !== null) {
        box.appendChild(el('p', 'tm-note', a.note));
      }
      if (a.hits.length > 0) {
        var ol = el('ol', 'tm-hits');
        a.hits.forEach(function (h) {
          var li = el('li', 'tm-hit');
          li.setAttribute('data-question', String(h.questionId));
          var title = el('p', 'tm-title');
          if (kb.links) {
            var link = el('a', null, h.title || ('question ' + h.questionId));
            link.href = h.link;
            link.rel = 'noreferrer';
            title.appendChild(link);
          } else {
            title.appendChild(el('span', null, h.title || ('question ' + h.questionId)));
          }
          title.appendChild(el('span', 'tm-meta', ' #' + h.questionId + ' · ' + h.library
              + ' · score ' + h.score.toFixed(2) + ' · ' + h.questionScore + ' votes · '
              + (h.acceptedAnswerId === null ? 'no accepted answer'
                  : 'accepted answer ' + h.acceptedAnswerId)));
          li.appendChild(title);
          li.appendChild(el('p', 'tm-why', 'Why: shares the mined pattern of '
              + h.shared.frames.length + ' frame(s) (support: ' + h.shared.traceSupport
              + ' traces, ' + h.shared.questionSupport + ' questions; weight '
              + h.shared.weight.toFixed(2) + '); exception type '
              + (h.typeAgrees ? 'agrees' : 'differs') + ', message template '
              + (h.templateAgrees ? 'agrees' : 'differs') + '.'));
          li.appendChild(el('pre', 'tm-frames', h.shared.frames.join('\n')));
          ol.appendChild(li);
        });
        box.appendChild(ol);
      }
      container.appendChild(box);
    });
    return answers;
  }

  var api = {answer: null, render: null, parse: parseTracebacks, fileOf: fileOf,
    template: template};
  window.TraceMineSearch = api;

  function init() {
    var data = document.getElementById('tm-knowledge');
    if (data === null) {
      return;
    }
    var kb = new Knowledge(JSON.parse(data.textContent));
    kb.links = data.getAttribute('data-links') === 'true';
    api.answer = function (text, k) { return answer(kb, text, k || 5); };
    api.render = function (text, k, container) { return render(kb, text, k || 5, container); };
    var button = document.getElementById('tm-search');
    var input = document.getElementById('tm-paste');
    var out = document.getElementById('tm-answers');
    if (button !== null && input !== null && out !== null) {
      button.addEventListener('click', function () {
        render(kb, input.value, 5, out);
      });
    }
  }

  // the box and its data precede this script, so they can be wired at once
  init();
})();
