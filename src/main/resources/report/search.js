// "Paste your traceback": answers a pasted traceback in the browser, from the run's knowledge
// slice (<script type="application/json" id="tm-knowledge">, written by KnowledgeSlice), the way
// `tracemine match` does (docs/MATCH.md). Parsing: a port of the Java parser of one code block
// (TextNormalizer, PasteRepair, TraceLexer, TracebackParser, ExceptionLines, Frames; the paper
// profile as TraceExtractors), checked against it by SearchJsParityTest; templates as
// MessageTemplates; ranking as Matcher (same formula, order of visits, near-best group, ties).
// User text is only ever set with textContent.
(function () {
  'use strict';

  // ---- characters and strings as Java sees them (java.lang.Character, String) ----
  var MAX_ANSI = 24;

  function isDigit(c) {
    if (c >= '0' && c <= '9') {
      return true;
    }
    return c > '\u007f' && /^\p{Nd}$/u.test(c);
  }
  function isLetter(c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return true;
    }
    return c > '\u007f' && /^\p{L}$/u.test(c);
  }
  function isLetterOrDigit(c) {
    return isLetter(c) || isDigit(c);
  }
  function isUpperCase(c) {
    if (c >= 'A' && c <= 'Z') {
      return true;
    }
    return c > '\u007f' && /^\p{Lu}$/u.test(c);
  }
  // Java's Character.isWhitespace: separators but the no-break ones, and the ASCII controls
  function isWhitespace(c) {
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      return true;
    }
    if (c === '' || c === '\u00a0' || c === '\u2007' || c === '\u202f') {
      return false;
    }
    return /^[\u000b\f\u001c-\u001f\p{Zs}\p{Zl}\p{Zp}]$/u.test(c);
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
  function stripTrailing(s) {
    var to = s.length;
    while (to > 0 && isWhitespace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(0, to);
  }
  function isBlank(s) {
    return strip(s) === '';
  }
  // Java's String.replace(target, replacement): every occurrence, literally
  function replaceAll(s, target, replacement) {
    return s.split(target).join(replacement);
  }
  // one character c is in the set of characters `chars` (never true for '' past a string's end)
  function isOneOf(chars, c) {
    return c.length === 1 && chars.indexOf(c) >= 0;
  }

  // ---- text normalisation (TextNormalizer) ----
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

  // what a console or a dump printed for a colour code's ESC (TextNormalizer.ESC_STAND_INS)
  var ESC_STAND_INS = ['\u2190', '\\u001b', '\\u001B', '\\x1b', '\\x1B', '\\033', '\\e', '^[',
    '#033', '\ufffd'];

  function escStandIn(s, bracket, changed) {
    for (var k = 0; k < ESC_STAND_INS.length; k++) {
      var e = ESC_STAND_INS[k];
      var from = bracket - e.length;
      if (from >= changed && s.startsWith(e, from)) {
        return e.length;
      }
    }
    return 0;
  }

  function normalize(text) {
    var literal = text.indexOf('last):\\n') >= 0 || text.indexOf('\\n  File "') >= 0
        || (text.indexOf('File \\"') >= 0 && text.indexOf('\\", line ') >= 0);
    var out = [];
    var n = text.length;
    var changed = 0; // the text before this index was copied unchanged since the last change
    for (var i = 0; i < n; i++) {
      var c = text.charAt(i);
      var end;
      if (c === '\r') {
        out.push('\n');
        if (i + 1 < n && text.charAt(i + 1) === '\n') {
          i++;
        }
        changed = i + 1;
      } else if (c === '\u001b') {
        end = ansiEnd(text, i + 1);
        if (end > 0) {
          i = end - 1;
        }
        changed = i + 1;
      } else if (c === '[') {
        end = ansiEnd(text, i);
        if (end > 0 && text.charAt(end - 1) === 'm') {
          for (var drop = escStandIn(text, i, changed); drop > 0; drop--) {
            out.pop();
          }
          i = end - 1;
          changed = i + 1;
        } else {
          out.push(c);
        }
      } else if (c === '^' && i + 1 < n && text.charAt(i + 1) === 'C'
          && (i === 0 || text.charAt(i - 1) === '\n' || text.charAt(i - 1) === '\r')) {
        // a terminal's echo of Ctrl-C: "^CKeyboardInterrupt", a "^C^C" line
        i++;
        while (text.startsWith('^C', i + 1)) {
          i += 2;
        }
        changed = i + 1;
      } else if (c === '\u00a0' || c === '\u2007' || c === '\u202f') {
        out.push(' ');
        changed = i + 1;
      } else if (c === '\u200b' || c === '\u2060' || c === '\ufeff') {
        // zero-width space, word joiner, BOM: invisible, never text
        changed = i + 1;
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
        changed = i + 1;
      } else {
        out.push(c);
      }
    }
    return out.join('');
  }

  // ---- frames (Frames, Frame) ----
  var EXTENSIONS = ['.py', '.pyc', '.pyx', '.pxd', '.pyi', '.so'];

  function isSeparator(c) {
    return c === '/' || c === '\\';
  }
  function isAsciiLetter(c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  function hasDrive(p) {
    return p.length >= 3 && isAsciiLetter(p.charAt(0)) && p.charAt(1) === ':'
        && isSeparator(p.charAt(2));
  }

  function fileOf(rawPath) {
    if (rawPath === null || rawPath === undefined) {
      return '';
    }
    var p = strip(rawPath);
    if (p.startsWith('<ipython-input') || p.startsWith('Cell In[') || p.startsWith('Cell In [')
        || p.startsWith('Input In [')) {
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

  // Frames.styleOf
  function styleOf(rawPath) {
    var p = strip(rawPath);
    if (p.startsWith('<')) {
      return 'NONE';
    }
    if (hasDrive(p) || p.startsWith('\\\\')) {
      return 'WINDOWS';
    }
    return p.indexOf('/') >= 0 ? 'UNIX' : 'NONE';
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

  // Frames.of
  function frameOf(rawPath, line, fn) {
    return {rawPath: rawPath, file: fileOf(rawPath), line: line, function: fn,
      pathStyle: styleOf(rawPath), moreRepeats: 0};
  }
  function withLine(f, line) {
    return {rawPath: f.rawPath, file: f.file, line: line, function: f.function,
      pathStyle: f.pathStyle, moreRepeats: 0};
  }

  // RepeatCollapser.noteRepeats: the N of "[Previous line repeated N more times]"
  var REPEAT_NOTE = '[Previous line repeated';

  function noteRepeats(f, line) {
    var i = REPEAT_NOTE.length;
    while (i < line.length && line.charAt(i) === ' ') {
      i++;
    }
    var n = 0;
    var digits = 0;
    while (i < line.length && line.charAt(i) >= '0' && line.charAt(i) <= '9' && digits < 10) {
      n = n * 10 + (line.charCodeAt(i) - 48);
      i++;
      digits++;
    }
    if (digits === 0) {
      return f;
    }
    return {rawPath: f.rawPath, file: f.file, line: f.line, function: f.function,
      pathStyle: f.pathStyle, moreRepeats: Math.min(2147483647, f.moreRepeats + n)};
  }

  // ---- exception lines (ExceptionLines) ----
  var MAX_NAME = 300;
  // Python 3's keywords, except the constants None, True, False (ExceptionLines.KEYWORDS)
  var KEYWORDS = ['and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def',
    'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
    'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield'];
  var PYTHON_KEYWORDS = new Set(KEYWORDS);
  // logging's labels, log levels, doctest's "Expected:" / "Got:", pytest's "E" margin
  var NOT_NAMES = new Set(KEYWORDS.concat(['None', 'True', 'False', 'Note', 'Warning', 'Error',
    'Message', 'Arguments', 'DEBUG', 'INFO', 'WARNING', 'WARN', 'CRITICAL', 'FATAL', 'Expected',
    'Got', 'E']));
  var SUFFIXES = ['Error', 'Exception', 'Warning', 'Exit', 'Interrupt', 'Timeout', 'Iteration',
    'Failure', 'error', 'timeout'];

  function isNameStart(c) {
    return c === '_' || isLetter(c);
  }
  function isNamePart(c) {
    return c === '_' || isLetterOrDigit(c);
  }
  // the cause named by an exception line whose class wraps it, as Ray's
  // "RayTaskError(ValueError): ray::f()" prints (ExceptionLines.wrappedCause), or null
  function wrappedCause(line) {
    var open = nameEnd(line, 0);
    if (open <= 0 || open >= line.length || line.charAt(open) !== '(') {
      return null;
    }
    var close = nameEnd(line, open + 1);
    if (close <= open + 1 || close >= line.length || line.charAt(close) !== ')') {
      return null;
    }
    var outer = line.substring(0, open);
    var cause = line.substring(open + 1, close);
    if (!isTypedName(outer.substring(outer.lastIndexOf('.') + 1))
        || !isTypedName(cause.substring(cause.lastIndexOf('.') + 1))) {
      return null;
    }
    var rest = line.substring(close + 1);
    if (isBlank(rest)) {
      return {type: cause, message: null, strong: true};
    }
    if (rest.charAt(0) !== ':') {
      return null;
    }
    var message = strip(rest.substring(1));
    return {type: cause, message: message === '' ? null : message, strong: true};
  }
  function isTypedName(last) {
    return SUFFIXES.some(function (s) { return last.endsWith(s); });
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

  // {type, message, strong} of a stripped exception line, or null
  var SEE_ABOVE = ' (see above for traceback):';

  function parseException(line) {
    var end = nameEnd(line, 0);
    if (end <= 0) {
      return null;
    }
    var name = line.substring(0, end);
    var message;
    var colon;
    var tight = false;
    if (end === line.length) {
      message = null;
      colon = false;
    } else {
      var after;
      if (line.charAt(end) === ':'
          && (end + 1 === line.length || isWhitespace(line.charAt(end + 1)))) {
        after = end + 1;
      } else if (line.charAt(end) === ':' && ':/=\\'.indexOf(line.charAt(end + 1)) < 0) {
        // retyped without the blank: "TypeError:'int' object" (ExceptionLines.TIGHT_MESSAGE_START)
        after = end + 1;
        tight = true;
      } else if (line.startsWith(SEE_ABOVE, end)) {
        after = end + SEE_ABOVE.length;
      } else {
        return null;
      }
      var rest = strip(line.substring(after));
      message = rest === '' ? null : rest;
      colon = true;
    }
    if (NOT_NAMES.has(name)) {
      return null;
    }
    var last = name.substring(name.lastIndexOf('.') + 1);
    var upper = isUpperCase(last.charAt(0));
    if (tight && !(isTypedName(last) && upper)) {
      return null;
    }
    var strong = isTypedName(last) || (colon && upper);
    var weak = strong || upper || name.indexOf('.') >= 0;
    if (name === 'Failure' && message !== null && !message.startsWith('Failure')) {
      // Twisted's Failure.printTraceback: "Failure: twisted.internet.error.TimeoutError: msg"
      var inner = parseException(message);
      if (inner !== null && inner.strong) {
        return inner;
      }
    }
    return weak ? {type: withoutBuiltinsModule(name), message: message, strong: strong} : null;
  }

  // builtins.TypeError (Wing IDE), exceptions.OSError (Python 2): the built-in exception's own
  // name (ExceptionLines.withoutBuiltinsModule)
  function withoutBuiltinsModule(name) {
    var modules = ['builtins.', 'exceptions.', '__builtin__.'];
    for (var i = 0; i < modules.length; i++) {
      var module = modules[i];
      if (name.startsWith(module) && name.length > module.length
          && name.indexOf('.', module.length) < 0) {
        return name.substring(module.length);
      }
    }
    return name;
  }

  // the exception a reflowed paste glued after a frame's source line (ExceptionLines.glued):
  // the first dotted.Name: message outside strings and comments after a blank or a closing
  // bracket, upper-case and ending like an exception class, not after except; or null
  function gluedException(line) {
    var n = line.length;
    var quote = null;
    var i = 0;
    while (i < n) {
      var c = line.charAt(i);
      if (quote !== null) {
        if (c === '\\') {
          i += 2;
          continue;
        }
        if (c === quote) {
          quote = null;
        }
        i++;
        continue;
      }
      if (c === '\'' || c === '"') {
        quote = c;
        i++;
        continue;
      }
      if (c === '#') {
        return null;
      }
      if (i === 0 || !isNameStart(c) || !isGlueBreak(line.charAt(i - 1))) {
        i++;
        continue;
      }
      var end = nameEnd(line, i);
      if (end < 0) {
        while (i < n && (isNamePart(line.charAt(i)) || line.charAt(i) === '.')) {
          i++;
        }
        continue;
      }
      var name = line.substring(i, end);
      var last = name.substring(name.lastIndexOf('.') + 1);
      if (end < n
          && line.charAt(end) === ':'
          && (end + 1 === n || isWhitespace(line.charAt(end + 1)))
          && isUpperCase(last.charAt(0))
          && isTypedName(last)
          && !NOT_NAMES.has(name)
          && !stripTrailing(line.substring(Math.max(0, i - 7), i)).endsWith('except')) {
        var rest = strip(line.substring(end + 1));
        return {type: name, message: rest === '' ? null : rest, strong: true};
      }
      i = end;
    }
    return null;
  }

  function isGlueBreak(c) {
    return isWhitespace(c) || c === ')' || c === ']' || c === '}';
  }

  // ---- paste repair (PasteRepair): undoes what pasting does, line by line ----
  var MAX_JOINS = 3;
  var MAX_PREFIX = 400;
  var HEADER = 'Traceback (most recent call last)';
  var GROUP_HEADER = 'Exception Group Traceback (most recent call last)';
  var QUOTES = '"\'`\u201c\u201d\u201e\u201f\u2033\uff02\u00ab\u00bb\u2018\u2019'
      + '\u201a\u201b\u2032\u301d\u301e';
  var SINGLE_QUOTES = '\'\u2018\u2019\u201a\u201b\u2032';

  // a double-style quote closes at any double-style quote, a single-style one at a single one
  function closesQuote(opener, c) {
    return isOneOf(QUOTES, c) && isOneOf(SINGLE_QUOTES, c) === isOneOf(SINGLE_QUOTES, opener);
  }

  function repairPaste(text) {
    var t = decodeEntitiesTwice(text);
    var lines = t.split('\n');
    if (t.indexOf('[') >= 0 && t.indexOf('"') >= 0) {
      lines = jsonStringArrays(lines);
    }
    if (t.indexOf(DOCKER_LOG) >= 0) {
      lines = dockerJsonLogs(lines);
    }
    if (t.indexOf('\\n') >= 0) {
      literalLineEnds(lines);
    }
    if (t.indexOf(GROUP_HEADER) >= 0) {
      removeGroupMargins(lines);
    }
    if (t.indexOf(FENCE) >= 0) {
      fences(lines);
    }
    if (t.indexOf('*') >= 0 || t.indexOf('`') >= 0) {
      wrappingMarkers(lines);
    }
    if (t.indexOf(BOLD) >= 0) {
      boldLines(lines);
    }
    if (t.indexOf('`' + HEADER) >= 0) {
      lines = inlineCodeTracebacks(lines);
    }
    if (t.indexOf('`') >= 0) {
      inlineCodeFrames(lines);
    }
    if (t.indexOf('](') >= 0 || t.indexOf('File [') >= 0) {
      linkedPaths(lines);
    }
    if (t.indexOf('Line ') >= 0) {
      xeusCells(lines);
    }
    if (t.indexOf('", line ') >= 0) {
      cutFrameStarts(lines);
    }
    if (t.indexOf(':') >= 0) {
      lines = withoutTimeLines(lines);
    }
    if (t.indexOf(BOX_TOP) >= 0) {
      richBoxes(lines);
    }
    if (t.indexOf('.py:') >= 0) {
      lines = pytestLongFrames(withoutPytestIndent(lines));
    }
    if (t.indexOf(': in ') >= 0) {
      pytestFrames(lines);
    }
    if (t.indexOf('Thread ') >= 0) {
      pySpyDumps(lines);
    }
    if (t.indexOf('___ ') >= 0 || t.indexOf('=== ') >= 0 || t.indexOf('--- ') >= 0) {
      blankBanners(lines);
    }
    quoteMargins(lines);
    stripPrefixes(lines);
    if (t.indexOf(HEADER) >= 0 && t.indexOf('ine ') >= 0) {
      handTypedFrames(lines);
    }
    return unwrapFrames(lines).join('\n');
  }

  // xeus-python's cell frame (In  [101]: over Line 2: source, a blank line between allowed) as
  // IPython 8 writes it: Cell In[101], line 2 and ----> 2 source (PasteRepair.xeusCells)
  var XEUS_CELL = /^[ \t]*In {1,2}\[(\d{1,9})\]:[ \t]*$/;
  var XEUS_LINE = /^[ \t]*Line (\d{1,9}):(.*)$/;
  function xeusCells(lines) {
    for (var i = 0; i + 1 < lines.length; i++) {
      var cell = XEUS_CELL.exec(lines[i]);
      if (cell === null) {
        continue;
      }
      var next = isBlank(lines[i + 1]) && i + 2 < lines.length ? i + 2 : i + 1;
      var line = XEUS_LINE.exec(lines[next]);
      if (line !== null) {
        lines[i] = 'Cell In[' + cell[1] + '], line ' + line[1];
        var source = strip(line[2]);
        lines[next] = source === '' ? '' : '----> ' + line[1] + ' ' + source;
        i = next;
      }
    }
  }

  // a JSON array of strings holding a traceback (a notebook's "traceback": [...]) replaced by the
  // strings' text, unescaped when still escaped (PasteRepair.jsonStringArrays)
  function jsonStringArrays(lines) {
    var out = null;
    var copied = 0;
    for (var i = 0; i < lines.length; i++) {
      if (!stripTrailing(lines[i]).endsWith('[')) {
        continue;
      }
      var end = arrayEnd(lines, i + 1);
      if (end < 0) {
        continue;
      }
      var text = stringArrayText(lines.slice(i + 1, end));
      if (text === null) {
        continue;
      }
      if (out === null) {
        out = [];
      }
      out.push.apply(out, lines.slice(copied, i + 1));
      out.push.apply(out, text);
      out.push('');
      copied = end;
      i = end - 1;
    }
    if (out === null) {
      return lines;
    }
    out.push.apply(out, lines.slice(copied));
    return out;
  }

  function arrayEnd(lines, from) {
    for (var j = from; j < lines.length; j++) {
      var s = strip(lines[j]);
      if (s.charAt(0) === ']') {
        return j;
      }
      if (s.endsWith('[')) {
        return -1;
      }
    }
    return -1;
  }

  function stringArrayText(items) {
    var strings = [];
    var current = null;
    for (var k = 0; k < items.length; k++) {
      var s = items[k];
      if (current === null) {
        var t = strip(s);
        if (t.length === 0) {
          continue;
        }
        if (t.charAt(0) !== '"') {
          return null;
        }
        s = t.substring(1);
        current = '';
      } else {
        current += '\n';
      }
      var closed = withoutClosingQuote(s);
      current += closed === null ? s : closed;
      if (closed !== null) {
        strings.push(current);
        current = null;
      }
    }
    if (current !== null) {
      return null;
    }
    var escaped = strings.some(function (x) {
      return x.indexOf('\\n') >= 0 || x.indexOf('\\"') >= 0;
    });
    var text = [];
    var holdsTrace = false;
    for (var m = 0; m < strings.length; m++) {
      var u = escaped ? unescapeJson(strings[m]) : strings[m];
      if (u.endsWith('\n')) {
        u = u.substring(0, u.length - 1);
      }
      holdsTrace = holdsTrace || u.indexOf(HEADER) >= 0 || u.indexOf('File "') >= 0;
      text.push.apply(text, u.split('\n'));
    }
    return holdsTrace ? text : null;
  }

  function withoutClosingQuote(s) {
    var t = stripTrailing(s);
    if (t.endsWith(',')) {
      t = stripTrailing(t.substring(0, t.length - 1));
    }
    if (!t.endsWith('"')) {
      return null;
    }
    var backslashes = 0;
    for (var k = t.length - 2; k >= 0 && t.charAt(k) === '\\'; k--) {
      backslashes++;
    }
    return backslashes % 2 === 0 ? t.substring(0, t.length - 1) : null;
  }

  // Docker's json-file log, one JSON object a line: when at least two lines open so, each becomes
  // its log string, unescaped, without its line end; the object's tail left on a line of its own
  // by an unescaping normalize() is dropped (PasteRepair.dockerJsonLogs)
  var DOCKER_LOG = '{"log":"';
  function dockerJsonLogs(lines) {
    var opening = 0;
    lines.forEach(function (line) {
      opening += strip(line).startsWith(DOCKER_LOG) ? 1 : 0;
    });
    if (opening < 2) {
      return lines;
    }
    var out = [];
    for (var i = 0; i < lines.length; i++) {
      var t = strip(lines[i]);
      if (!t.startsWith(DOCKER_LOG)) {
        out.push(lines[i]);
        continue;
      }
      var escaped = dockerLogValue(t);
      if (escaped !== null) {
        var value = unescapeJson(escaped);
        out.push(value.endsWith('\n') ? value.substring(0, value.length - 1) : value);
      } else if (i + 1 < lines.length && isDockerLogTail(lines[i + 1])) {
        out.push(t.substring(DOCKER_LOG.length));
        i++;
      } else {
        out.push(lines[i]);
      }
    }
    return out;
  }

  function isDockerLogTail(line) {
    var t = strip(line);
    return t.startsWith('","') && t.endsWith('}');
  }

  function dockerLogValue(t) {
    if (!t.endsWith('}')) {
      return null;
    }
    var from = DOCKER_LOG.length;
    for (var k = from; k < t.length; k++) {
      var c = t.charAt(k);
      if (c === '\\') {
        k++;
      } else if (c === '"') {
        return t.substring(from, k);
      }
    }
    return null;
  }

  function unescapeJson(s) {
    var out = '';
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i);
      if (c !== '\\' || i + 1 === s.length) {
        out += c;
        continue;
      }
      var d = s.charAt(++i);
      if (d === 'n') {
        out += '\n';
      } else if (d === 't') {
        out += '\t';
      } else if (d === 'r') {
        // dropped
      } else if (d === '"' || d === '\\' || d === '/') {
        out += d;
      } else {
        out += c + d;
      }
    }
    return out;
  }

  // markdown bold around a whole line removed (PasteRepair.boldLines)
  var BOLD = '**';

  // a markdown marker (` or one to four *) around a whole pasted block, else around a paragraph
  // of it, removed (PasteRepair.wrappingMarkers)
  function wrappingMarkers(lines) {
    var first = 0;
    while (first < lines.length && isBlank(lines[first])) {
      first++;
    }
    var last = lines.length - 1;
    while (last > first && isBlank(lines[last])) {
      last--;
    }
    if (first > last || unwrapped(lines, first, last)) {
      return;
    }
    // else each paragraph of the block on its own
    for (var from = first; from <= last; ) {
      var to = from;
      while (to + 1 <= last && !isBlank(lines[to + 1])) {
        to++;
      }
      unwrapped(lines, from, to);
      from = to + 1;
      while (from <= last && isBlank(lines[from])) {
        from++;
      }
    }
  }

  function unwrapped(lines, first, last) {
    var opening = lines[first];
    var at = 0;
    while (isWhitespace(opening.charAt(at))) {
      at++;
    }
    var c = opening.charAt(at);
    var after = at;
    while (after < opening.length && opening.charAt(after) === c) {
      after++;
    }
    var length = after - at;
    if (!((c === '`' && length === 1) || (c === '*' && length <= 4))
        || after === opening.length || isWhitespace(opening.charAt(after))) {
      return false;
    }
    var closing = stripTrailing(lines[last]);
    var end = closing.length - length;
    if (end <= (first === last ? after : 0)
        || !closing.startsWith(opening.substring(at, after), end)
        || closing.charAt(end - 1) === c || isWhitespace(closing.charAt(end - 1))) {
      return false;
    }
    for (var i = first + 1; i <= last; i++) {
      if (strip(lines[i]).charAt(0) === c) {
        return false; // markers around lines (boldLines), not around the block
      }
    }
    lines[last] = closing.substring(0, end);
    var opened = lines[first];
    lines[first] = opened.substring(0, at) + opened.substring(after);
    return true;
  }

  function boldLines(lines) {
    for (var i = 0; i < lines.length; i++) {
      var s = lines[i];
      var t = strip(s);
      if (t.length > 2 * BOLD.length && t.startsWith(BOLD) && t.endsWith(BOLD)
          && t.indexOf(BOLD, BOLD.length) === t.length - BOLD.length
          && !isWhitespace(t.charAt(BOLD.length)) && t.charAt(BOLD.length) !== '*') {
        var indent = s.indexOf(t);
        lines[i] = s.substring(0, indent) + t.substring(BOLD.length, t.length - BOLD.length);
      }
    }
  }

  // markdown inline-code backticks around each frame removed when two or more lines open with a
  // lone backtick before a File frame (PasteRepair.inlineCodeFrames)
  // a frame line the poster's selection began inside the path of, at the start of the text or after
  // a header or a cut, gets its "File \"" back (PasteRepair.cutFrameStarts)
  var CUT_FRAME_START =
      /^[ \t]*[^" \t\n\v\f\r][^"\n]{0,2047}\.py[cdiowx]?", line \d{1,9}, in [^\n]*$/;

  function cutFrameStarts(lines) {
    var previous = null;
    for (var i = 0; i < lines.length; i++) {
      var s = lines[i];
      if (isBlank(s)) {
        continue;
      }
      if (s.indexOf('", line ') >= 0
          && (previous === null
              || previous.indexOf(HEADER) >= 0 && previous.indexOf('File') < 0
              || previous === '...' || previous === '\u2026' || previous === '[...]')
          && CUT_FRAME_START.test(s)
          && /[\/\\]/.test(s.substring(0, s.indexOf('", line ')))) {
        var indent = 0;
        while (s.charAt(indent) === ' ' || s.charAt(indent) === '\t') {
          indent++;
        }
        var path = s.startsWith('File ', indent) ? indent + 'File '.length : indent;
        lines[i] = s.substring(0, indent) + 'File "' + s.substring(path);
      }
      previous = strip(s);
    }
  }

  // a frame's file written as a Markdown link by a notebook's "copy output" (Colab, VS Code,
  // JupyterLab) becomes the link's text (PasteRepair.linkedPaths)
  var LINKED_PATH =
      /^([ \t]*(?:File )?)\[([^\[\]\n]+)\](\([a-zA-Z][a-zA-Z0-9+.-]*:[^()\t\n\r ]*\))?([^\n]*)$/;

  function linkedPaths(lines) {
    for (var i = 0; i < lines.length; i++) {
      var s = lines[i];
      if (s.indexOf('[') < 0) {
        continue;
      }
      var m = LINKED_PATH.exec(s);
      if (!m) {
        continue;
      }
      var rest = m[4];
      var frame = m[3] !== undefined
          ? rest.indexOf(' in ') >= 0
          : m[1].endsWith('File ') && rest.startsWith(', in ');
      if (frame) {
        lines[i] = m[1] + m[2] + rest;
      }
    }
  }

  // a traceback pasted as Markdown inline code inside a paragraph: the backtick glued before the
  // header and the next one, ending a later line of the paragraph, go, and a blank line follows
  // the closing one (PasteRepair.inlineCodeTracebacks)
  function inlineCodeTracebacks(lines) {
    var out = [];
    for (var i = 0; i < lines.length; i++) {
      var opening = lines[i];
      var tick = opening.indexOf('`' + HEADER);
      var close = tick < 0 || opening.indexOf('`', tick + 1) >= 0 ? -1 : closingLine(lines, i);
      if (close < 0 || (tick > 0 && !isWhitespace(opening.charAt(tick - 1)))) {
        out.push(opening);
        continue;
      }
      out.push(opening.substring(0, tick) + opening.substring(tick + 1));
      for (var k = i + 1; k < close; k++) {
        out.push(lines[k]);
      }
      var closing = stripTrailing(lines[close]);
      out.push(stripTrailing(closing.substring(0, closing.length - 1)));
      var alone = strip(closing).length === 1;
      if (!alone && close + 1 < lines.length && !isBlank(lines[close + 1])) {
        out.push('');
      }
      i = close;
    }
    return out;
  }

  // the line whose backtick closes the inline code opened on line "opening", or -1
  function closingLine(lines, opening) {
    for (var j = opening + 1; j < lines.length; j++) {
      var s = stripTrailing(lines[j]);
      if (s.length === 0) {
        return -1;
      }
      var b = s.indexOf('`');
      if (b < 0) {
        continue;
      }
      var last = b === s.length - 1;
      var alone = strip(s).length === 1;
      return last && (alone || !isWhitespace(s.charAt(b - 1))) ? j : -1;
    }
    return -1;
  }

  function inlineCodeFrames(lines) {
    var opened = 0;
    for (var i = 0; i < lines.length && opened < 2; i++) {
      if (inlineCodeFrameStart(lines[i]) >= 0) {
        opened++;
      }
    }
    if (opened < 2) {
      return;
    }
    for (var j = 0; j < lines.length; j++) {
      var s = lines[j];
      var tick = inlineCodeFrameStart(s);
      if (tick >= 0) {
        s = s.substring(0, tick) + s.substring(tick + 1);
      }
      var t = stripTrailing(s);
      if (t.endsWith('`') && !t.endsWith('``') && strip(t) !== ''
          && t.split('`').length % 2 === 0) {
        s = stripTrailing(t.substring(0, t.length - 1));
      }
      lines[j] = s;
    }
  }

  // index of a lone backtick opening s before blanks and a File frame, or -1
  function inlineCodeFrameStart(s) {
    var b = 0;
    while (b < s.length && s.charAt(b) === ' ') {
      b++;
    }
    if (!s.startsWith('`', b) || s.startsWith('``', b)) {
      return -1;
    }
    var f = b + 1;
    while (f < s.length && (s.charAt(f) === ' ' || s.charAt(f) === '\t')) {
      f++;
    }
    return s.startsWith('File "', f) || s.startsWith("File '", f) ? b : -1;
  }

  // lines holding only a time, as a log console's copy puts before every record, removed when
  // there are two or more (PasteRepair.withoutTimeLines)
  var TIME_LINE = new RegExp('^(?:\\d{4}-\\d\\d-\\d\\d[ T])?\\d{1,2}:\\d\\d:\\d\\d(?:[.,]\\d{1,9})?'
      + '(?: ?(?:Z|UTC|[+-]\\d\\d:?\\d\\d))?$');
  var MAX_TIME_LINE = 40;

  function isTimeLine(line) {
    if (line.length > MAX_TIME_LINE || line.indexOf(':') < 0) {
      return false;
    }
    return TIME_LINE.test(strip(line));
  }

  function withoutTimeLines(lines) {
    var times = 0;
    for (var i = 0; i < lines.length && times < 2; i++) {
      if (isTimeLine(lines[i])) {
        times++;
      }
    }
    if (times < 2) {
      return lines;
    }
    return lines.filter(function (line) { return !isTimeLine(line); });
  }

  // a literal \n or \r\n escape ending a line removed when >= 2 lines end with one: a traceback
  // inside a dumped string (PasteRepair.literalLineEnds)
  function literalLineEnds(lines) {
    var ending = 0;
    for (var i = 0; i < lines.length && ending < 2; i++) {
      if (literalEnd(lines[i]) >= 0) {
        ending++;
      }
    }
    if (ending < 2) {
      return;
    }
    for (var k = 0; k < lines.length; k++) {
      var e = literalEnd(lines[k]);
      if (e >= 0) {
        lines[k] = lines[k].substring(0, e);
      }
    }
  }

  function literalEnd(s) {
    var t = s.length;
    while (t > 0 && isWhitespace(s.charAt(t - 1))) {
      t--;
    }
    if (t < 2 || s.charAt(t - 1) !== 'n' || s.charAt(t - 2) !== '\\') {
      return -1;
    }
    var e = t - 2;
    if (e >= 2 && s.charAt(e - 1) === 'r' && s.charAt(e - 2) === '\\') {
      e -= 2;
    }
    return e > 0 && s.charAt(e - 1) === '\\' ? -1 : e;
  }

  function decodeEntitiesTwice(text) {
    if (!['&quot;', '&lt;', '&gt;', '&#39;', '&#x27;'].some(function (e) {
      return text.indexOf(e) >= 0;
    })) {
      return text;
    }
    var t = replaceAll(text, '&quot;', '"');
    t = replaceAll(t, '&lt;', '<');
    t = replaceAll(t, '&gt;', '>');
    t = replaceAll(t, '&#39;', '\'');
    t = replaceAll(t, '&#x27;', '\'');
    return replaceAll(t, '&amp;', '&');
  }

  function removeGroupMargins(lines) {
    for (var i = 0; i < lines.length; i++) {
      var s = lines[i];
      var j = 0;
      while (j < s.length && (s.charAt(j) === ' ' || s.charAt(j) === '\t')) {
        j++;
      }
      if (j < s.length && s.charAt(j) === '|') {
        var k = j + 1;
        if (k < s.length && s.charAt(k) === ' ') {
          k++;
        }
        s = s.substring(k);
      } else if (s.startsWith('+ ' + GROUP_HEADER, j)) {
        s = s.substring(j + 2);
      }
      if (s.startsWith(GROUP_HEADER)) {
        s = s.substring('Exception Group '.length);
      }
      lines[i] = s;
    }
  }

  // an IPython header's exception name over that exception, not a shared prefix
  // the prefix before an IPython header's exception name ("E" of pytest's margin in
  // "E   ValueError   Traceback (most recent call last)") when next starts with it
  // (PasteRepair.withoutIpythonHeadersName)
  function withoutIpythonHeadersName(prefix, next) {
    var cut = prefix.length;
    while (cut > 0 && !isWhitespace(prefix.charAt(cut - 1))) {
      cut--;
    }
    var name = prefix.substring(cut);
    var shorter = strip(prefix.substring(0, cut));
    var named = name !== '' && nameEnd(name, 0) === name.length;
    return named && shorter !== '' && prefixLength(shorter, next) >= 0 ? shorter : prefix;
  }

  function isIpythonHeaderOverItsException(prefix, next) {
    var k = 0;
    while (k < next.length && isWhitespace(next.charAt(k))) {
      k++;
    }
    var t = next.substring(k);
    return nameEnd(prefix, 0) === prefix.length && t.startsWith(prefix)
        && t.startsWith(':', prefix.length);
  }

  function stripPrefixes(lines) {
    var i = 0;
    while (i < lines.length - 1) {
      var s = lines[i];
      var at = prefixAnchor(s);
      if (at <= 0 || at > MAX_PREFIX) {
        i++;
        continue;
      }
      var prefix = strip(s.substring(0, at));
      var next = nextNonBlank(lines, i + 1);
      if (next >= 0 && prefixLength(prefix, lines[next]) < 0) {
        prefix = withoutIpythonHeadersName(prefix, lines[next]);
      }
      if (prefix === '' || next < 0 || prefixLength(prefix, lines[next]) < 0
          || isIpythonHeaderOverItsException(prefix, lines[next])) {
        i++;
        continue;
      }
      var exact = [];
      var j = i;
      while (j < lines.length) {
        if (isBlank(lines[j])) {
          exact.push(null);
          j++;
          continue;
        }
        var len = prefixLength(prefix, lines[j]);
        if (len < 0) {
          break;
        }
        exact.push(strip(lines[j].substring(0, len)));
        lines[j] = lines[j].substring(len);
        j++;
      }
      demultiplex(lines, i, exact);
      i = j;
    }
  }

  // a prefixed run whose prefixes name several processes, each starting with a header, is
  // reordered process by process (PasteRepair.demultiplex)
  var MAX_PREFIX_STREAMS = 16;
  function demultiplex(lines, from, exact) {
    var groups = [];
    var k;
    for (k = 0; k < exact.length; k++) {
      var p = exact[k];
      if (p === null || groups.indexOf(p) >= 0) {
        continue;
      }
      if (groups.length === MAX_PREFIX_STREAMS || !strip(lines[from + k]).startsWith(HEADER)) {
        return;
      }
      groups.push(p);
    }
    if (groups.length < 2) {
      return;
    }
    var parts = groups.map(function () { return []; });
    var current = 0;
    for (k = 0; k < exact.length; k++) {
      if (exact[k] !== null) {
        current = groups.indexOf(exact[k]);
      }
      parts[current].push(lines[from + k]);
    }
    var at = from;
    parts.forEach(function (part) {
      part.forEach(function (line) {
        lines[at++] = line;
      });
    });
  }

  // frame lines typed or edited by hand, or written by a tool its own way, on their own line in a
  // traceback, as Python writes them: "file 'x.py', Line 2 in f", nose's "tests/x.py line 26 in
  // f"; a frame whose path was cut out ("line 56, in <module>", "File  line 56, in f") as
  // File "<unknown>"; Wing IDE's "Python Shell, prompt 3, line 1" as File "<Python Shell>".
  // Without the word File, a line after one holding File or ending in a comma is a wrapped
  // frame's end, left to unwrapFrames (PasteRepair.handTypedFrames)
  // a frame line without its indent, each run of blanks in it one space
  var HAND_TYPED_FRAME = new RegExp('^(?:([Ff][Ii][Ll][Ee]) )?'
      + '(?:(["\'])([^"\'\\n]{1,2048})\\2|([^ \\n\\f\\r"\',]{1,512}\\.py[cdiowx]?))?'
      + ' ?(,?) ?[Ll][Ii][Nn][Ee] (\\d{1,9}) ?,? ?in'
      + '(?: (<[\\w .-]{1,80}>|[A-Za-z_][\\w.]{0,200}))? ?$');
  var WING_SHELL_FRAME = /^([ \t]*)Python Shell, prompt \d{1,9}, line (\d{1,9})[ \t]*$/;
  function handTypedFrames(lines) {
    var inTraceback = false;
    var afterFramePiece = false;
    for (var i = 0; i < lines.length; i++) {
      var s = lines[i];
      if (isBlank(s)) {
        continue;
      }
      if (s.indexOf(HEADER) >= 0) {
        inTraceback = true;
      } else if (inTraceback) {
        var frame = handTypedFrame(s, afterFramePiece);
        if (frame !== null) {
          lines[i] = frame;
        } else if (!isWhitespace(s.charAt(0)) && !s.startsWith('File')) {
          inTraceback = false;
        }
      }
      afterFramePiece = s.indexOf('File') >= 0 || strip(s).endsWith(',');
    }
  }
  function handTypedFrame(s, afterFramePiece) {
    if (!/[Ll][Ii][Nn][Ee]/.test(s)) {
      return null; // most source lines: both patterns need the word "line"
    }
    var t = strip(s);
    if ((t.startsWith('File "') || t.startsWith("File '")) && t.indexOf(', line ') >= 0
        && t.indexOf(', in') >= 0) {
      return s; // as Python writes it, as most frame lines are
    }
    var wing = WING_SHELL_FRAME.exec(s);
    if (wing !== null) {
      return wing[1] + 'File "<Python Shell>", line ' + wing[2] + ', in <module>';
    }
    var start = 0;
    while (start < s.length && (s.charAt(start) === ' ' || s.charAt(start) === '\t')) {
      start++;
    }
    // blanks run together as one, so that no run of them splits between the pattern's parts
    var m = HAND_TYPED_FRAME.exec(s.substring(start).replace(/[ \t]+/g, ' '));
    if (m === null) {
      return null;
    }
    var keyword = m[1];
    var path = m[3] !== undefined ? m[3] : m[4];
    var asWritten = keyword === undefined ? afterFramePiece
        : path === undefined ? m[5] !== '' // File , line 5: a name HTML rendering ate
            : keyword === 'File' && m[3] !== undefined && m[0].indexOf(', line ') >= 0
                && m[0].indexOf(', in') >= 0;
    if (asWritten) {
      return s;
    }
    return s.substring(0, start) + 'File "' + (path === undefined ? '<unknown>' : path)
        + '", line ' + m[6] + ', in ' + (m[7] === undefined ? '' : m[7]);
  }

  // a traceback drawn by rich: the box becomes a header and File lines (PasteRepair.richBoxes)
  var BOX_TOP = '\u256d';
  var BOX_SIDE = '\u2502';
  var BOX_BOTTOM = '\u2570';
  function richBoxes(lines) {
    var inBox = false;
    for (var i = 0; i < lines.length; i++) {
      var t = strip(lines[i]);
      if (!inBox) {
        if (t !== '' && t.charAt(0) === BOX_TOP && t.indexOf(HEADER) >= 0) {
          lines[i] = HEADER + ':';
          inBox = true;
        }
        continue;
      }
      if (t === '' || t.charAt(0) !== BOX_SIDE) {
        inBox = false;
        if (t !== '' && t.charAt(0) === BOX_BOTTOM) {
          lines[i] = '';
        }
        continue;
      }
      var inner = t.substring(1);
      if (inner !== '' && inner.charAt(inner.length - 1) === BOX_SIDE) {
        inner = inner.substring(0, inner.length - 1);
      }
      var frame = richFrame(strip(inner));
      lines[i] = frame === null ? '' : frame;
    }
  }

  var CODE_FILE_END = /\.(py|pyc|pyx|pyo|pxd|pxi|pyi|so)$/;

  function richFrame(t) {
    var at = t.lastIndexOf(' in ');
    if (at < 0) {
      return null;
    }
    var fn = t.substring(at + 4);
    var colon = t.lastIndexOf(':', at);
    if (fn === '' || hasBlank(fn) || colon <= 0) {
      return null;
    }
    var path = t.substring(0, colon);
    var line = t.substring(colon + 1, at);
    if (!isDigits(line) || !(path.indexOf('/') >= 0 || path.indexOf('\\') >= 0
        || CODE_FILE_END.test(path))) {
      return null;
    }
    return '  File "' + path + '", line ' + line + ', in ' + fn;
  }

  // pytest's long tracebacks (PasteRepair.pytestLongFrames): each section's source ("def f(…):",
  // ">" on the failing line, "E" lines) then its location "app/y.py:5: " (the last one typed),
  // rewritten in CPython's order, the short frames of --tb=auto before a section's def first; a
  // failed test's "E" lines end it at a banner, a chain sentence or the text's end; lines
  // unchanged unless a location follows a def line
  var PYTEST_LOCATION = /^(\S{1,500}\.pyx?):(\d{1,9}): ?([A-Za-z_][\w.]{0,200})?\s*$/;
  var PYTEST_DEF = /^ *(?:async +)?def (\w{1,200}) ?\(/;
  var PYTEST_SEPARATOR = /^(?:_ ){3,}_? *$/;
  // a pytest report pasted with every line indented alike: the lines without that indent when one
  // of them is then a short frame or a location after a def line, else lines unchanged
  // (PasteRepair.withoutPytestIndent)
  function withoutPytestIndent(lines) {
    var indent = Infinity;
    for (var i = 0; i < lines.length; i++) {
      if (!isBlank(lines[i])) {
        var n = 0;
        while (n < lines[i].length && lines[i].charAt(n) === ' ') {
          n++;
        }
        indent = Math.min(indent, n);
      }
    }
    if (indent === 0 || indent === Infinity) {
      return lines;
    }
    var out = [];
    var def = false;
    var pytest = false;
    for (var j = 0; j < lines.length; j++) {
      var dedented = isBlank(lines[j]) ? '' : lines[j].substring(indent);
      def = def || PYTEST_DEF.test(dedented);
      pytest = pytest || pytestFrame(dedented) !== null || (def && PYTEST_LOCATION.test(dedented));
      out.push(dedented);
    }
    return pytest ? out : lines;
  }
  function pytestLongFrames(lines) {
    var out = [];
    var exception = [];
    var sectionStart = 0;
    var any = false;
    var inFailure = false;
    var lastType = null;
    var fn = null; // of the section's last def line so far (one pass: linear)
    var defLine = -1;
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      var chained = inFailure && isChainSentence(line);
      if (chained || (inFailure && isPytestBanner(line))) {
        endPytestFailure(exception, lastType, out);
        for (var b = sectionStart; b < i; b++) {
          out.push(lines[b]);
        }
        out.push(chained ? line : '');
        sectionStart = i + 1;
        inFailure = false;
        lastType = null;
        fn = null;
        continue;
      }
      var def = PYTEST_DEF.exec(line);
      if (def !== null) {
        fn = def[1];
        defLine = i;
        continue;
      }
      var location = fn === null ? null : PYTEST_LOCATION.exec(line);
      if (location === null) {
        continue;
      }
      any = true;
      inFailure = true;
      pytestSectionLines(lines, sectionStart, defLine, exception, out, true);
      out.push('  File "' + location[1] + '", line ' + location[2] + ', in ' + fn);
      pytestSectionLines(lines, defLine, i, exception, out, false);
      lastType = location[3] === undefined ? null : location[3];
      sectionStart = i + 1;
      fn = null;
    }
    if (!any) {
      return lines;
    }
    if (inFailure) {
      endPytestFailure(exception, lastType, out);
    }
    for (var m = sectionStart; m < lines.length; m++) {
      out.push(lines[m]);
    }
    return out;
  }

  // Python's sentence between two chained exceptions, as pytest prints it too
  function isChainSentence(line) {
    var t = strip(line);
    return t.startsWith(CAUSE) || t.startsWith(DURING);
  }

  // a pytest long section's lines [from, to) as source lines, its "E" lines as the exception;
  // with shortFrames, pytest's short frame lines among them as CPython frames
  function pytestSectionLines(lines, from, to, exception, out, shortFrames) {
    for (var k = from; k < to; k++) {
      var line = lines[k];
      var frame = shortFrames ? pytestFrame(line) : null;
      if (frame !== null) {
        out.push('  ' + frame);
      } else if (line.startsWith('E ') || line === 'E') {
        exception.push(strip(line.substring(1)));
      } else if (!isBlank(line) && !PYTEST_SEPARATOR.test(line) && !isPytestBanner(line)) {
        out.push('    ' + (line.startsWith('>') ? ' ' + line.substring(1) : line));
      }
    }
  }

  // a failed test's exception lines (typed by its last location), then cleared
  function endPytestFailure(exception, lastType, out) {
    if (exception.length > 0) {
      var e = parseException(exception[0]);
      if (lastType !== null && (e === null || !e.strong)) {
        exception[0] = lastType + ': ' + exception[0];
      }
      exception.forEach(function (x) { out.push(x); });
      exception.length = 0;
    } else if (lastType !== null) {
      out.push(lastType);
    }
  }

  // pytest's "tests/x.py:14: in f" frame lines and "E   " margins (PasteRepair.pytestFrames): a
  // failed assert's first "E" line typed AssertionError
  function pytestFrames(lines) {
    var seen = false;
    var firstExceptionLine = false;
    for (var i = 0; i < lines.length; i++) {
      var s = lines[i];
      var frame = pytestFrame(s);
      if (frame !== null) {
        lines[i] = frame;
        seen = true;
        firstExceptionLine = true;
      } else if (seen && s.startsWith('E ') && !isBlank(s)) {
        var exception = strip(s.substring(1));
        lines[i] = firstExceptionLine && exception.startsWith('assert ')
          ? 'AssertionError: ' + exception : exception;
        firstExceptionLine = false;
      }
    }
  }

  // title lines around tracebacks blanked, so that no message runs on into them
  // (PasteRepair.blankBanners)
  function blankBanners(lines) {
    for (var i = 0; i < lines.length; i++) {
      if (isPytestBanner(lines[i])) {
        lines[i] = '';
      }
    }
  }

  // "____ test_fit ____", "==== FAILURES ====", "---- Captured stdout call ----"
  // (PasteRepair.isPytestBanner)
  var PYTEST_BANNER =
    /^(?:_{3,} [^ ][^]{0,500}? _{3,}|={3,} [^ ][^]{0,500}? ={3,}|-{3,} [^ ][^]{0,500}? -{3,}) *$/;
  function isPytestBanner(line) {
    return line.length > 0 && (line[0] === '_' || line[0] === '=' || line[0] === '-')
      && PYTEST_BANNER.test(line);
  }

  function pytestFrame(s) {
    var at = s.indexOf(': in ');
    if (at <= 0) {
      return null;
    }
    var fn = strip(s.substring(at + 5));
    var colon = s.lastIndexOf(':', at - 1);
    if (fn === '' || hasBlank(fn) || colon <= 0) {
      return null;
    }
    var path = s.substring(0, colon);
    var line = s.substring(colon + 1, at);
    if (hasBlank(path) || !isDigits(line) || !CODE_FILE_END.test(path)) {
      return null;
    }
    return 'File "' + path + '", line ' + line + ', in ' + fn;
  }

  // py-spy's dump: thread lines become first-call headers, "f (x.py:3)" frames (PasteRepair)
  function pySpyDumps(lines) {
    var inDump = false;
    for (var i = 0; i < lines.length; i++) {
      var t = strip(lines[i]);
      if (isPySpyThread(t)) {
        lines[i] = 'Traceback (most recent call first):';
        inDump = true;
        continue;
      }
      var frame = inDump && lines[i].startsWith(' ') ? pySpyFrame(t) : null;
      if (frame !== null) {
        lines[i] = frame;
      } else if (t !== '') {
        inDump = false;
      }
    }
  }

  function isPySpyThread(t) {
    if (!t.startsWith('Thread ') || !t.endsWith('"') || t.length > 300) {
      return false;
    }
    var open = t.indexOf(' (', 7);
    var close = t.indexOf('): "', 7);
    return open > 7 && close > open && !hasBlank(t.substring(7, open));
  }

  function pySpyFrame(t) {
    var open = t.lastIndexOf(' (');
    if (open <= 0 || !t.endsWith(')')) {
      return null;
    }
    var fn = t.substring(0, open);
    var location = t.substring(open + 2, t.length - 1);
    var colon = location.lastIndexOf(':');
    if (hasBlank(fn) || colon <= 0) {
      return null;
    }
    var path = location.substring(0, colon);
    var line = location.substring(colon + 1);
    if (!isDigits(line) || !CODE_FILE_END.test(path)) {
      return null;
    }
    return '  File "' + path + '", line ' + line + ', in ' + fn;
  }

  function hasBlank(s) {
    for (var i = 0; i < s.length; i++) {
      if (isWhitespace(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  function isDigits(s) {
    if (s === '' || s.length > 9) {
      return false;
    }
    for (var i = 0; i < s.length; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  function nextNonBlank(lines, from) {
    for (var k = from; k < lines.length; k++) {
      if (!isBlank(lines[k])) {
        return k;
      }
    }
    return -1;
  }

  // start of a traceback header or of a frame's "File" in s, else -1 (PasteRepair.anchor)
  function prefixAnchor(s) {
    if (s.length < 6 || (s.indexOf('File') < 0 && s.indexOf(HEADER) < 0
        && s.indexOf('Cell In') < 0 && s.indexOf('Input In [') < 0)) {
      return -1;
    }
    var head = s.substring(0, Math.min(s.length, MAX_PREFIX + 40));
    var h = head.indexOf(HEADER);
    var f = head.indexOf('File ');
    while (f >= 0) {
      var k = f + 5;
      while (k < head.length && head.charAt(k) === ' ') {
        k++;
      }
      if (k < head.length && (isOneOf(QUOTES, head.charAt(k)) || head.charAt(k) === '~'
          || head.charAt(k) === '/')) {
        break;
      }
      f = head.indexOf('File ', f + 1);
    }
    // IPython 8 cells: Cell In[3], and the spaced Cell In [3] / Input In [3] of some 8.x releases
    var c = head.indexOf('Cell In[');
    var cs = head.indexOf('Cell In [');
    var inp = head.indexOf('Input In [');
    var best = -1;
    [h, f, c, cs, inp].forEach(function (a) {
      if (a >= 0 && (best < 0 || a < best)) {
        best = a;
      }
    });
    return best;
  }

  // the log prefix before a header or a frame on a line, or null; a lone exception name is an
  // IPython header's, no prefix (PasteRepair.logPrefix)
  function logPrefix(line) {
    var at = prefixAnchor(line);
    if (at <= 0 || at > MAX_PREFIX) {
      return null;
    }
    var prefix = strip(line.substring(0, at));
    var exceptionName = nameEnd(prefix, 0) === prefix.length
        && isTypedName(prefix.substring(prefix.lastIndexOf('.') + 1));
    return prefix === '' || exceptionName ? null : prefix;
  }

  // text with the prefix removed from each line that starts with it, or null when its first
  // non-blank line does not (PasteRepair.withoutLogPrefix)
  function withoutLogPrefix(prefix, text) {
    var lines = text.split('\n');
    var first = true;
    for (var i = 0; i < lines.length; i++) {
      var len = isBlank(lines[i]) ? -1 : prefixLength(prefix, lines[i]);
      if (first && !isBlank(lines[i])) {
        if (len < 0) {
          return null;
        }
        first = false;
      }
      if (len >= 0) {
        lines[i] = lines[i].substring(len);
      }
    }
    return first ? null : lines.join('\n');
  }

  function prefixLength(prefix, line) {
    var j = 0;
    while (j < line.length && line.charAt(j) === ' ') {
      j++;
    }
    var i = 0;
    while (i < prefix.length) {
      if (j >= line.length) {
        return -1;
      }
      var p = prefix.charAt(i);
      var c = line.charAt(j);
      if (isDigit(p)) {
        if (!isDigit(c)) {
          return -1;
        }
        while (i < prefix.length && isDigit(prefix.charAt(i))) {
          i++;
        }
        while (j < line.length && isDigit(line.charAt(j))) {
          j++;
        }
      } else if (p === c) {
        i++;
        j++;
      } else {
        return -1;
      }
    }
    if (j < line.length && line.charAt(j) === ' ') {
      j++;
    }
    return j;
  }

  // markdown fences typed into a code block, at a line's end or start, removed unless the word
  // "in" would be left at the line's end or start (PasteRepair.fences)
  var FENCE = '```';
  function fences(lines) {
    for (var i = 0; i < lines.length; i++) {
      var s = lines[i];
      var t = stripTrailing(s);
      if (t.endsWith(FENCE)) {
        var e = t.length;
        while (e > 0 && t.charAt(e - 1) === '`') {
          e--;
        }
        var rest = t.substring(0, e);
        if (!endsWithWordIn(rest)) {
          s = rest;
        }
      }
      lines[i] = withoutLeadingFence(s);
    }
  }

  function withoutLeadingFence(s) {
    var b = 0;
    while (b < s.length && s.charAt(b) === ' ') {
      b++;
    }
    if (!s.startsWith(FENCE, b)) {
      return s;
    }
    var e = b;
    while (e < s.length && s.charAt(e) === '`') {
      e++;
    }
    var rest = s.substring(e);
    if (isBlank(rest) || startsWithWordIn(rest)) {
      return s;
    }
    // an opening fence naming its language ("```python") is no text of the traceback
    return /^[a-z][a-z0-9+#.-]{0,19}[ \t]*$/.test(rest) ? '' : s.substring(0, b) + rest;
  }

  function endsWithWordIn(s) {
    var n = s.length;
    return s.endsWith('in') && (n === 2 || isWhitespace(s.charAt(n - 3)));
  }

  function startsWithWordIn(s) {
    return s.startsWith('in') && (s.length === 2 || isWhitespace(s.charAt(2)));
  }

  // a markdown quote margin ("> ", ">> ", not a ">>>" prompt) on a run of >= 2 lines, removed
  // (PasteRepair.quoteMargins)
  function quoteMargins(lines) {
    var i = 0;
    while (i < lines.length) {
      var j = i;
      while (j < lines.length && quoteMargin(lines[j]) >= 0) {
        j++;
      }
      if (j - i >= 2) {
        for (var k = i; k < j; k++) {
          lines[k] = lines[k].substring(quoteMargin(lines[k]));
        }
      }
      i = Math.max(j, i + 1);
    }
  }

  function quoteMargin(s) {
    var j = 0;
    while (j < s.length && s.charAt(j) === ' ') {
      j++;
    }
    var k = j;
    while (k < s.length && k - j < 3 && s.charAt(k) === '>') {
      k++;
    }
    if (k === j || k - j > 2) {
      return -1;
    }
    if (k === s.length) {
      return k;
    }
    return s.charAt(k) === ' ' ? k + 1 : -1;
  }

  // a header cut by an 80-column wrap joined with its rest on the next line (PasteRepair.headerGlue)
  function headerGlue(line, next) {
    var h = line.lastIndexOf('Traceback (');
    var tail = stripTrailing(line.substring(h));
    if (tail.length >= HEADER.length || !HEADER.startsWith(tail)) {
      return null;
    }
    var rest = HEADER.substring(tail.length);
    if (rest.startsWith(' ')) {
      return next.startsWith(rest.substring(1)) ? ' ' : null;
    }
    return !line.endsWith(' ') && next.startsWith(rest) ? '' : null;
  }

  // lines from `from` holding a function and its (maybe wrapped) argument list
  // (PasteRepair.wrappedArguments)
  function wrappedArguments(lines, from) {
    var d = bracketDepth(lines[from], 0);
    var k = 1;
    while (d > 0 && k <= MAX_JOINS && from + k < lines.length) {
      d = bracketDepth(lines[from + k], d);
      k++;
    }
    return d === 0 ? k : 1;
  }

  function bracketDepth(s, depth) {
    var n = Math.min(s.length, 2200);
    for (var i = 0; i < n; i++) {
      var c = s.charAt(i);
      if (c === '(') {
        depth++;
      } else if (c === ')' && depth > 0 && --depth === 0) {
        return 0;
      }
    }
    return depth;
  }

  function joinStripped(lines, from, count) {
    var b = strip(lines[from]);
    for (var k = 1; k < count; k++) {
      b += ' ' + strip(lines[from + k]);
    }
    return b;
  }

  // n cut after its argument list when IPython's numbered context follows (PasteRepair.withoutContext)
  function withoutContext(n) {
    var open = n.indexOf('(');
    var depth = 0;
    var limit = Math.min(n.length, open + 300);
    for (var i = open; i < limit; i++) {
      var c = n.charAt(i);
      if (c === '(') {
        depth++;
      } else if (c === ')' && --depth === 0) {
        var rest = n.substring(i + 1);
        var r = strip(rest);
        var context = rest !== '' && isWhitespace(rest.charAt(0)) && r !== '' && isDigit(r.charAt(0));
        return context ? n.substring(0, i + 1) : n;
      }
    }
    return n;
  }

  function unwrapFrames(lines) {
    var out = [];
    var wrapWidths = null;
    var i = 0;
    while (i < lines.length) {
      var s = lines[i];
      if (i + 1 < lines.length && s.indexOf('Traceback (') >= 0) {
        var hglue = headerGlue(s, strip(lines[i + 1]));
        if (hglue !== null) {
          s = stripTrailing(s) + hglue + strip(lines[i + 1]);
          i++;
        }
      }
      var joins = 0;
      while (joins < MAX_JOINS && i + 1 < lines.length && s.indexOf('File') >= 0) {
        var next = strip(lines[i + 1]);
        var skip = 1;
        if (next === '' && i + 2 < lines.length && endsWithLineWord(s)) {
          // File "x.py", line / blank / 37, in <module>: the number is evidence enough
          next = strip(lines[i + 2]);
          skip = isLineNumberPart(next) ? 2 : 1;
          next = skip === 2 ? next : '';
        }
        var glue = wrapGlue(s, next);
        if (glue === null) {
          break;
        }
        s = stripTrailing(s) + glue + next;
        i += skip;
        joins++;
      }
      var args = i + 1 < lines.length ? wrappedArguments(lines, i + 1) : 0;
      if (args > 0 && ipythonCutBeforeFunction(s, joinStripped(lines, i + 1, args))) {
        s = stripTrailing(s) + ' ' + joinStripped(lines, i + 1, args);
        i += args;
      } else if (i + 2 < lines.length && functionCutByTerminal(s, lines[i + 1], lines[i + 2],
          (wrapWidths = wrapWidths !== null ? wrapWidths : wrapWidthsOf(lines))
            .has(strip(s).length))) {
        s = stripTrailing(s) + stripTrailing(lines[i + 1]);
        i++;
      }
      out.push(s);
      i++;
    }
    return out;
  }

  function allNameParts(s) {
    for (var k = 0; k < s.length; k++) {
      if (!isNamePart(s.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  function indentOf(line) {
    var k = 0;
    while (k < line.length && isWhitespace(line.charAt(k))) {
      k++;
    }
    return k;
  }

  // an indented frame whose function name goes on at column 0 (PasteRepair.functionCutByTerminal)
  // shortest unindented frame line taken as cut by a terminal (PasteRepair.WRAPPED_FRAME_LENGTH)
  var WRAPPED_FRAME_LENGTH = 70;

  // the stripped lengths (WRAPPED_FRAME_LENGTH or more) two or more lines share (PasteRepair)
  function wrapWidthsOf(lines) {
    var seen = new Set();
    var repeated = new Set();
    for (var i = 0; i < lines.length; i++) {
      var length = strip(lines[i]).length;
      if (length >= WRAPPED_FRAME_LENGTH) {
        if (seen.has(length)) {
          repeated.add(length);
        }
        seen.add(length);
      }
    }
    return repeated;
  }

  function functionCutByTerminal(line, next, after, atAWrapWidth) {
    if (line === '' || next === '') {
      return false;
    }
    var indented = isWhitespace(line.charAt(0));
    var s = strip(line);
    if (!indented && (!atAWrapWidth || s.length < WRAPPED_FRAME_LENGTH)) {
      return false;
    }
    var at = s.lastIndexOf(', in ');
    if (!s.startsWith('File') || at < 0 || !/, line \d+$/.test(s.substring(0, at))) {
      return false;
    }
    var name = s.substring(at + 5);
    // a console's 80-column wrap also cuts an angle-bracketed name: "in <modu" / "le>"
    var angled = name.length > 1 && name.charAt(0) === '<' && allNameParts(name.substring(1));
    if (name === '' || !(angled || allNameParts(name))) {
      return false;
    }
    var fragment = stripTrailing(next);
    var part = angled && fragment.endsWith('>') ? fragment.substring(0, fragment.length - 1)
        : angled ? null : fragment;
    if (fragment.length > 200 || part === null || !allNameParts(part)
        || !indented && PYTHON_KEYWORDS.has(part)) {
      return false;
    }
    var a = strip(after);
    if (a === '') {
      return false;
    }
    var source = (!indented || indentOf(after) > indentOf(line))
        && '+|-='.indexOf(a.charAt(0)) < 0;
    return source || a.startsWith('File ');
  }

  // an old IPython frame cut before its function (PasteRepair.ipythonCutBeforeFunction)
  function ipythonCutBeforeFunction(line, next) {
    var s = strip(line);
    var n = strip(next);
    if (s.length > 2200) {
      return false;
    }
    var path;
    if (s.endsWith(' in')) {
      path = strip(s.substring(0, s.length - 3));
    } else if (n.startsWith('in ')) {
      path = s; // cut before the word: "/x/registry.py" / "in put(self, k, v)"
      n = strip(n.substring(3));
    } else {
      return false;
    }
    var cell = path.startsWith('<ipython-input-') && path.endsWith('>');
    var file = /^([/~.]|[A-Za-z]:[\\/])/.test(path) && CODE_FILE_END.test(path);
    return (cell || file) && n.indexOf('(') > 0 && isFunctionName(withoutContext(n));
  }

  // how to join a frame line that stops early with the next line, or null (PasteRepair.glue)
  // the frame a line ends with (PasteRepair.frameTail): a traceback reflowed as prose
  function frameTail(s) {
    if (s.startsWith('File')) {
      return s;
    }
    var f = s.lastIndexOf('File');
    while (f > 0) {
      if (isWhitespace(s.charAt(f - 1)) && opensFramePath(s, f + 4)) {
        return s.substring(f);
      }
      f = s.lastIndexOf('File', f - 1);
    }
    return s;
  }

  function opensFramePath(s, from) {
    var k = from;
    while (k < s.length && s.charAt(k) === ' ') {
      k++;
    }
    if (k === s.length) {
      return true;
    }
    if (k > from && s.charAt(k) === '>' && isOneOf(QUOTES, s.charAt(k + 1))) {
      k++; // a reflowed quote's stray margin glued to the file name: File >"/x.py"
    }
    var c = s.charAt(k);
    return k > from && (isOneOf(QUOTES, c) || c === '/' || c === '~');
  }

  function endsWithLineWord(s) {
    var t = stripTrailing(s);
    return t.endsWith(', line') || t.endsWith('" line') || t.endsWith('\u201d line');
  }

  // "37, in <module>", "406, in" (name eaten): a frame's number and function (PasteRepair)
  function isLineNumberPart(next) {
    var d = 0;
    while (d < next.length && d < 12 && isDigit(next.charAt(d))) {
      d++;
    }
    if (d === 0 || d === next.length || next.charAt(d) !== ',') {
      return false;
    }
    var rest = strip(next.substring(d + 1));
    return rest === 'in' || isFunctionPart(rest);
  }

  function wrapGlue(line, next) {
    var s = frameTail(strip(line));
    if (next === '' || !s.startsWith('File') || (s.length > 4 && s.charAt(4) !== ' ')
        || s.length > 2200) {
      return null;
    }
    var rest = strip(s.substring(4));
    if (rest.length > 1 && rest.charAt(0) === '>' && isOneOf(QUOTES, rest.charAt(1))) {
      rest = rest.substring(1); // a stray quote margin: File >"/x.py",
    }
    if (rest === '') {
      var c = next.charAt(0);
      return isOneOf(QUOTES, c) || c === '/' || c === '~' ? ' ' : null;
    }
    if (!isOneOf(QUOTES, rest.charAt(0))) {
      return ipythonTail(rest) && isFunctionPart(next) ? ' ' : null;
    }
    var close = -1;
    for (var i = 1; i < rest.length; i++) {
      if (closesQuote(rest.charAt(0), rest.charAt(i))) {
        close = i;
        break;
      }
    }
    if (close < 0) {
      return hasQuote(next) && next.indexOf(' ') !== 0 ? '' : null;
    }
    var after = strip(rest.substring(close + 1));
    if (after.startsWith(',')) {
      after = strip(after.substring(1));
    }
    if (after === '') {
      return next.startsWith('line ') || next.startsWith(', line ') ? ' ' : null;
    }
    if (after === 'line') {
      return isLineNumberPart(next) ? ' ' : null;
    }
    if ('line'.startsWith(after)) {
      // a console's hard wrap inside the word: ", l" / "ine 184, in f"
      var wordRest = 'line '.substring(after.length);
      return next.startsWith(wordRest) && isLineNumberPart(next.substring(wordRest.length))
        ? '' : null;
    }
    if (!after.startsWith('line ')) {
      return null;
    }
    var n = strip(after.substring(5));
    var d = 0;
    while (d < n.length && isDigit(n.charAt(d))) {
      d++;
    }
    if (d === 0) {
      return null;
    }
    var tail = strip(n.substring(d));
    if (tail === '' && isDigit(next.charAt(0))) {
      // the number cut by a hard wrap: "line 1" / "84, in f"
      return isLineNumberPart(next) ? '' : null;
    }
    if (tail === '' || tail === ',') {
      return isFunctionPart(next) || isNameEatenPart(next) ? ' ' : null;
    }
    if ((tail === ', i' || tail === ',i') && next.startsWith('n ')) {
      // the word "in" cut by a hard wrap: "line 184, i" / "n main"
      return isFunctionName(strip(next.substring(2))) ? '' : null;
    }
    if (tail === ', in' || tail === 'in') {
      // CPython prints a bare name; "sys.exit(run())" after "in" is the source line of a frame
      // whose name (<module>) was eaten as an HTML tag, and a keyword is no name
      return isFunctionName(next) && next.indexOf('(') < 0 && !PYTHON_KEYWORDS.has(next)
        ? ' ' : null;
    }
    return null;
  }

  function ipythonTail(rest) {
    var colon = rest.lastIndexOf(':');
    if (colon < 0) {
      return false;
    }
    var n = rest.substring(colon + 1);
    if (n.endsWith(',')) {
      n = n.substring(0, n.length - 1);
    }
    return n !== '' && n.split('').every(isDigit);
  }

  function hasQuote(s) {
    for (var i = 0; i < s.length; i++) {
      if (isOneOf(QUOTES, s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  // "in" alone (or ", in"): a frame wrapped after its number whose name was eaten as a tag
  // (PasteRepair.isNameEatenPart)
  function isNameEatenPart(next) {
    var s = next.startsWith(',') ? strip(next.substring(1)) : next;
    return s === 'in';
  }

  function isFunctionPart(next) {
    var s = next.startsWith(',') ? strip(next.substring(1)) : next;
    return s.startsWith('in ') && isFunctionName(strip(s.substring(3)));
  }

  function isFunctionName(s) {
    if (s === '' || s.length > 300) {
      return false;
    }
    var i = 0;
    if (s.charAt(0) === '<') {
      var close = s.indexOf('>');
      if (close < 0) {
        return false;
      }
      i = close + 1;
    } else {
      while (i < s.length && (isNamePart(s.charAt(i)) || s.charAt(i) === '.')) {
        i++;
      }
      if (i === 0) {
        return false;
      }
    }
    var rest = strip(s.substring(i));
    return rest === '' || (rest.startsWith('(') && rest.endsWith(')'));
  }

  // ---- lexing (TraceLexer): headers, chain sentences, frames, locations, text ----
  var DURING = 'During handling of the above exception, another exception occurred';
  var CAUSE = 'The above exception was the direct cause of the following exception';
  var LITERALS = [HEADER, DURING, CAUSE, 'File', ' in ', 'Cell In', 'Input In ['];
  var T_HEADER = 0;
  var T_DURING = 1;
  var T_CAUSE = 2;
  var T_FILE = 3;
  var T_IN = 4;
  var T_CELL = 5;
  var MAX_PATH = 2048;
  var MAX_UNQUOTED_PATH = 512;
  var MAX_BRACKETED_NAME = 80;
  var MAX_FUNCTION = 500;
  var MAX_ARGS = 300;
  var SWALLOWED = '<swallowed>';
  var CODE_EXTENSIONS = ['.py', '.pyc', '.pyx', '.pyo', '.pxd', '.pxi', '.pyi', '.so'];
  var BARE_CYTHON_FILE = /^[\w.-]{1,200}\.(?:pyx|pxi)$/;
  var C_LOCATION = /^[^\s()]{1,300}\.(?:c|cpp):\d{1,7}$/;

  // false only when the parser finds nothing (TraceLexer.mayHoldFrames), on normalised text: an
  // old IPython frame needs the word "in" (maybe ending its line, joined by repairPaste) after a
  // code path or an angle-bracketed name (maybe still escaped, &lt;)
  function mayHoldFramesNormalized(text) {
    if (['Traceback', 'File', 'Cell In[', 'Cell In [', 'Input In [', 'During handling',
      'direct cause', 'in user code:']
        .some(function (m) { return text.indexOf(m) >= 0; })) {
      return true;
    }
    if ((text.indexOf('Thread ') >= 0 || text.indexOf('def ') >= 0)
        && CODE_EXTENSIONS.some(function (ext) { return text.indexOf(ext + ':') >= 0; })) {
      return true; // a py-spy dump ("wait (threading.py:320)"); pytest's long traceback
    }
    if (!hasWordIn(text)) {
      return false;
    }
    if (text.indexOf('<') >= 0 || text.indexOf('&lt;') >= 0 || text.indexOf('in ()') >= 0) {
      return true;
    }
    return CODE_EXTENSIONS.some(function (ext) { return text.indexOf(ext) >= 0; });
  }

  // "in" between whitespace or the text's ends (TraceLexer.hasWordIn)
  function hasWordIn(text) {
    var i = text.indexOf('in');
    while (i >= 0) {
      var before = i === 0 || isWhitespace(text.charAt(i - 1));
      var after = i + 2 === text.length || isWhitespace(text.charAt(i + 2));
      if (before && after) {
        return true;
      }
      i = text.indexOf('in', i + 1);
    }
    return false;
  }

  function item(kind, text, frame, indent, afterFrame, hint, endsLine) {
    return {kind: kind, text: text, frame: frame, indent: indent, afterFrame: afterFrame,
      hint: hint, endsLine: endsLine === true};
  }
  var BLANK_ITEM = item('BLANK', '', null, 0, false, null);

  function marker(type, start, end, kind, frame, hint) {
    return {type: type, start: start, end: end, kind: kind, frame: frame, hint: hint};
  }

  // an exception-group separator line (+-+---- 1 ----): its kind, or null
  function groupSeparator(t) {
    if (!t.startsWith('+-') || t.indexOf('----') < 0 || t.length > 200) {
      return null;
    }
    var number = false;
    for (var i = 0; i < t.length; i++) {
      var c = t.charAt(i);
      if (isDigit(c) || c === '.') {
        number = true;
      } else if (c !== '+' && c !== '-' && c !== ' ') {
        return null;
      }
    }
    if (!number) {
      return 'GROUP_END';
    }
    return t.startsWith('+-+') ? 'GROUP_FIRST' : 'GROUP_NEXT';
  }

  function lex(text) {
    var items = [];
    var n = text.length;
    var from = 0;
    var previousFrom = -1;
    while (from <= n) {
      var nl = text.indexOf('\n', from);
      var to = nl < 0 ? n : nl;
      if (to === from) {
        items.push(BLANK_ITEM);
      } else if (isDoctestLocation(text, previousFrom, from, to)) {
        var located = text.substring(from, to);
        items.push(item('TEXT', located, null, indentOf(located), false, null, true));
      } else {
        var line = withoutFrameMark(text.substring(from, to));
        var arrowNext = nl >= 0 && startsWithArrow(text, nl + 1);
        if (arrowNext && line.endsWith(' in')) {
          line += ' '; // the word is found as " in ", which a wrap's join may have cut to " in"
        }
        lexLine(line, arrowNext, items);
      }
      if (nl < 0) {
        break;
      }
      previousFrom = from;
      from = nl + 1;
    }
    return items;
  }

  // a doctest report's location ("File "m.py", line 58, in m.f") under "Failed doctest test for …"
  // or over "Failed example:": no frame (TraceLexer.isDoctestLocation)
  function isDoctestLocation(text, previousFrom, from, to) {
    if (!text.startsWith('File ', skipSpacesIn(text, from))) {
      return false;
    }
    if (previousFrom >= 0 && text.substring(previousFrom, from).indexOf('Failed doctest test for ') >= 0) {
      return true;
    }
    return to < text.length && text.startsWith('Failed example:', skipSpacesIn(text, to + 1));
  }

  function skipSpacesIn(text, from) {
    var k = from;
    while (k < text.length && (text.charAt(k) === ' ' || text.charAt(k) === '\t')) {
      k++;
    }
    return k;
  }

  // the line at "from" starts, after blanks, with IPython's arrow ("---->")
  function startsWithArrow(text, from) {
    var k = skipSpacesIn(text, from);
    var dashes = k;
    while (dashes < text.length && text.charAt(dashes) === '-') {
      dashes++;
    }
    return dashes - k >= 2 && dashes < text.length && text.charAt(dashes) === '>';
  }

  // "> File …": loguru's mark of the running frame, blanked (TraceLexer.withoutFrameMark)
  function withoutFrameMark(line) {
    var i = 0;
    while (i < line.length && (line.charAt(i) === ' ' || line.charAt(i) === '\t')) {
      i++;
    }
    if (i >= line.length || line.charAt(i) !== '>') {
      return line;
    }
    var j = i + 1;
    while (j < line.length && line.charAt(j) === ' ') {
      j++;
    }
    if (j === i + 1 || (!line.startsWith('File ', j) && !line.startsWith('File"', j))) {
      return line;
    }
    return line.substring(0, i) + ' ' + line.substring(i + 1);
  }

  // faulthandler's and gdb's "… (most recent call first):" (TraceLexer.isFirstCallHeader)
  function isFirstCallHeader(t) {
    if (!t.endsWith(' (most recent call first):')) {
      return false;
    }
    return t.startsWith('Traceback ') || t.startsWith('Thread 0x')
        || t.startsWith('Current thread 0x');
  }

  // Django's "The above exception (msg) was the direct cause …" (TraceLexer.isDjangoCause)
  function isDjangoCause(t) {
    return t.startsWith('The above exception (')
        && t.endsWith(') was the direct cause of the following exception:');
  }

  // lexes one physical line (TraceLexer.LineLexer), with its per-literal search caches
  function lexLine(s, arrowNext, out) {
    var next = LITERALS.map(function () { return -2; });
    var found = LITERALS.map(function () { return null; });
    var firstNonBlank = 0;
    while (firstNonBlank < s.length && isWhitespace(s.charAt(firstNonBlank))) {
      firstNonBlank++;
    }

    function run() {
      if (isBlank(s)) {
        out.push(BLANK_ITEM);
        return;
      }
      var group = groupSeparator(strip(s));
      if (group !== null) {
        out.push(item(group, strip(s), null, firstNonBlank, false, null));
        return;
      }
      if (isFirstCallHeader(strip(s))) {
        out.push(item('HEADER', strip(s), null, firstNonBlank, false, null));
        return;
      }
      if (isDjangoCause(strip(s))) {
        out.push(item('CHAIN_CAUSE', strip(s), null, firstNonBlank, false, null));
        return;
      }
      var m;
      if (s.startsWith('in <', firstNonBlank)) {
        m = swallowedFileFrame();
        if (m !== null) {
          out.push(item('FRAME', s.substring(m.start, m.end), m.frame, firstNonBlank, false,
              null));
          return;
        }
      }
      var pos = 0;
      var afterFrame = false;
      while (pos < s.length) {
        m = nextMarker(pos);
        var textEnd = m === null ? s.length : m.start;
        if (textEnd > pos && !isBlank(s.substring(pos, textEnd))) {
          out.push(item('TEXT', s.substring(pos, textEnd), null, indentAt(pos), afterFrame, null,
              m === null));
        }
        if (m === null) {
          return;
        }
        out.push(item(m.kind, s.substring(m.start, m.end), m.frame, indentAt(m.start), false,
            m.hint));
        afterFrame = m.kind === 'FRAME' || m.kind === 'LOCATION';
        pos = Math.max(m.end, pos + 1);
      }
    }

    // "in <cell line: 16>()" alone on its line: IPython's cell name was eaten as a tag
    function swallowedFileFrame() {
      var f = firstNonBlank + 3;
      var fe = functionEnd(f);
      if (fe <= f + 1 || s.charAt(fe - 1) !== '>') {
        return null;
      }
      var end = fe;
      if (end < s.length && s.charAt(end) === '(') {
        end = argsEnd(end);
        if (end < 0) {
          return null;
        }
      }
      if (!isBlank(s.substring(end))) {
        return null;
      }
      return marker(T_IN, firstNonBlank, end, 'FRAME', frameOf(SWALLOWED, null,
          s.substring(f, fe)), null);
    }

    function indentAt(at) {
      return at <= firstNonBlank ? firstNonBlank : -1;
    }

    function nextMarker(pos) {
      var best = null;
      for (var t = 0; t < LITERALS.length; t++) {
        var m = firstValid(t, pos);
        if (m !== null && (best === null || m.start < best.start)) {
          best = m;
        }
      }
      return best;
    }

    function firstValid(t, pos) {
      if (found[t] !== null && found[t].start >= pos) {
        return found[t];
      }
      found[t] = null;
      var idx = next[t] >= pos || next[t] === -1 ? next[t] : s.indexOf(LITERALS[t], pos);
      while (idx >= 0) {
        var m = tryAt(t, idx, pos);
        if (m !== null) {
          next[t] = idx;
          found[t] = m;
          return m;
        }
        idx = s.indexOf(LITERALS[t], idx + 1);
      }
      next[t] = -1;
      return null;
    }

    function tryAt(t, idx, pos) {
      switch (t) {
        case T_HEADER:
          return header(idx, pos);
        case T_DURING:
          return chain(idx, T_DURING, 'CHAIN_DURING');
        case T_CAUSE:
          return chain(idx, T_CAUSE, 'CHAIN_CAUSE');
        case T_FILE:
          return fileFrame(idx);
        case T_IN:
          return ipythonFrame(idx, pos);
        case T_CELL:
          if (s.startsWith('Cell In[', idx)) {
            return cell(idx, 'Cell In[', ']');
          }
          return spacedCell(idx);
        default:
          return cell(idx, 'Input In [', ']');
      }
    }

    function header(idx, pos) {
      var end = idx + HEADER.length;
      if (end < s.length && s.charAt(end) === ':') {
        end++;
      }
      var j = idx;
      while (j > pos && isWhitespace(s.charAt(j - 1))) {
        j--;
      }
      var k = j;
      while (k > pos && k > j - MAX_NAME && !isWhitespace(s.charAt(k - 1))) {
        k--;
      }
      if (k < j) {
        var e = parseException(s.substring(k, j));
        if (e !== null && e.message === null && j < idx && s.charAt(j - 1) !== ':') {
          // IPython's "ValueError    Traceback (…)"; not "ImportError: Traceback (…)"
          return marker(T_HEADER, k, end, 'HEADER', null, e.type);
        }
      }
      return marker(T_HEADER, idx, end, 'HEADER', null, null);
    }

    function chain(idx, t, kind) {
      var end = idx + LITERALS[t].length;
      if (end < s.length && s.charAt(end) === ':') {
        end++;
      }
      return marker(t, idx, end, kind, null, null);
    }

    // File "path", line N, in f (commas and parts optional) or IPython 8's File path:N, in f(…)
    function fileFrame(idx) {
      if (idx > 0 && isNamePart(s.charAt(idx - 1))) {
        return null;
      }
      var after = idx + 4;
      if (after >= s.length || !(s.charAt(after) === ' ' || s.charAt(after) === '\t'
          || isOneOf(QUOTES, s.charAt(after)))) {
        return null;
      }
      var j = skipBlanks(after);
      if (j >= s.length) {
        return null;
      }
      var path;
      var k;
      var line = null;
      var e;
      if (isOneOf(QUOTES, s.charAt(j))) {
        var close = closingQuote(j);
        if (close < 0) {
          return null;
        }
        path = strip(s.substring(j + 1, close));
        k = skipBlanks(close + 1);
        if (k < s.length && s.charAt(k) === ',') {
          k = skipBlanks(k + 1);
        }
        if (s.startsWith('line', k)) {
          var d = skipBlanks(k + 4);
          e = lineValueEnd(d);
          if (e > d) {
            line = lineValue(d, e);
            k = skipBlanks(e);
            if (k < s.length && s.charAt(k) === ',') {
              k = skipBlanks(k + 1);
            }
          }
        }
        if (path === '') {
          if (line === null) {
            return null;
          }
          path = SWALLOWED; // "<string>" or "<stdin>" eaten as an HTML tag
        }
      } else if (bracketedNameEnd(j) > 0 || eatenNameBefore(j)) {
        // an unquoted pseudo-file, as Databricks prints a cell's: File <command-12>, line 7, in f;
        // or its name eaten as an HTML tag: File , line 7, in f
        var nameEnd = eatenNameBefore(j) ? j : bracketedNameEnd(j);
        path = nameEnd === j ? SWALLOWED : s.substring(j, nameEnd);
        k = skipBlanks(skipBlanks(nameEnd) + 1);
        e = digitsEnd(skipBlanks(k + 4));
        line = parseLine(skipBlanks(k + 4), e);
        k = skipBlanks(e);
        if (k < s.length && s.charAt(k) === ',') {
          k = skipBlanks(k + 1);
        }
        if (!s.startsWith('in', k) && afterHeaderOrAtLineStart(idx)) {
          // a cell's top level, as IPython 8's File path:N and Cell In[3], line 5 print it; in
          // running text it stays a location, as a quoted File "<x>", line 3 is
          return marker(T_FILE, idx, e, 'FRAME', frameOf(path, line, '<module>'), null);
        }
      } else {
        var colon = unquotedPathEnd(j);
        if (colon < 0) {
          return null;
        }
        path = strip(s.substring(j, colon));
        e = digitsEnd(colon + 1);
        line = parseLine(colon + 1, e);
        k = skipBlanks(e);
        if (k < s.length && s.charAt(k) === ',') {
          k = skipBlanks(k + 1);
        }
        if (!s.startsWith('in ', k)) {
          return marker(T_FILE, idx, e, 'FRAME', frameOf(path, line, '<module>'), null);
        }
      }
      if (s.startsWith('in ', k) || s.startsWith('in\t', k)) {
        return functionFrame(idx, skipBlanks(k + 3), path, line, true);
      }
      if (line !== null && s.startsWith('in', k) && skipBlanks(k + 2) === s.length) {
        // "in <module>" with the name eaten as an HTML tag
        return marker(T_FILE, idx, s.length, 'FRAME', frameOf(path, line, SWALLOWED), null);
      }
      return line === null ? null : marker(T_FILE, idx, k, 'LOCATION', null, null);
    }

    function closingQuote(open) {
      var opener = s.charAt(open);
      var limit = Math.min(s.length, open + 1 + MAX_PATH);
      for (var i = open + 1; i < limit; i++) {
        if (closesQuote(opener, s.charAt(i))) {
          return i;
        }
      }
      return -1;
    }

    // IPython 8's unquoted "File path:N": the index of the colon before N, or -1
    // a relative path (pandas/_libs/index.pyx:167) has no blank and is a Cython file's
    function unquotedPathEnd(j) {
      var c = s.charAt(j);
      var drive = j + 2 < s.length && hasDrive(s.substring(j, j + 3));
      var relative = !drive && isNamePart(c);
      if (!(c === '~' || c === '/' || c === '.' || c === '<' || c === '\\' || drive || relative)) {
        return -1;
      }
      var limit = Math.min(s.length, j + MAX_UNQUOTED_PATH);
      for (var i = j + 1; i < limit; i++) {
        var d = s.charAt(i);
        if (d === '"' || (relative && isWhitespace(d))) {
          return -1;
        }
        if (d === ':' && i + 1 < s.length && isDigit(s.charAt(i + 1))) {
          var e = digitsEnd(i + 1);
          if (e === s.length || s.charAt(e) === ',' || isWhitespace(s.charAt(e))) {
            return !relative || /\.(?:pyx|pxi|pxd)$/.test(s.substring(j, i)) ? i : -1;
          }
        }
      }
      return -1;
    }

    // an unquoted pseudo-file at j followed by a comma and its line ("<command-12>, line 7", as
    // Databricks prints a notebook cell's frame; <stdin>, <string>, any bracketed name alike): the
    // index after its ">", or -1; without quotes the comma and "line N" tell it from prose
    function bracketedNameEnd(j) {
      if (s.charAt(j) !== '<') {
        return -1;
      }
      var limit = Math.min(s.length, j + MAX_BRACKETED_NAME);
      var close = j + 1;
      while (close < limit && s.charAt(close) !== '>') {
        close++;
      }
      if (close >= limit || !isBracketedName(s.substring(j, close + 1))) {
        return -1;
      }
      var k = skipBlanks(close + 1);
      if (k >= s.length || s.charAt(k) !== ',') {
        return -1;
      }
      k = skipBlanks(k + 1);
      if (!s.startsWith('line', k)) {
        return -1;
      }
      var d = skipBlanks(k + 4);
      return digitsEnd(d) > d ? close + 1 : -1;
    }

    // an unquoted pseudo-file's name eaten as an HTML tag before j: "File <command-12>, line 7"
    // read as "File , line 7" (TraceLexer.eatenNameBefore)
    function eatenNameBefore(j) {
      if (s.charAt(j) !== ',') {
        return false;
      }
      var k = skipBlanks(j + 1);
      if (!s.startsWith('line', k)) {
        return false;
      }
      var d = skipBlanks(k + 4);
      return digitsEnd(d) > d;
    }

    // old IPython: "/path/x.py in f(args)" or "<ipython-input-1-ab> in <module>()"
    function ipythonFrame(idx, pos) {
      var k = idx;
      while (k > pos && k > idx - MAX_PATH && !isWhitespace(s.charAt(k - 1))) {
        k--;
      }
      var token = s.substring(k, idx);
      var p = pos;
      while (p < idx && p < pos + MAX_PATH && isWhitespace(s.charAt(p))) {
        p++;
      }
      var prefix = idx - p <= MAX_PATH ? strip(s.substring(p, idx)) : token;
      if (prefix !== token && hasDrive(prefix) && isCodePath(prefix)) {
        token = prefix; // a Windows path with spaces, alone before " in "
        k = p;
      } else if ((s.startsWith(' in ()', idx) || (arrowNext && isBlank(s.substring(idx + 3))))
          && afterHeaderOrAtLineStart(idx)) {
        // IPython's "<ipython-input-…> in <module>()" with both names eaten as HTML tags; IPython 7
        // and later print "in <module>", which leaves "in" alone over the arrow at the line it ran
        var end = s.startsWith(' in ()', idx) ? idx + 6 : idx + 3;
        return marker(T_IN, idx + 1, end, 'FRAME', frameOf(SWALLOWED, null, SWALLOWED), null);
      } else if (isBracketedName(prefix) && prefix !== token) {
        token = prefix; // numpy's "<__array_function__ internals>"
        k = p;
      } else if (!(isCodePath(token) || (token.startsWith('<') && token.endsWith('>'))
          || (p === k && BARE_CYTHON_FILE.test(token)))) {
        return null;
      }
      var f = idx + 4;
      var moduleInit = moduleInitFrame(k, f, token);
      if (moduleInit !== null) {
        return moduleInit;
      }
      var fe = functionEnd(f);
      var cEnd = cLocationEnd(fe);
      var args = fe < s.length && s.charAt(fe) === '(';
      if (fe <= f
          || !(args || cEnd > 0 || s.charAt(f) === '<' || token.startsWith('<ipython-input'))) {
        return null;
      }
      var m = functionFrame(k, f, token, null, false);
      if (m !== null && cEnd > 0) {
        var end = cEnd;
        if (s.startsWith('()', end)) {
          end += 2;
        }
        return marker(T_IN, k, end, 'FRAME', m.frame, null);
      }
      return m === null ? null : marker(T_IN, k, m.end, 'FRAME', m.frame, null);
    }

    // after an old IPython Cython frame's function, its C location " (./x/y.c:5165)"
    function cLocationEnd(fe) {
      if (!s.startsWith(' (', fe)) {
        return -1;
      }
      var close = s.indexOf(')', fe + 2);
      if (close < 0 || close - fe > MAX_PATH) {
        return -1;
      }
      return C_LOCATION.test(s.substring(fe + 2, close)) ? close + 1 : -1;
    }

    // a compiled module's init as old IPython names its frame: "x.so in init gensim._matutils()"
    // (TraceLexer.moduleInitFrame)
    function moduleInitFrame(k, f, token) {
      if (!token.endsWith('.so') || !s.startsWith('init ', f)) {
        return null;
      }
      var name = f + 5;
      var nameEnd = functionEnd(name);
      if (nameEnd <= name || !s.startsWith('()', nameEnd)) {
        return null;
      }
      return marker(T_IN, k, nameEnd + 2, 'FRAME', frameOf(token, null, s.substring(f, nameEnd)),
          null);
    }

    function afterHeaderOrAtLineStart(idx) {
      var j = idx;
      while (j > 0 && isWhitespace(s.charAt(j - 1))) {
        j--;
      }
      return j === 0 || (j >= 10 && s.startsWith('call last)', j - 10));
    }

    // "Cell In [27], line 1", as some IPython 8 releases print it: the line number is required
    function spacedCell(idx) {
      if (!s.startsWith('Cell In [', idx)) {
        return null;
      }
      var m = cell(idx, 'Cell In [', ']');
      return m === null || m.frame.line === null ? null : m;
    }

    // IPython 8 cells: "Cell In[3], line 5, in f(x)" / "Input In [3], in <cell line: 1>()"
    function cell(idx, literal, close) {
      var d = idx + literal.length;
      var e = digitsEnd(d);
      if (e === d || e >= s.length || s.charAt(e) !== close) {
        return null;
      }
      var raw = s.substring(idx, e + 1);
      var k = e + 1;
      var line = null;
      if (s.startsWith(', line ', k)) {
        var ld = k + 7;
        var le = lineValueEnd(ld);
        if (le > ld) {
          line = lineValue(ld, le);
          k = le;
        }
      }
      if (s.startsWith(', in ', k)) {
        var m = functionFrame(idx, k + 5, raw, line, false);
        if (m !== null) {
          return marker(T_CELL, idx, m.end, 'FRAME', m.frame, null);
        }
      }
      return marker(T_CELL, idx, k, 'FRAME', frameOf(raw, line, '<module>'), null);
    }

    // whether blanks and then a quote (a frame's file name) follow at
    function opensFileName(at) {
      var k = at;
      while (k < s.length && k < at + 8 && s.charAt(k) === ' ') {
        k++;
      }
      return k > at && k < s.length && QUOTES.indexOf(s.charAt(k)) >= 0;
    }

    // the function at f, an IPython argument list skipped: the frame's marker
    function functionFrame(start, f, path, line, words) {
      var fe = functionEnd(f);
      var quoted = quotedNameEnd(f);
      if (quoted > 0 && line !== null) {
        // ctypes' "in 'calling callback function'": CPython prints the C frame's name in quotes
        return marker(T_FILE, start, quoted, 'FRAME', frameOf(path, line, s.substring(f, quoted)),
            null);
      }
      var pseudo = parenthesizedPseudoNameEnd(f);
      if (pseudo > 0) {
        // "in (module)": CPython's <module> with its brackets turned round so HTML keeps it
        return marker(T_FILE, start, pseudo, 'FRAME',
            frameOf(path, line, '<' + s.substring(f + 1, pseudo - 1) + '>'), null);
      }
      if (fe <= f) {
        if (words && line !== null && f >= s.length) {
          return marker(T_FILE, start, f, 'FRAME', frameOf(path, line, SWALLOWED), null);
        }
        return line === null ? null : marker(T_FILE, start, f, 'LOCATION', null, null);
      }
      var fn = s.substring(f, fe);
      if (words && line !== null && fn === 'File' && opensFileName(fe)) {
        // a flattened paste whose name was eaten: "line 82, in  File "x.py", line 35, in run"
        return marker(T_FILE, start, f, 'FRAME', frameOf(path, line, SWALLOWED), null);
      }
      var end = fe;
      if (end < s.length && s.charAt(end) === '(') {
        var close = argsEnd(end);
        end = close > 0 ? close : end;
      } else if (words && isTrailingWords(f, fe)) {
        fn = strip(s.substring(f)); // jinja's "in top-level template code"
        end = s.length;
      }
      return marker(T_FILE, start, end, 'FRAME', frameOf(path, line, fn), null);
    }

    // the end (after ")") of a CPython pseudo-name in parentheses, "(module)", followed by a blank
    // or the end, or -1 (TraceLexer.parenthesizedPseudoNameEnd)
    function parenthesizedPseudoNameEnd(f) {
      if (f >= s.length || s.charAt(f) !== '(') {
        return -1;
      }
      var names = ['module', 'lambda', 'listcomp', 'dictcomp', 'setcomp', 'genexpr'];
      for (var i = 0; i < names.length; i++) {
        var close = f + 1 + names[i].length;
        if (s.startsWith(names[i], f + 1) && close < s.length && s.charAt(close) === ')'
            && (close + 1 === s.length || isWhitespace(s.charAt(close + 1)))) {
          return close + 1;
        }
      }
      return -1;
    }

    // the end (after the closing quote) of a name in single quotes that ends its line, or -1
    // (TraceLexer.quotedNameEnd)
    function quotedNameEnd(f) {
      if (f >= s.length || s.charAt(f) !== "'") {
        return -1;
      }
      var close = s.indexOf("'", f + 1);
      if (close <= f + 1 || close - f > MAX_FUNCTION || strip(s.substring(close + 1)) !== '') {
        return -1;
      }
      var name = s.substring(f + 1, close);
      return strip(name) === '' || name.indexOf('"') >= 0 ? -1 : close + 1;
    }

    // the end of a function token: name characters and dots, <…> groups kept whole
    function functionEnd(f) {
      var i = f;
      var limit = Math.min(s.length, f + MAX_FUNCTION);
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
            return i;
          }
          i = j + 1;
          if (j > f && s.charAt(f) === '<' && i < limit && isNamePart(s.charAt(i))) {
            return i; // source glued to a name such as <module>: "<module>main()"
          }
        } else if (isWhitespace(c) || c === '(' || c === ',' || c === '"' || c === ')'
            || c === '\'' || c === '\\') {
          // no name holds a quote or a backslash: "<module>'" of a list's repr, "f\r\n" of a dump
          return i;
        } else {
          i++;
        }
      }
      return i;
    }

    function argsEnd(open) {
      var depth = 0;
      var limit = Math.min(s.length, open + MAX_ARGS);
      for (var i = open; i < limit; i++) {
        var c = s.charAt(i);
        if (c === '(') {
          depth++;
        } else if (c === ')' && --depth === 0) {
          return i + 1;
        }
      }
      return -1;
    }

    // lowercase words after a lowercase function word, the first not a Python keyword (jinja's
    // "in top-level template code", not source glued after the name)
    function isTrailingWords(f, from) {
      if (from >= s.length || s.charAt(from) !== ' ' || s.length - from > 60) {
        return false;
      }
      for (var k = f; k < from; k++) {
        var d = s.charAt(k);
        if (!(d === '-' || (d >= 'a' && d <= 'z'))) {
          return false;
        }
      }
      var rest = strip(s.substring(from));
      var blank = rest.indexOf(' ');
      var word = blank < 0 ? rest : rest.substring(0, blank);
      if (PYTHON_KEYWORDS.has(word) || word === 'print') {
        return false;
      }
      for (var i = from; i < s.length; i++) {
        var c = s.charAt(i);
        if (!(c === ' ' || c === '-' || (c >= 'a' && c <= 'z'))) {
          return false;
        }
      }
      return !isBlank(s.substring(from));
    }

    // skips blanks, and ">" quote marks left by a blockquote flattened into the text
    function skipBlanks(i) {
      while (i < s.length) {
        var c = s.charAt(i);
        if (c === ' ' || c === '\t' || (c === '>' && i + 1 < s.length
            && (s.charAt(i + 1) === ' ' || isOneOf(QUOTES, s.charAt(i + 1))))) {
          i++;
        } else {
          return i;
        }
      }
      return i;
    }

    function digitsEnd(i) {
      var limit = Math.min(s.length, i + 9);
      while (i < limit && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      return i;
    }

    function parseLine(from, to) {
      return to > from ? Number(s.substring(from, to)) : null;
    }

    // the end of a frame's line value: digits, or what Python prints for a frame whose line it
    // does not know (None, a negative number); i when there is none (TraceLexer.lineValueEnd)
    function lineValueEnd(i) {
      if (s.startsWith('None', i)) {
        return i + 4;
      }
      var d = i < s.length && s.charAt(i) === '-' ? i + 1 : i;
      var e = d;
      while (e < s.length && s.charAt(e) >= '0' && s.charAt(e) <= '9') {
        e++;
      }
      return e > d ? e : placeholderEnd(i);
    }

    // the end of a line number the poster replaced (XX, ##, ..., N) before ", in f"; i when none
    // (TraceLexer.placeholderEnd)
    function placeholderEnd(i) {
      var p = i;
      while (p < s.length && p - i <= 12
          && (isLetter(s.charAt(p)) || '#?.%*_\u2026'.indexOf(s.charAt(p)) >= 0)) {
        p++;
      }
      if (p === i || p - i > 12) {
        return i;
      }
      var comma = skipBlanks(p);
      return comma < s.length && s.charAt(comma) === ',' && s.startsWith('in ', skipBlanks(comma + 1))
        ? p : i;
    }

    // the line of a value lineValueEnd found: null unless 1-9 digits
    function lineValue(from, to) {
      var c = s.charAt(from);
      return to - from <= 9 && c >= '0' && c <= '9' ? parseLine(from, to) : null;
    }

    run();
  }

  function isCodePath(token) {
    return (token.indexOf('/') >= 0 || token.indexOf('\\') >= 0) && hasCodeExtension(token);
  }
  function hasCodeExtension(path) {
    return CODE_EXTENSIONS.some(function (ext) { return path.endsWith(ext); });
  }
  // <…> without blanks at either end or other brackets: numpy's dispatcher "file"
  function isBracketedName(prefix) {
    return prefix.length > 2 && prefix.length <= MAX_BRACKETED_NAME && prefix.charAt(0) === '<'
        && prefix.indexOf('<', 1) < 0 && prefix.indexOf('>') === prefix.length - 1
        && !isWhitespace(prefix.charAt(1));
  }

  // ---- interleaved tracebacks (Interleave): two processes' lines separated ----
  var MAX_STREAMS = 4;

  // the items with interleaved tracebacks separated, or items itself
  function separateInterleaved(items) {
    var headers = 0;
    for (var h = 0; h < items.length && headers < 2; h++) {
      if (items[h].kind === 'HEADER') {
        headers++;
      }
    }
    if (headers < 2) {
      return items;
    }
    var out = new InterleaveRegion(items).run();
    return out === null || interleaveLinks(out) <= interleaveLinks(items) ? items : out;
  }

  // frames that follow a source line calling them (Interleave.links)
  function interleaveLinks(items) {
    var links = 0;
    var source = null;
    items.forEach(function (item) {
      if (item.kind === 'FRAME') {
        links += sourceCalls(source, item.frame.function) ? 1 : 0;
        source = null;
      } else if (item.kind === 'HEADER') {
        source = null;
      } else if (item.kind === 'TEXT' && item.indent > 0 && item.endsLine) {
        source = strip(item.text);
      }
    });
    return links;
  }

  // whether the source line calls function: f( or .f(, not g_f(
  function sourceCalls(source, fn) {
    if (source === null || fn === null || fn === undefined || fn === '') {
      return false;
    }
    var at = source.indexOf(fn + '(');
    while (at >= 0) {
      if (at === 0 || !isNamePart(source.charAt(at - 1))) {
        return true;
      }
      at = source.indexOf(fn + '(', at + 1);
    }
    return false;
  }

  function InterleaveStream(created) {
    this.items = [];
    this.held = new Set();
    this.created = created;
    this.fresh = true;
    this.closed = false;
    this.lastIsFrame = false;
    this.lastIsSource = false;
    this.lastSource = null;
    this.lastFrame = null;
    this.frames = 0;
    this.waitingSince = created;
  }

  function InterleaveRegion(items) {
    this.input = items;
    this.out = [];
    this.streams = [];
    this.changed = false;
    this.openStart = -1;
    this.openHasFrames = false;
    this.frameIndent = -1;
    this.last = null;
    this.messageOwner = null;
  }

  InterleaveRegion.prototype.run = function () {
    for (var i = 0; i < this.input.length; i++) {
      var item = this.input[i];
      if (this.streams.length === 0) {
        if (!this.outside(i, item)) {
          this.out.push(item);
        }
        continue;
      }
      if (!this.inside(i, item)) {
        return null;
      }
    }
    if (this.streams.length > 0 && !this.emit(false)) {
      return null;
    }
    return this.changed ? this.out : null;
  };

  InterleaveRegion.prototype.outside = function (i, item) {
    switch (item.kind) {
      case 'HEADER':
        if (this.openStart >= 0 && this.openHasFrames) {
          return this.startRegion(i, item);
        }
        this.openStart = this.out.length;
        this.openHasFrames = false;
        break;
      case 'FRAME':
        if (this.openStart < 0) {
          this.openStart = this.out.length;
        }
        this.openHasFrames = true;
        this.frameIndent = item.indent;
        break;
      case 'TEXT':
        if (this.openStart >= 0 && this.openHasFrames && isStrongException(item)) {
          this.openStart = -1;
        }
        break;
      case 'BLANK':
        break;
      default:
        this.openStart = -1;
    }
    return false;
  };

  InterleaveRegion.prototype.startRegion = function (i, header) {
    var first = new InterleaveStream(this.openStart);
    for (var k = this.openStart; k < this.out.length; k++) {
      var item = this.out[k];
      first.items.push(item);
      if (item.kind === 'FRAME') {
        placeStreamFrame(first, item, k);
      } else if (this.isSource(item)) {
        placeStreamSource(first, item, k);
      }
    }
    first.fresh = first.frames === 0;
    this.out.length = this.openStart;
    this.streams.push(first);
    var second = new InterleaveStream(i);
    second.items.push(header);
    this.streams.push(second);
    this.last = second;
    this.openStart = -1;
    return true;
  };

  InterleaveRegion.prototype.inside = function (i, item) {
    var s;
    switch (item.kind) {
      case 'HEADER': {
        this.messageOwner = null;
        var open = this.streams.filter(function (x) { return !x.closed; }).length;
        if (open === 0) {
          return this.endRegion(i, item);
        }
        if (open === 1 && this.streams.length > 1 && !this.emit(true)) {
          return false;
        }
        if (this.streams.length >= MAX_STREAMS) {
          return false;
        }
        s = new InterleaveStream(i);
        s.items.push(item);
        this.streams.push(s);
        this.last = s;
        return true;
      }
      case 'FRAME':
        this.messageOwner = null;
        if (item.indent !== this.frameIndent) {
          return false;
        }
        s = this.frameStream(item);
        if (s === null) {
          return false;
        }
        s.items.push(item);
        placeStreamFrame(s, item, i);
        this.last = s;
        return true;
      case 'TEXT':
        return this.text(i, item);
      case 'BLANK':
        (this.messageOwner !== null ? this.messageOwner : this.last).items.push(item);
        return true;
      default:
        return false;
    }
  };

  InterleaveRegion.prototype.text = function (i, item) {
    var s;
    if (this.isSource(item) && (this.messageOwner === null || this.awaitingSource() !== null)) {
      s = this.awaitingSource();
      if (s === null) {
        return false;
      }
      this.messageOwner = null;
      s.items.push(item);
      placeStreamSource(s, item, i);
      this.last = s;
      return true;
    }
    if (this.messageOwner !== null) {
      this.messageOwner.items.push(item);
      return true;
    }
    if (item.indent === 0 && isStrongException(item)) {
      s = this.exceptionStream();
      if (s === null) {
        return false;
      }
      s.items.push(item);
      s.closed = true;
      this.messageOwner = s;
      this.last = s;
      return true;
    }
    this.last.items.push(item);
    return true;
  };

  InterleaveRegion.prototype.isSource = function (item) {
    return item.kind === 'TEXT' && item.endsLine && this.frameIndent >= 0
        && item.indent === this.frameIndent + 2;
  };

  function isStrongException(item) {
    var e = parseException(strip(item.text));
    return e !== null && e.strong;
  }

  function placeStreamFrame(s, item, at) {
    var f = item.frame;
    s.held.add(frameKey(f));
    s.fresh = false;
    s.frames++;
    s.lastFrame = f;
    s.lastIsFrame = true;
    s.lastIsSource = false;
    s.waitingSince = at;
  }

  function placeStreamSource(s, item, at) {
    s.lastSource = strip(item.text);
    s.lastIsFrame = false;
    s.lastIsSource = true;
    s.waitingSince = at;
  }

  function frameKey(f) {
    return f.rawPath + ':' + f.line + ':' + f.function;
  }

  // a frame CPython prints with no source line: code run from a string or from stdin
  function printsNoSource(f) {
    return f !== null && (f.rawPath === '<string>' || f.rawPath === '<stdin>');
  }

  function waitedLonger(s, than) {
    return than === null || s.waitingSince < than.waitingSince;
  }

  InterleaveRegion.prototype.frameStream = function (item) {
    var f = item.frame;
    var key = frameKey(f);
    var preferred = null;
    var waiting = null;
    var s;
    for (var k = 0; k < this.streams.length; k++) {
      s = this.streams[k];
      if (s.closed || s.held.has(key) || s.lastIsFrame) {
        continue;
      }
      var called = s.fresh || sourceCalls(s.lastSource, f.function);
      if (called && waitedLonger(s, preferred)) {
        preferred = s;
      }
      if (!called && s.lastSource !== null && s.lastSource.startsWith('raise ')) {
        continue;
      }
      if (waiting === null || s.created < waiting.created) {
        waiting = s;
      }
    }
    if (preferred !== null || waiting !== null) {
      return preferred !== null ? preferred : waiting;
    }
    var sourceless = null;
    var onlyOpen = null;
    var open = 0;
    for (var j = 0; j < this.streams.length; j++) {
      s = this.streams[j];
      if (s.closed || s.held.has(key)) {
        continue;
      }
      open++;
      onlyOpen = s;
      if (s.lastIsFrame && printsNoSource(s.lastFrame) && waitedLonger(s, sourceless)) {
        sourceless = s;
      }
    }
    return sourceless !== null ? sourceless : open === 1 ? onlyOpen : null;
  };

  InterleaveRegion.prototype.awaitingSource = function () {
    var best = null;
    this.streams.forEach(function (s) {
      if (!s.closed && s.lastIsFrame && !printsNoSource(s.lastFrame) && waitedLonger(s, best)) {
        best = s;
      }
    });
    return best;
  };

  InterleaveRegion.prototype.exceptionStream = function () {
    var afterSource = null;
    var afterFrame = null;
    this.streams.forEach(function (s) {
      if (s.closed || s.frames === 0) {
        return;
      }
      if (s.lastIsSource && (afterSource === null || s.waitingSince > afterSource.waitingSince)) {
        afterSource = s;
      } else if (s.lastIsFrame && waitedLonger(s, afterFrame)) {
        afterFrame = s;
      }
    });
    return afterSource !== null ? afterSource : afterFrame;
  };

  InterleaveRegion.prototype.emit = function (carry) {
    if (this.streams.some(function (s) { return s.frames === 0; })) {
      return false;
    }
    this.changed = this.changed || this.streams.length > 1;
    var open = null;
    var out = this.out;
    this.streams.forEach(function (s) {
      if (s.closed || !carry) {
        s.items.forEach(function (it) { out.push(it); });
      } else {
        open = s;
      }
    });
    this.streams = [];
    if (open !== null) {
      this.streams.push(open); // carried: the same state, its items written later
      this.last = open;
    }
    return true;
  };

  InterleaveRegion.prototype.endRegion = function (i, header) {
    if (!this.emit(false)) {
      return false;
    }
    this.messageOwner = null;
    this.outside(i, header);
    this.out.push(header);
    return true;
  };

  // ---- tracebacks (TracebackParser) ----
  var FLAT_MESSAGE_MAX = 300;
  var MESSAGE_MAX = 10000;

  // every traceback of one block of text:
  // [{position, frames, type, message, chainedFrom, chainKind, nestedFrames}];
  // readsTfListings false (the paper profile) leaves TF 2.0-2.3's "/x/y.py:12 f" lines as text
  function parseTracebacks(text, readsTfListings) {
    if (text === null || text === undefined || text === '') {
      return [];
    }
    var normalized = normalize(text);
    if (!mayHoldFramesNormalized(normalized)) {
      return [];
    }
    return new TracebackRun(readsTfListings !== false)
        .parse(separateInterleaved(lex(repairPaste(normalized))));
  }

  // a traceback being read (TracebackParser.Open)
  function OpenTraceback(header, chainKind, chainedFrom) {
    this.header = header;
    this.chainKind = chainKind;
    this.chainedFrom = chainedFrom;
    this.frames = [];
    this.hintType = null;
    this.orphan = null;
    this.wrappedCause = null; // Ray's "RayTaskError(Cause): …" line after the frames
    this.type = null;
    this.message = null; // a string once the exception is read
    this.sourceSeen = false;
    this.openSource = null; // the last frame's source while inside a string or bracket
    this.frameIndent = -1;
    this.nested = false; // reading a frame listing printed inside the message
    this.nestedFrames = [];
    this.nestedFrameIndent = -1;
    this.nestedSourceDue = false;
    this.textAfterListing = false;
    this.pendingEnd = false; // a blank line followed the message
    this.djangoValueDue = false; // Django's "Exception Type:" was read
    this.frameStartsLine = false; // a frame starts its line (not run on from prose)
    this.cutBeforeFrames = false; // the poster cut the frames after the header
    this.cutSourceLines = 0; // source lines read after the header, the frames cut
    this.interleavedLines = 0; // the program's output passed over (isInterleavedOutput)
    this.sourceBelowFrame = false; // a line indented deeper than the last frame followed it
  }
  OpenTraceback.prototype.enterNested = function () {
    this.nested = true;
    this.textAfterListing = false;
    this.nestedSourceDue = false;
  };
  OpenTraceback.prototype.done = function () {
    return this.message !== null;
  };

  // the type VS Code's debugger names before the frames (TracebackParser.announcedType):
  // "Exception has occurred: TypeError", maybe followed by "(note: ...)"
  var ANNOUNCED = 'Exception has occurred: ';
  function announcedType(t) {
    return nameAfter(t, ANNOUNCED, function (rest) {
      return isBlank(rest) || (isWhitespace(rest.charAt(0)) && strip(rest).startsWith('('));
    });
  }

  // the exception name after prefix at the start of t, when the text after it fits
  // (TracebackParser.nameAfter)
  function nameAfter(t, prefix, restFits) {
    if (!t.startsWith(prefix)) {
      return null;
    }
    var from = prefix.length;
    var end = nameEnd(t, from);
    return end >= 0 && restFits(t.substring(end)) ? t.substring(from, end) : null;
  }

  // Django's "Exception Type: X at /path" after the frames (TracebackParser.djangoType)
  var DJANGO_TYPE = 'Exception Type: ';
  var DJANGO_VALUE = 'Exception Value:';
  function djangoType(t) {
    return nameAfter(t, DJANGO_TYPE, function (rest) {
      return isBlank(rest) || rest.startsWith(' at ');
    });
  }

  function withoutLines(frames) {
    return frames.every(function (f) { return f.line === null; });
  }

  // TensorFlow/Keras print a frame listing inside the message after these lines
  function isNestedIntro(t) {
    return t.endsWith('in user code:') || t.endsWith('defined at (most recent call last):')
        || t.endsWith('defined at:') || t.endsWith('Graph execution error:')
        || (t.startsWith('Original stack trace for') && t.endsWith(':'));
  }

  // console output after a traceback: a log record (also logging's "ERROR:root:", absl's
  // "W0501 10:00:01.123456 ", a level before its time, a web server's "[29/Nov/2013 13:33:23]"
  // request line), a progress bar, a Windows shell prompt, an IDE's exit-code line, a Unix shell's
  // error line or prompt
  var CONSOLE_LINE = new RegExp('^(?:\\[[DIWEC] (?:\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d:\\d\\d[.,]\\d+ '
      + '|(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):[\\w.-]+:'
      + '|[DIWEF]\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d+ '
      + '|Process finished with exit code -?\\d+$'
      + '|\\[?\\d{4}-\\d\\d-\\d\\d(?:,? |T)\\d\\d:\\d\\d:\\d\\d'
      + '|(?:DEBUG|INFO|WARN|WARNING|ERROR|CRITICAL|FATAL) +\\[?\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d'
      + '|(?:\\d{1,3}(?:\\.\\d{1,3}){3} - \\S+ )?\\[\\d\\d/[A-Z][a-z]{2}/\\d{4}[ :]\\d\\d:\\d\\d:\\d\\d'
      + '|\\d{1,3}%\\||\\d+it \\[|(?:PS )?[A-Za-z]:\\\\[^>\\n]{0,300}>(?:\\s|$)'
      + '|(?:/(?:usr/)?bin/)?(?:ba|z|da|k)?sh(?:: (?:line )?\\d+)?: '
      + '|(?:\\([\\w.-]+\\) )?(?:[\\w.-]+@[\\w.-]+:[^\\s$#]{0,300}'
      + '|\\[[\\w.-]+(?:@| at )[\\w.-]+ [^\\]\\n]{1,300}\\])[$#](?:\\s|$)'
      + '|[\\w.-]+:[^\\s$#]{0,300} [\\w.-]+\\$(?:\\s|$)'
      + '|[\\w.-]+(?: [\\w.~/-]+){1,2} \\$(?:\\s|$)'
      + '|\\$ [\\w./~-])');

  // Keras' "Exception encountered when calling layer "x" (type Y)." (Keras 3: "… Sequential.call().")
  // as the message's last line: the error follows after a blank line, which does not end it
  var KERAS_INTRO = /^Exception encountered when calling [^\n]{1,300}\.$/;
  function endsWithKerasIntro(message) {
    return KERAS_INTRO.test(message.substring(message.lastIndexOf('\n') + 1));
  }

  // a prompt, a rule of >= 20 dashes, or the interpreter's line before another report ends a message
  function endsMessage(t) {
    if (t.startsWith('>>>') || t.startsWith('In [') || CONSOLE_LINE.test(t)) {
      return true;
    }
    var u = t.startsWith('^C') ? t.substring(2) : t;
    return /^-{20,}$/.test(t)
        || t === '^C'
        || (t.length >= 20 && t.startsWith('\u2500\u2500') && t.endsWith('\u2500\u2500'))
        || (u.startsWith('Exception in thread ') && u.endsWith(':'))
        || u === 'Error in sys.excepthook:'
        || u === 'Original exception was:'
        || u.startsWith('Exception ignored in:')
        || u === 'Error in atexit._run_exitfuncs:'
        || u === 'Call stack:'
        || u.startsWith('The debugger caught an exception in your WSGI application.')
        || u === 'Unhandled error in Deferred:'; // Twisted's intro of its next traceback
  }

  // a short line saying lines were cut here: an ellipsis in it, a comment, or one word such as snip
  // (TracebackParser.isPosterCut)
  var CUT_WORD = /^[\W_]*(?:snip(?:ped)?|omitted|truncated|redacted|elided)[\W_]*$/i;
  function isPosterCut(t) {
    return t.length <= 80
        && (t.indexOf('...') >= 0 || t.indexOf('\u2026') >= 0 || t.startsWith('#')
            || CUT_WORD.test(t));
  }

  function isEllipsis(t) {
    if (t === '') {
      return false;
    }
    for (var i = 0; i < t.length; i++) {
      var c = t.charAt(i);
      if (c !== '.' && c !== '\u2026' && c !== ' ') {
        return false;
      }
    }
    return replaceAll(t, ' ', '').length >= 2 || t.indexOf('\u2026') >= 0;
  }

  // the start of the first IPython arrow (-> 12, ---> 12) in t, or -1
  function firstArrow(t) {
    var i = t.indexOf('> ');
    while (i >= 0) {
      if (i > 0 && t.charAt(i - 1) === '-' && i + 2 < t.length && isDigit(t.charAt(i + 2))) {
        var j = i - 1;
        while (j > 0 && t.charAt(j - 1) === '-') {
          j--;
        }
        return j;
      }
      i = t.indexOf('> ', i + 1);
    }
    return -1;
  }

  // the start of the last IPython arrow in t, or -1
  function lastArrow(t) {
    var i = t.lastIndexOf('> ');
    while (i > 0) {
      if (t.charAt(i - 1) === '-' && i + 2 < t.length && isDigit(t.charAt(i + 2))) {
        return i - 1;
      }
      i = t.lastIndexOf('> ', i - 1);
    }
    return -1;
  }

  // "except X:": source code, not the exception ("raise X:" is the exception: IPython's flattened
  // context ends in a bare "raise" before it)
  function afterExcept(t, start) {
    return stripTrailing(t.substring(Math.max(0, start - 8), start)).endsWith('except');
  }

  // raise X, except X, import X: source code, not the exception
  function afterKeyword(t, start) {
    var before = stripTrailing(t.substring(Math.max(0, start - 8), start));
    return before.endsWith('raise') || before.endsWith('except') || before.endsWith('import');
  }

  // the message in flattened rest: up to an IDE's exit-code line, at most FLAT_MESSAGE_MAX
  // characters cut at a blank
  function cutFlatMessage(rest) {
    var exit = rest.indexOf('Process finished with exit code ');
    if (exit > 0) {
      rest = stripTrailing(rest.substring(0, exit));
    }
    if (rest.length <= FLAT_MESSAGE_MAX) {
      return rest;
    }
    var space = rest.lastIndexOf(' ', FLAT_MESSAGE_MAX);
    return rest.substring(0, space > 0 ? space : FLAT_MESSAGE_MAX);
  }

  // the mutable state of one parse (TracebackParser.Run)
  function TracebackRun(readsTfListings) {
    this.readsTfListings = readsTfListings !== false;
    this.out = [];
    this.cur = null;
    this.pendingKind = null;
    this.pendingFrom = null;
    this.orphan = null;
    this.statedForChain = null; // stated above a cause that printed none: the next section's
    this.statedCause = null;
    this.lastEmitted = null;
    this.headerInsideTraceback = false; // then no line is passed over as interleaved output
    this.groups = []; // a stack: the innermost exception group last
    this.introOrphan = null;
    this.blanksOrphan = null;
    this.orphanAnnounced = false; // the orphan was announced by VS Code (its message follows)
    this.lastAnnounced = null;
    this.end = 'NONE'; // how the text ends: in no traceback, in an open one, or done
    this.sawFrames = false;
  }

  TracebackRun.prototype.parse = function (items) {
    for (var i = 0; i < items.length; i++) {
      var it = items[i];
      var previousOrphan = this.orphan;
      this.orphan = null;
      this.lastAnnounced = this.orphanAnnounced ? previousOrphan : null;
      this.orphanAnnounced = false;
      var beforeBlanks = this.blanksOrphan;
      this.blanksOrphan = previousOrphan !== null ? previousOrphan
          : it.kind === 'BLANK' ? beforeBlanks : null;
      this.introOrphan = previousOrphan !== null ? previousOrphan : beforeBlanks;
      var cur = this.cur;
      if (cur !== null && cur.pendingEnd && it.kind !== 'BLANK') {
        if (it.kind === 'TEXT' && it.endsLine && isNestedIntro(strip(it.text))) {
          cur.pendingEnd = false;
          cur.message += '\n' + strip(it.text);
          cur.enterNested();
          continue;
        }
        this.finish();
      }
      this.item(it, previousOrphan);
    }
    this.end = this.cur === null ? 'NONE' : this.cur.done() ? 'DONE' : 'OPEN';
    if (this.end === 'OPEN' && this.cur.frames.length === 0 && !this.cur.header) {
      this.end = 'NONE';
    }
    this.finish();
    this.restoreStated(this.statedForChain, this.statedCause);
    this.statedForChain = null;
    return this.out;
  };

  TracebackRun.prototype.item = function (it, previousOrphan) {
    switch (it.kind) {
      case 'HEADER':
        if (this.cur !== null && this.cur.frames.length > 0 && this.cur.message === null) {
          this.headerInsideTraceback = true; // two processes' output, not only a program's
        }
        this.finish();
        // a stack printed innermost first (faulthandler, gdb) has no exception of its own
        var lastCallLast = !it.text.endsWith('(most recent call first):');
        this.cur = this.open(lastCallLast);
        this.cur.hintType = it.hint;
        if (lastCallLast && it.indent >= 0 && this.introOrphan !== null) {
          this.cur.orphan = this.introOrphan; // stated on the line above: types the traceback if cut
        }
        break;
      case 'CHAIN_DURING':
      case 'CHAIN_CAUSE':
        // an exception stated above a chain whose cause prints none (Werkzeug's debugger page) is
        // the chain's last exception, not its cause's
        var stated = this.cur !== null && this.cur.type === null && this.cur.hintType === null
            ? this.cur.orphan : null;
        if (stated !== null) {
          this.cur.orphan = null;
        }
        this.finish();
        this.pendingFrom = this.lastEmitted;
        this.pendingKind = this.lastEmitted === null ? null
            : it.kind === 'CHAIN_DURING' ? 'during_handling' : 'direct_cause';
        if (this.pendingKind === null) {
          this.restoreStated(stated, this.lastEmitted);
        } else {
          this.statedForChain = stated;
          this.statedCause = this.lastEmitted;
        }
        break;
      case 'GROUP_FIRST':
        this.finish();
        this.groups.push(this.lastEmitted === null ? -1 : this.lastEmitted);
        this.member();
        break;
      case 'GROUP_NEXT':
        this.finish();
        this.member();
        break;
      case 'GROUP_END':
        this.finish();
        this.groups.pop();
        this.pendingKind = null;
        this.pendingFrom = null;
        break;
      case 'FRAME':
        this.frame(it, this.introOrphan);
        break;
      case 'LOCATION':
        if (this.cur !== null && !this.cur.done()) {
          this.cur.sourceSeen = false;
          this.cur.frameIndent = it.indent;
        }
        break;
      case 'BLANK':
        if (this.cur !== null && this.cur.message !== null
            && !(this.cur.nested && !this.cur.textAfterListing)
            && !endsWithKerasIntro(this.cur.message)) {
          this.cur.pendingEnd = true; // ends the traceback unless a nested listing is introduced
        }
        break;
      default:
        this.text(it);
    }
  };

  TracebackRun.prototype.open = function (header) {
    var o = new OpenTraceback(header, this.pendingKind, this.pendingFrom);
    var chained = this.pendingKind === 'during_handling' || this.pendingKind === 'direct_cause';
    if (chained) {
      o.orphan = this.statedForChain;
    } else {
      this.restoreStated(this.statedForChain, this.statedCause);
    }
    this.statedForChain = null;
    this.pendingKind = null;
    this.pendingFrom = null;
    return o;
  };

  // types the emitted traceback at index by the exception stated above it, when no section followed
  // the chain sentence after it to take that exception
  TracebackRun.prototype.restoreStated = function (stated, index) {
    if (stated === null || index === null || index >= this.out.length) {
      return;
    }
    var t = this.out[index];
    if (t.type !== null) {
      return; // typed at its end after all (a wrapped cause, a repeated line)
    }
    var before = stated.message;
    t.type = stated.type;
    t.message = before === null ? t.message : t.message === null ? before : before + '\n' + t.message;
  };

  // the next traceback is a sub-exception of the innermost open exception group
  TracebackRun.prototype.member = function () {
    var group = this.groups.length === 0 ? null : this.groups[this.groups.length - 1];
    this.pendingKind = group === null || group < 0 ? null : 'group_member';
    this.pendingFrom = this.pendingKind === null ? null : group;
  };

  // opens a traceback at a frame; its exception may be `orphan`, printed before it
  TracebackRun.prototype.frame = function (it, orphan) {
    var cur = this.cur;
    if (cur !== null && cur.nested) {
      cur.nestedFrames.push(it.frame);
      cur.nestedFrameIndent = it.indent;
      cur.nestedSourceDue = true;
      cur.textAfterListing = false;
      return;
    }
    if (cur === null || cur.done()) {
      this.finish();
      this.cur = this.open(false);
      if (orphan !== null) {
        this.cur.orphan = orphan;
      }
    }
    this.cur.frames.push(it.frame);
    this.cur.frameStartsLine = this.cur.frameStartsLine || it.indent >= 0;
    this.sawFrames = true;
    this.cur.sourceSeen = false;
    this.cur.sourceBelowFrame = false;
    this.cur.openSource = null;
    this.cur.frameIndent = it.indent;
  };

  TracebackRun.prototype.text = function (it) {
    var t = strip(it.text);
    var cur = this.cur;
    var e;
    if (cur === null) {
      e = parseException(t);
      if (it.endsLine && isNestedIntro(t)) {
        // a listing without an outer traceback: its frames are the only stack there is
        this.cur = this.open(false);
        if (e !== null && e.strong) {
          this.setException(e, it.endsLine);
        } else {
          if (this.introOrphan !== null) {
            this.cur.orphan = this.introOrphan;
          }
          this.cur.message = t;
          this.cur.enterNested();
        }
        return;
      }
      if (t === 'Detailed traceback:' || t === 'Traceback:'
          || this.introOrphan !== null && it.indent >= 0 && it.endsLine && isPosterCut(t)
              && (e === null || !e.strong)) {
        // R reticulate's "Detailed traceback:", Streamlit's "Traceback:", a poster's cut: the
        // exception stated before them is the frames' after them
        this.orphan = this.introOrphan;
        return;
      }
      if (this.readsTfListings && this.flatListingAlone(t)) {
        return;
      }
      var announced = announcedType(t);
      if (announced !== null) {
        this.orphan = { type: announced, message: null, strong: true };
        this.orphanAnnounced = true;
      } else if (this.lastAnnounced !== null && !(e !== null && e.strong)) {
        // the announced exception's message, printed between it and the frames
        var m = this.lastAnnounced.message;
        var message = m === null ? t : m.length > MESSAGE_MAX ? m : m + '\n' + t;
        this.orphan = { type: this.lastAnnounced.type, message: message, strong: true };
        this.orphanAnnounced = true;
      } else {
        // Django's "Traceback:" heading is no exception
        this.orphan = e !== null && e.strong && !isHeading(e) ? e : null;
      }
      return;
    }
    if (cur.nested) {
      this.nestedText(it, t);
      return;
    }
    if (cur.message === null && cur.frames.length > 0) {
      var django = djangoType(t);
      if (django !== null) {
        this.setException({ type: django, message: null, strong: true }, false);
        cur.djangoValueDue = true;
        return;
      }
    }
    if (cur.djangoValueDue) {
      cur.djangoValueDue = false;
      if (cur.message.length === 0 && t.startsWith(DJANGO_VALUE)) {
        cur.message += strip(t.substring(DJANGO_VALUE.length));
        return;
      }
    }
    if (cur.message !== null) {
      // a rule of = after the message's text: unittest's and trial's, before the next test's title
      if ((endsMessage(t) && !this.announcedCommand(t))
          || ((t === '"""' || t === "'''" || /^={20,}$/.test(t)) && cur.message.length > 0)
          || cur.message.length > MESSAGE_MAX) {
        this.finish();
        this.text(it);
      } else if (t !== '"""' && t !== "'''") {
        cur.message += '\n' + t; // the quote opening an empty message's string is no text
        if (it.endsLine && isNestedIntro(t)) {
          // TF 1.x's "Caused by op 'x', defined at:" with no blank line before it: nested
          cur.enterNested();
        }
      }
      return;
    }
    if (it.afterFrame) {
      this.inline(t, it.endsLine);
      return;
    }
    var wrapped = cur.frames.length === 0 ? null : wrappedCause(t);
    if (wrapped !== null) {
      // Ray's "RayTaskError(ValueError): …": the remote frames and the cause's own line follow
      cur.wrappedCause = wrapped;
      cur.sourceSeen = true;
      return;
    }
    var late = this.lateException(t, it.indent);
    if (late !== null) {
      this.setException(late, it.endsLine);
      return;
    }
    if (cur.header && cur.frames.length === 0 && cur.hintType === null && isPosterCut(t)
        && !((e = parseException(t)) !== null && e.strong)) {
      // the poster cut the frames after the header (TracebackParser.posterCutBeforeFrames)
      cur.cutBeforeFrames = true;
      cur.sourceSeen = false;
      cur.cutSourceLines = 0;
      return;
    }
    if (this.isContext(t, it.indent)) {
      return;
    }
    if (cur.frames.length > 0 && isEllipsis(t)) {
      // a poster's cut ("...", "…") between frames: the traceback goes on after it
      cur.sourceSeen = true;
      return;
    }
    // IPython's header named the exception: until it is printed, what follows the frames is context
    var ipythonContext = cur.hintType !== null;
    e = parseException(t);
    if (ipythonContext && cur.frames.length > 0 && !(e !== null && e.strong)) {
      var arrow = firstArrow(t); // a wrapped context line: "errors=errors, -> 1549 limit=x)"
      if (arrow >= 0) {
        this.ipythonArrowLine(t.substring(arrow));
      }
    }
    if (e !== null && e.strong && cur.frames.length === 0 && cur.interleavedLines > 0) {
      // lines passed over after a header and no frame since: the poster's words, which end the
      // header as prose does (TracebackParser)
      this.finish();
      this.text(it);
    } else if (e !== null && e.strong) {
      this.setException(e, it.endsLine);
    } else if (cur.sourceBelowFrame && e !== null && e.type.indexOf('.') >= 0
        && e.message !== null) {
      // ftplib.error_perm: 500 after the frame's source line (TracebackParser.isDottedWithMessage)
      this.setException(e, it.endsLine);
    } else if (e === null && it.indent === 0 && cur.header && !this.headerInsideTraceback
        && (cur.frames.length === 0 ? !this.cutFrameLine(it, t) : cur.frameIndent > 0)
        && cur.hintType === null && cur.openSource === null
        && cur.interleavedLines < MAX_INTERLEAVED_LINES) {
      // the program's output interleaved after a header, before its first frame or among frames
      // printed indented (TracebackParser.isInterleavedOutput): passed over
      cur.interleavedLines++;
    } else if (!cur.sourceSeen && cur.frames.length > 0) {
      cur.sourceSeen = true;
      cur.openSource = isUnclosedSource(t) ? t : null;
    } else if (cur.openSource !== null && e === null) {
      // the rest of a source line wrapped inside a string or a call (TracebackParser)
      var joined = cur.openSource + ' ' + t;
      cur.openSource = isUnclosedSource(joined) && joined.length < MAX_WRAPPED_SOURCE
        ? joined : null;
    } else if (e !== null && cur.frames.length > 0) {
      this.setException(e, it.endsLine);
    } else if (this.cutFrameLine(it, t)) {
      // a source line of frames whose "File …" lines the poster cut (TracebackParser.cutFrameLine)
      cur.sourceSeen = true;
      cur.cutSourceLines++;
    } else if (!ipythonContext) {
      this.finish();
      this.text(it);
    }
  };

  // an exception on a line the frames would take as source (TracebackParser.lateException):
  // the whole line when indented deeper than the frame, or glued after a source line
  TracebackRun.prototype.lateException = function (t, indent) {
    var cur = this.cur;
    if (cur.frames.length === 0) {
      return null;
    }
    var deeper = cur.frameIndent >= 0 && indent > cur.frameIndent;
    var e = parseException(t);
    if (deeper && e !== null && isClassName(e.type)) {
      return e;
    }
    if (e !== null && e.strong) {
      return null; // a whole exception line: the caller reads it ("ValueError: … Error: x")
    }
    var c = t.charAt(0);
    if (isDigit(c) || c === '-') {
      return null; // IPython context ("330     ValueError: if x" in a docstring) is source
    }
    return deeper || !cur.sourceSeen ? gluedException(t) : null;
  };

  function isClassName(name) {
    var last = name.substring(name.lastIndexOf('.') + 1);
    return isUpperCase(last.charAt(0)) && isTypedName(last);
  }

  // TensorFlow 2.0-2.3's listing in an "in user code:" message: "/x/training.py:806 train_function  *"
  var TF_LISTED_FRAME = new RegExp('^(<[^<>\\s]{1,200}>'
      + '|(?:[A-Za-z]:[\\\\/]|[/\\\\~.])[^<>"\':*?|]{0,500}?\\.(?:py|pyx)'
      + '|[\\w-][^\\s<>"\':]{0,500}?\\.(?:py|pyx))'
      + ':(\\d{1,7}) ([A-Za-z_<][\\w<>.]{0,200})(?: +\\*{1,2})?$');
  // the same in flattened text, at a word start and followed by a blank or the end
  var TF_LISTED_FLAT = new RegExp('(^|\\s)(<[^<>\\s]{1,200}>'
      + '|(?:[A-Za-z]:[\\\\/]|[/\\\\~.\\w-])[^\\s<>"\':*?|]{0,500}?\\.(?:py|pyx))'
      + ':(\\d{1,7}) ([A-Za-z_<][\\w<>.]{0,200})(?!\\S)', 'g');
  var USER_CODE = 'in user code:';

  // text inside a nested listing: source lines of its frames are skipped, the rest is message
  TracebackRun.prototype.nestedText = function (it, t) {
    var cur = this.cur;
    if (it.afterFrame) {
      return; // Keras' "  *" / "  **" markers after a listed frame
    }
    if (this.readsTfListings && it.indent >= 0 && it.endsLine && !cur.textAfterListing
        && cur.message.endsWith(USER_CODE)) {
      var m = TF_LISTED_FRAME.exec(t);
      if (m !== null) {
        // TF 2.0-2.3: "/x/training.py:806 train_function  *", its source line deeper below
        cur.nestedFrames.push(frameOf(m[1], parseInt(m[2], 10), m[3]));
        cur.nestedFrameIndent = it.indent;
        cur.nestedSourceDue = true;
        return;
      }
    }
    var deeper = cur.nestedFrameIndent >= 0 && it.indent > cur.nestedFrameIndent;
    var e = parseException(t);
    var source = deeper || (cur.nestedSourceDue && !(e !== null && e.strong));
    if (cur.nestedFrames.length > 0 && !cur.textAfterListing && source) {
      cur.nestedSourceDue = false;
      return;
    }
    cur.nestedSourceDue = false;
    if ((endsMessage(t) && !this.announcedCommand(t)) || cur.message.length > MESSAGE_MAX) {
      this.finish();
      this.text(it);
      return;
    }
    cur.message += '\n' + t;
    cur.textAfterListing = !(it.endsLine && isNestedIntro(t));
  };

  // a "$ command" line the message announced (its last line ends with ":" or "e.g.", or is such a
  // command): the message's text, not a prompt after it (TracebackParser.announcedCommand)
  TracebackRun.prototype.announcedCommand = function (t) {
    if (!t.startsWith('$ ')) {
      return false;
    }
    var m = this.cur.message;
    var last = strip(m.substring(m.lastIndexOf('\n') + 1));
    return last.endsWith(':') || last.endsWith('e.g.') || last.startsWith('$ ');
  };

  // text after a frame on the same line: flattened source, IPython context, maybe the exception
  TracebackRun.prototype.inline = function (t, endsLine) {
    var n = t.length;
    var contextEnd = lastArrow(t); // an "Error:" before IPython's "-> 1605 …" is source context
    var i = 0;
    var bareStart = -1;
    var bareEnd = -1;
    var arrow;
    while (i < n) {
      while (i < n && isWhitespace(t.charAt(i))) {
        i++;
      }
      var start = i;
      var end = nameEnd(t, i);
      while (i < n && !isWhitespace(t.charAt(i))) {
        i++;
      }
      if (end <= start || (start > 0 && !isWhitespace(t.charAt(start - 1)))) {
        continue;
      }
      var name = t.substring(start, end);
      if (!isTypedName(name.substring(name.lastIndexOf('.') + 1))) {
        continue;
      }
      if (end === i - 1 && t.charAt(end) === ':' && start > contextEnd
          && !afterExcept(t, start)) { // "except socket.timeout:" is source
        arrow = firstArrow(t);
        if (arrow >= 0 && arrow < start) {
          this.ipythonArrowLine(t.substring(arrow));
        }
        var rest = strip(t.substring(i));
        this.setException({type: name, message: rest === '' ? null : cutFlatMessage(rest),
          strong: true}, false);
        if (this.readsTfListings && rest.startsWith(USER_CODE) && this.flatListing(rest)) {
          this.finish();
          return;
        }
        if (!endsLine && isNestedIntro(t)) {
          this.cur.enterNested(); // flattened "…Error: in user code: File …"
        } else {
          this.finish();
        }
        return;
      }
      if (end === i && bareEnd < 0 && !afterKeyword(t, start)) {
        bareStart = start;
        bareEnd = end;
      }
    }
    if (bareEnd >= 0) {
      this.setException({type: t.substring(bareStart, bareEnd), message: null, strong: true},
          false);
      this.finish();
    } else {
      arrow = firstArrow(t); // flattened IPython context: "1 import x ----> 2 f()"
      this.ipythonArrowLine(arrow < 0 ? t : t.substring(arrow));
    }
  };

  // a flattened TF 2.0-2.3 listing "in user code: /x/training.py:855 train_function * return …":
  // when a listed frame follows the intro at once, its frames are nested (the message keeps the text)
  TracebackRun.prototype.flatListing = function (rest) {
    var listing = rest.substring(USER_CODE.length).replace(/^\s+/, '');
    TF_LISTED_FLAT.lastIndex = 0;
    var m = TF_LISTED_FLAT.exec(listing);
    if (m === null || m.index !== 0) {
      return false;
    }
    while (m !== null) {
      this.cur.nestedFrames.push(frameOf(m[2], parseInt(m[3], 10), m[4]));
      m = TF_LISTED_FLAT.exec(listing);
    }
    return true;
  };

  // a flattened TF 2.0-2.3 listing with no outer traceback, "… ValueError: in user code:
  // /x/training.py:1478 predict_function * return …": its frames are the stack
  TracebackRun.prototype.flatListingAlone = function (t) {
    var at = t.indexOf(': ' + USER_CODE);
    if (at <= 0) {
      return false;
    }
    var start = at;
    while (start > 0 && !/\s/.test(t.charAt(start - 1))) {
      start--;
    }
    var name = t.substring(start, at);
    var rest = t.substring(at + 2);
    var listing = rest.substring(USER_CODE.length).replace(/^\s+/, '');
    TF_LISTED_FLAT.lastIndex = 0;
    var m = TF_LISTED_FLAT.exec(listing);
    if (!isTypedName(name.substring(name.lastIndexOf('.') + 1)) || m === null || m.index !== 0) {
      return false;
    }
    this.cur = this.open(false);
    this.setException({type: name, message: cutFlatMessage(rest), strong: true}, false);
    this.flatListing(rest);
    this.finish();
    return true;
  };

  // IPython source context, carets, truncation marks, recursion notes, deeper-indented source
  TracebackRun.prototype.isContext = function (t, indent) {
    var cur = this.cur;
    var last = cur.frames.length - 1;
    if (t.startsWith(REPEAT_NOTE) && cur.frames.length > 0) {
      cur.frames[last] = noteRepeats(cur.frames[last], t);
      return true;
    }
    if (cur.frameIndent >= 0 && indent > cur.frameIndent && cur.frames.length > 0) {
      this.ipythonArrowLine(t);
      this.numberedSourceLine(t);
      cur.sourceBelowFrame = true;
      return true;
    }
    var c = t.charAt(0);
    if (c === '-' && t.indexOf('>') > 0) {
      this.ipythonArrowLine(t);
      return true;
    }
    var i;
    if (isDigit(c)) {
      i = 0;
      while (i < t.length && isDigit(t.charAt(i))) {
        i++;
      }
      return i === t.length || isWhitespace(t.charAt(i));
    }
    if (t.startsWith('[Previous line repeated') || t === '...' || t === '\u2026'
        || t === '[...]' || t === '(...)' || t.startsWith('---------')) {
      return true;
    }
    for (i = 0; i < t.length; i++) {
      var d = t.charAt(i);
      if (d !== '^' && d !== '~' && d !== ' ') {
        return false;
      }
    }
    return true;
  };

  // "----> 4 model.fit(...)": the line number of an IPython frame that lacks one
  TracebackRun.prototype.ipythonArrowLine = function (t) {
    var cur = this.cur;
    var i = 0;
    while (i < t.length && t.charAt(i) === '-') {
      i++;
    }
    if (i === 0 || i >= t.length || t.charAt(i) !== '>' || cur.frames.length === 0) {
      return;
    }
    i++;
    while (i < t.length && t.charAt(i) === ' ') {
      i++;
    }
    var d = i;
    while (i < t.length && i < d + 9 && isDigit(t.charAt(i))) {
      i++;
    }
    var last = cur.frames.length - 1;
    var f = cur.frames[last];
    if (i > d && f.line === null) {
      cur.frames[last] = withLine(f, Number(t.substring(d, i)));
    }
  };

  // "41.     response = f()": Django's line number before a frame's source line
  TracebackRun.prototype.numberedSourceLine = function (t) {
    var cur = this.cur;
    var i = 0;
    while (i < t.length && i < 9 && isDigit(t.charAt(i))) {
      i++;
    }
    if (i === 0 || i >= t.length || t.charAt(i) !== '.') {
      return;
    }
    if (i + 1 < t.length && !isWhitespace(t.charAt(i + 1))) {
      return;
    }
    var last = cur.frames.length - 1;
    var f = cur.frames[last];
    if (f.line === null) {
      cur.frames[last] = withLine(f, Number(t.substring(0, i)));
    }
  };

  // sets the exception; a message ending its line with a nested-listing intro opens one
  TracebackRun.prototype.setException = function (e, endsLine) {
    this.cur.type = e.type;
    this.cur.message = e.message === null ? '' : e.message;
    if (endsLine && e.message !== null && isNestedIntro(e.message)) {
      this.cur.enterNested();
    }
  };

  // TensorFlow 1.x's "Name (see above for traceback): ..." in the message of a traceback with no
  // exception of its own, with the lines after it (TracebackParser.repeatedAfterListing)
  function repeatedAfterListing(message) {
    var at = message.indexOf(SEE_ABOVE);
    if (at < 0) {
      return null;
    }
    var start = message.lastIndexOf('\n', at) + 1;
    var end = message.indexOf('\n', at);
    var e = parseException(strip(message.substring(start, end < 0 ? message.length : end)));
    if (e === null || !e.strong) {
      return null;
    }
    var rest = end < 0 ? '' : message.substring(end + 1);
    var text = e.message === null ? rest : rest === '' ? e.message : e.message + '\n' + rest;
    return {type: e.type, message: text === '' ? null : text, strong: true};
  }

  // closes the open traceback, reporting it when it has a frame, or a header and an exception
  TracebackRun.prototype.finish = function () {
    var o = this.cur;
    this.cur = null;
    if (o === null) {
      return;
    }
    var type = o.type;
    var message = o.message === null || o.message === '' ? null : o.message;
    if (type === null && o.hintType !== null) {
      type = o.hintType;
    }
    if (type === null && o.wrappedCause !== null) {
      type = o.wrappedCause.type; // the cause's own line was cut
      message = message === null ? o.wrappedCause.message : message;
    }
    if (type === null && message !== null) {
      var repeated = repeatedAfterListing(message);
      if (repeated !== null) {
        type = repeated.type;
        message = repeated.message;
      }
    }
    if (type === null && o.orphan !== null && !(o.header && o.frames.length === 0)) {
      type = o.orphan.type;
      var before = o.orphan.message;
      message = before === null ? message : message === null ? before : before + '\n' + message;
    }
    var frames = o.frames;
    var nested = o.nestedFrames;
    if (frames.length === 0 && !o.header) {
      frames = nested; // a listing with no outer traceback: its frames are the stack
      nested = [];
    }
    if (frames.length === 0 && !(o.header && type !== null)) {
      this.lastEmitted = null;
      return;
    }
    if (!o.header && type === null && !o.frameStartsLine && withoutLines(frames)) {
      // prose naming a file and a function: no header, no exception, no line number, and no
      // frame starting its line
      this.lastEmitted = null;
      return;
    }
    this.lastEmitted = this.out.length;
    this.out.push({position: this.out.length, frames: frames, type: type, message: message,
      chainedFrom: o.chainKind === null ? null : o.chainedFrom, chainKind: o.chainKind,
      nestedFrames: nested});
  };

  // ---- how a block starts and ends (TracebackParser.edges), to join blocks ----
  // {start: FRAMES|EXCEPTION|CHAIN|SOURCE|OTHER, end: NONE|OPEN|DONE, hasFrames}
  // text a heading's markup must not hide: a frame, a header, or an exception line that may end a
  // traceback left open before it (TracebackParser.readsAsTracebackText)
  function readsAsTracebackText(text) {
    if (isBlank(text)) {
      return false;
    }
    var e = blockEdges(text);
    return e.hasFrames || e.end !== 'NONE' || e.start === 'EXCEPTION' || e.start === 'FRAMES';
  }

  function blockEdges(text) {
    if (text === null || isBlank(text)) {
      return {start: 'OTHER', end: 'NONE', hasFrames: false};
    }
    var start = blockStart(text);
    var normalized = normalize(text);
    if (!mayHoldFramesNormalized(normalized)) {
      return {start: start, end: start === 'EXCEPTION' ? 'DONE' : 'NONE', hasFrames: false};
    }
    var run = new TracebackRun();
    run.parse(separateInterleaved(lex(repairPaste(normalized))));
    return {start: start, end: run.end, hasFrames: run.sawFrames};
  }

  function blockStart(text) {
    var from = 0;
    var n = text.length;
    while (from < n) {
      var nl = text.indexOf('\n', from);
      var to = nl < 0 ? n : nl;
      var line = strip(text.substring(from, to));
      if (line !== '') {
        var start = lineStart(line);
        if ((start === 'OTHER' || start === 'SOURCE')
            && mayStartWrapped(line, text, to)
            && wrappedFrameStart(text, from)) {
          return 'FRAMES';
        }
        return start === 'SOURCE' && !isBlank(text.substring(to)) ? 'OTHER' : start;
      }
      from = to + 1;
    }
    return 'OTHER';
  }

  // the first line may be a frame's first part that repairPaste joins (mayStartWrapped)
  function mayStartWrapped(line, text, to) {
    if (line.indexOf('File') >= 0 || line.endsWith(' in')) {
      return true;
    }
    var nl = text.indexOf('\n', Math.min(to + 1, text.length));
    var next = to >= text.length ? '' : text.substring(to + 1, nl < 0 ? text.length : nl);
    return strip(next).startsWith('in ');
  }

  // the block starts with a frame wrapped over its first lines (TracebackParser.wrappedFrameStart)
  var HEAD_LINES = 5;
  function wrappedFrameStart(text, from) {
    var to = from;
    for (var i = 0; i < HEAD_LINES && to >= 0; i++) {
      to = text.indexOf('\n', to + 1);
    }
    var head = to < 0 ? text.substring(from) : text.substring(from, to);
    var repaired = strip(repairPaste(normalize(head)));
    var nl = repaired.indexOf('\n');
    var first = nl < 0 ? repaired : repaired.substring(0, nl);
    return first !== '' && lineStart(first) === 'FRAMES';
  }

  function lineStart(line) {
    var t = strip(withoutLeadingFence(decodeEntitiesTwice(normalize(line))));
    if (t === '') {
      return 'OTHER';
    }
    var items = lex(t);
    if (items.length === 0) {
      return 'OTHER';
    }
    switch (items[0].kind) {
      case 'FRAME':
      case 'LOCATION':
        return 'FRAMES';
      case 'CHAIN_CAUSE':
      case 'CHAIN_DURING':
        return 'CHAIN';
      case 'TEXT':
        var e = parseException(t);
        // across blocks the name must end like an exception class: "MyProgram:" is a heading
        if (e !== null && e.strong && isTypedName(e.type.substring(e.type.lastIndexOf('.') + 1))) {
          return 'EXCEPTION';
        }
        if (isEllipsis(t) || isIpythonContext(t)) {
          return 'FRAMES';
        }
        return items.length === 1 && looksLikeSource(t) ? 'SOURCE' : 'OTHER';
      default:
        return 'OTHER';
    }
  }

  // a line titling a listing: "Traceback:", a heading "Stacktrace:" (TracebackParser.isHeading)
  function isHeading(e) {
    var bare = e.message === null || e.message === undefined || e.message.trim() === '';
    return e.type === 'Traceback'
        || (bare && e.type.indexOf('.') < 0 && !isTypedName(e.type));
  }

  // a source line stopping inside a string or an open bracket (TracebackParser.isUnclosedSource)
  var MAX_WRAPPED_SOURCE = 600;
  function isUnclosedSource(t) {
    var quote = null;
    var depth = 0;
    for (var i = 0; i < t.length; i++) {
      var c = t.charAt(i);
      if (quote !== null) {
        if (c === '\\') {
          i++;
        } else if (c === quote) {
          quote = null;
        }
      } else if (c === '\'' || c === '"') {
        quote = c;
      } else if (c === '#') {
        break;
      } else if (c === '(' || c === '[' || c === '{') {
        depth++;
      } else if ((c === ')' || c === ']' || c === '}') && depth > 0) {
        depth--;
      }
    }
    return quote !== null || depth > 0;
  }

  // "if (float(a[i]) > 0):": a compound statement's header (TracebackParser.isCompoundHeader)
  var COMPOUND_KEYWORDS = ['if', 'elif', 'while', 'for', 'with', 'async', 'def', 'class'];
  function isCompoundHeader(t) {
    for (var k = 0; k < COMPOUND_KEYWORDS.length; k++) {
      var keyword = COMPOUND_KEYWORDS[k];
      if (t.startsWith(keyword) && t.length > keyword.length + 1
          && (t.charAt(keyword.length) === ' ' || t.charAt(keyword.length) === '(')) {
        return t.indexOf('. ') < 0;
      }
    }
    return false;
  }

  // short, not ending like a sentence, and holding code (TracebackParser.looksLikeSource)
  // source lines read after a header before its exception, the frames cut (TracebackParser)
  var MAX_CUT_SOURCE_LINES = 2;
  var MAX_INTERLEAVED_LINES = 8;

  // one of the first two lines after a header reading as code: a source line of frames whose
  // "File …" lines the poster cut (TracebackParser.cutFrameLine)
  TracebackRun.prototype.cutFrameLine = function (it, t) {
    var cur = this.cur;
    return cur.header && cur.frames.length === 0 && cur.cutSourceLines < MAX_CUT_SOURCE_LINES
        && cur.hintType === null && (it.indent > 0 || cur.cutBeforeFrames || STATEMENT.test(t))
        && looksLikeSource(t);
  };
  // an assignment ("a, b = f(x)") or a call ("obj.f(x)") starting its line
  var STATEMENT = /^(?:[A-Za-z_][\w.\[\]'", ]{0,200}=[^=][\s\S]*|[A-Za-z_][\w.]{0,200}\([\s\S]*\))$/;
  function looksLikeSource(t) {
    if (BARE_STATEMENTS.indexOf(t) >= 0 || isCaretLine(t)) {
      return true; // a paste with a paragraph per line: "yield", "raise", Python 3.11's carets
    }
    var last = t.charAt(t.length - 1);
    if (last === ':' && isCompoundHeader(t)) {
      var condition = strip(t.substring(0, t.length - 1));
      return looksLikeSource(condition) || /[<>&|%+\-*\/!]/.test(condition);
    }
    if (t.length > 200 || last === '.' || last === '?' || last === '!' || last === ':') {
      return false;
    }
    for (var i = 0; i < t.length; i++) {
      if ('()[]=._'.indexOf(t.charAt(i)) >= 0) {
        return true;
      }
    }
    return ['return ', 'raise ', 'import ', 'from ', 'yield ', 'assert ']
        .some(function (k) { return t.startsWith(k); });
  }

  // source lines of one keyword, and Python 3.11's marks under a source line
  // (TracebackParser.BARE_STATEMENTS, isCaretLine)
  var BARE_STATEMENTS = ['yield', 'raise', 'return', 'pass', 'break', 'continue'];
  function isCaretLine(t) {
    return /^[\^~]+$/.test(t) && t.indexOf('^') >= 0;
  }

  // "---> 38 x = f()" or "36 x = 1": IPython's numbered source context
  function isIpythonContext(t) {
    var i = 0;
    while (i < t.length && t.charAt(i) === '-') {
      i++;
    }
    if (i > 0) {
      return i < t.length && t.charAt(i) === '>';
    }
    while (i < t.length && isDigit(t.charAt(i))) {
      i++;
    }
    return i > 0 && i < t.length && t.charAt(i) === ' ';
  }

  // consecutive blocks continuing one traceback, as runs of blocks (TraceExtractors.runs)
  function blockRuns(blocks) {
    if (blocks.length <= 1) {
      return blocks.length === 0 ? [] : [blocks]; // a plain-text paste: nothing to join
    }
    var runs = [];
    var run = null;
    var end = 'NONE';
    var previous = null;
    var prefix = null;
    blocks.forEach(function (b) {
      var e = blockEdges(b.text);
      var adjacent = previous !== null && b.index === previous.index + 1;
      var joins = adjacent && continuesRun(e.start, end);
      if (adjacent && !joins && prefix !== null) {
        // a log pasted one paragraph per line: every paragraph repeats the header's log prefix
        var bare = withoutLogPrefix(prefix, b.text);
        var unprefixed = bare === null ? null : blockEdges(bare);
        if (unprefixed !== null && continuesRun(unprefixed.start, end)) {
          joins = true;
          e = unprefixed;
        }
      }
      if (joins) {
        run.push(b);
        if (e.start === 'EXCEPTION') {
          end = e.hasFrames || e.end === 'OPEN' ? e.end : 'DONE';
        } else if (e.hasFrames || e.start === 'CHAIN') {
          end = e.end;
        } // else: context lines or a cut only, the traceback stays open
      } else {
        run = [b];
        runs.push(run);
        end = e.end;
        prefix = null;
      }
      if (end === 'NONE') {
        prefix = null;
      } else {
        var own = logPrefix(firstLineOf(b.text));
        prefix = own !== null ? own : prefix;
      }
      previous = b;
    });
    return runs;
  }

  function continuesRun(start, end) {
    if (start === 'FRAMES' || start === 'EXCEPTION' || start === 'SOURCE') {
      return end === 'OPEN';
    }
    return start === 'CHAIN' && end !== 'NONE';
  }

  // the first non-blank line of text, stripped
  function firstLineOf(text) {
    var from = 0;
    while (from < text.length) {
      var nl = text.indexOf('\n', from);
      var to = nl < 0 ? text.length : nl;
      var line = strip(text.substring(from, to));
      if (line !== '') {
        return line;
      }
      from = to + 1;
    }
    return '';
  }

  // ---- profiles (TraceExtractors) on a post's blocks [{index, kind, text}] ----
  function defaultTracebacks(blocks) {
    var found = [];
    blockRuns(blocks).forEach(function (run) {
      var text = run.map(function (b) { return b.text; }).join('\n');
      parseTracebacks(text).forEach(function (t) { found.push(t); });
    });
    return found;
  }

  // the study's conventions: code blocks only, each one instance of its path frames (nested
  // listings' included) of the question's first path style
  function paperTracebacks(blocks) {
    var found = [];
    var os = null;
    blocks.forEach(function (b) {
      if (b.kind !== 'CODE') {
        return;
      }
      var frames = [];
      var type = null;
      var message = null;
      parseTracebacks(b.text, false).forEach(function (t) {
        t.frames.concat(t.nestedFrames).forEach(function (f) {
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
            frames.push({rawPath: f.rawPath, file: f.file, line: f.line, function: fn,
              pathStyle: style, moreRepeats: f.moreRepeats});
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
      if (frames.length > 0) {
        found.push({position: 0, frames: frames, type: type, message: message,
          chainedFrom: null, chainKind: null, nestedFrames: []});
      }
    });
    return found;
  }

  function tracebacksOfBlocks(blocks, profile) {
    return profile === 'paper' ? paperTracebacks(blocks) : defaultTracebacks(blocks);
  }

  // ---- HTML input (TraceQuery.looksLikeHtml, HtmlBlocks with the browser's HTML parser) ----
  var HTML = /<(pre|code|p|html|body)[\s>]/;
  var INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del',
    'dfn', 'em', 'i', 'img', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strike',
    'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr']);
  var NO_BLOCK = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table']);
  var HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

  function looksLikeHtml(text) {
    return HTML.test(text.toLowerCase());
  }

  // jsoup's TextNode.isBlank: only ' ', \t, \n, \f, \r
  function isHtmlBlank(s) {
    return /^[ \t\n\f\r]*$/.test(s);
  }

  // a post body's blocks: <pre> CODE, outermost <p>/<ul>/<ol> TEXT, loose text LOOSE
  function htmlBlocks(html) {
    if (html === null || html === '' || typeof DOMParser === 'undefined') {
      return [];
    }
    var body = new DOMParser().parseFromString(html, 'text/html').body;
    var done = [];
    var nextIndex = 0;
    var pre = null;
    var textBlock = null;
    var loose = null;
    var noBlockDepth = 0;
    var heading = null;

    // a heading's text is a LOOSE block when it reads as part of a traceback
    function closeHeading() {
      var text = strip(heading.text);
      if (nextIndex === heading.blocksBefore && readsAsTracebackText(text)) {
        done.push({index: nextIndex++, kind: 'LOOSE', text: text});
      }
      heading = null;
    }
    function closeLoose() {
      if (loose !== null) {
        done.push({index: loose.index, kind: 'LOOSE', text: strip(loose.text)});
        loose = null;
      }
    }
    function head(node) {
      if (node.nodeType === 3) {
        var t = node.data;
        if (pre !== null) {
          pre.text += t;
        } else if (textBlock !== null) {
          textBlock.text += t;
        } else if (heading !== null) {
          heading.text += t;
        } else if (noBlockDepth === 0 && (loose !== null || !isHtmlBlank(t))) {
          if (loose === null) {
            loose = {index: nextIndex++, text: ''};
          }
          loose.text += t;
        }
        return;
      }
      if (node.nodeType !== 1) {
        return;
      }
      var tag = node.localName;
      if (pre === null && textBlock === null) {
        if (tag === 'br' && loose !== null) {
          loose.text += '\n';
        } else if (tag === 'br' && heading !== null) {
          heading.text += '\n';
        } else if (!INLINE.has(tag)) {
          closeLoose();
          if (noBlockDepth === 0 && HEADINGS.has(tag)) {
            heading = {node: node, text: '', blocksBefore: nextIndex};
          }
          if (NO_BLOCK.has(tag)) {
            noBlockDepth++;
          }
        }
      }
      if (pre !== null) {
        if (tag === 'br') {
          pre.text += '\n';
        }
        return;
      }
      if (tag === 'pre') {
        pre = {node: node, index: nextIndex++, text: ''};
      } else if (textBlock === null && (tag === 'p' || tag === 'ul' || tag === 'ol')) {
        textBlock = {node: node, index: nextIndex++, text: ''};
      } else if (textBlock !== null) {
        if (tag === 'br') {
          textBlock.text += '\n';
        } else if ((tag === 'li' || tag === 'p') && textBlock.text.length > 0
            && !textBlock.text.endsWith('\n')) {
          textBlock.text += '\n';
        }
      }
    }
    function tail(node) {
      if (node.nodeType === 1 && pre === null && textBlock === null
          && !INLINE.has(node.localName)) {
        closeLoose();
        if (NO_BLOCK.has(node.localName)) {
          noBlockDepth--;
        }
        if (heading !== null && node === heading.node) {
          closeHeading();
        }
      }
      if (pre !== null && node === pre.node) {
        done.push({index: pre.index, kind: 'CODE', text: pre.text});
        pre = null;
      } else if (textBlock !== null && node === textBlock.node) {
        done.push({index: textBlock.index, kind: 'TEXT', text: strip(textBlock.text)});
        textBlock = null;
      }
    }
    // depth first, without recursion (deeply nested pastes)
    var node = body.firstChild;
    while (node !== null) {
      head(node);
      if (node.firstChild !== null) {
        node = node.firstChild;
        continue;
      }
      while (node !== null && node !== body) {
        tail(node);
        if (node.nextSibling !== null) {
          node = node.nextSibling;
          break;
        }
        node = node.parentNode;
      }
      if (node === body) {
        break;
      }
    }
    closeLoose();
    done.sort(function (a, b) { return a.index - b.index; });
    return done;
  }

  // the tracebacks `match` reads in a paste with the knowledge base's profile (TraceQuery):
  // HTML split into blocks like a post body, any other text one code block
  function tracebacksOf(text, profile) {
    var blocks = looksLikeHtml(text) ? htmlBlocks(text)
        : [{index: 0, kind: 'CODE', text: text}];
    return tracebacksOfBlocks(blocks, profile);
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
      return answerQuality(a, b);
    }
    function answerQuality(a, b) {
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
      return compareIds(qa[0], qb[0]);
    }
    // ids are decimal strings in the slice (a JSON number above 2^53 would be rounded): compared
    // as the longs they are
    function compareIds(a, b) {
      var negA = a.charAt(0) === '-';
      var negB = b.charAt(0) === '-';
      if (negA !== negB) {
        return negA ? -1 : 1;
      }
      var c = a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
      return negA ? -c : c;
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
    function nearBest(score, bestScore) {
      return score >= s.near_best * bestScore;
    }
    var byQuestion = new Map();
    var top = [];
    var seen = new Set();
    var bestScore = -Infinity;
    for (var o = 0; o < order.length; o++) {
      var w = weights[order[o]];
      var bound = w + maxBonus;
      if (top.length === k && worst(top).score > bound && !nearBest(bound, bestScore)) {
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
          bestScore = Math.max(bestScore, score);
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
    // the near-best questions by answer quality, then the rest by score (Matcher.nearBestFirst)
    var answer = [];
    byQuestion.forEach(function (c) {
      if (nearBest(c.score, bestScore)) {
        answer.push(c);
      }
    });
    answer.sort(answerQuality);
    if (answer.length >= k) {
      return answer.slice(0, k);
    }
    top.sort(best);
    top.forEach(function (c) {
      if (answer.length < k && !nearBest(c.score, bestScore)) {
        answer.push(c);
      }
    });
    return answer;
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
    var repeats = kb.slice.max_frame_repeats || 0;
    var found = tracebacksOf(text, kb.slice.profile).map(function (tb) {
      return collapseRepeats(tb, repeats);
    });
    return found.map(function (tb, i) { return matchOne(kb, i + 1, tb, k); });
  }

  // RepeatCollapser.collapse: a run of more than maxRepeats copies of one frame keeps maxRepeats,
  // the last kept copy counting the run's other calls (the traces were extracted so)
  function collapseRepeats(tb, maxRepeats) {
    var frames = tb.frames;
    if (maxRepeats <= 0) {
      return tb;
    }
    var out = [];
    var i = 0;
    while (i < frames.length) {
      var end = i + 1;
      while (end < frames.length && sameCall(frames[end], frames[i])) {
        end++;
      }
      if (end - i <= maxRepeats) {
        out.push.apply(out, frames.slice(i, end));
      } else {
        var calls = 0;
        for (var k = i; k < end; k++) {
          calls += 1 + frames[k].moreRepeats;
        }
        for (k = i; k < i + maxRepeats - 1; k++) {
          out.push(withMoreRepeats(frames[k], 0));
        }
        out.push(withMoreRepeats(frames[i], Math.min(2147483647, calls - maxRepeats)));
      }
      i = end;
    }
    var copy = Object.assign({}, tb);
    copy.frames = out;
    return copy;
  }

  function sameCall(a, b) {
    return a.rawPath === b.rawPath && a.file === b.file && a.line === b.line
        && a.function === b.function && a.pathStyle === b.pathStyle;
  }

  function withMoreRepeats(f, repeats) {
    var copy = Object.assign({}, f);
    copy.moreRepeats = repeats;
    return copy;
  }

  // ---- rendering (textContent only) ----
  var NO_TRACEBACK = 'No Python traceback found in the input (nothing to match).';
  var NEAR_BEST_NOTE = 'questions scoring at least 75% of the best are listed best answered first';

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
      var reordered = a.hits.some(function (h, i) {
        return i > 0 && h.score > a.hits[i - 1].score;
      });
      if (reordered) {
        box.appendChild(el('p', 'tm-order', NEAR_BEST_NOTE));
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

  var api = {answer: null, render: null, parse: tracebacksOf, parseBlocks: tracebacksOfBlocks,
    htmlBlocks: htmlBlocks, fileOf: fileOf,
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
