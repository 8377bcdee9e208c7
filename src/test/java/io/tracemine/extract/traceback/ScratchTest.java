package io.tracemine.extract.traceback;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void dump() {
    TracebackParser p = new TracebackParser();
    for (int i = 1; i <= 8; i++) {
      System.out.println("=== python" + i);
      for (Traceback t : p.parse(Fixtures.resource("pinterest/python" + i + ".trace"))) {
        print(t);
      }
    }
    List<List<String>> rows = Fixtures.csv(Fixtures.resource("so-flattened/traceback-rows.csv"));
    int n = 0;
    for (List<String> r : rows.subList(1, rows.size())) {
      if (n++ > Integer.getInteger("rows", 200)) break;
      System.out.println("=== row " + r.get(0));
      for (Traceback t : p.parse(r.get(1))) {
        print(t);
      }
    }
  }

  static void print(Traceback t) {
    System.out.println("TB#" + t.position() + " type=" + t.exceptionType() + " msg=" + t.message()
        + " chain=" + t.chainedFrom() + "/" + t.chainKind());
    for (Frame f : t.frames()) {
      System.out.println("   " + f.file() + " | " + f.function() + " | " + f.line() + " | "
          + f.pathStyle() + " | " + f.rawPath());
    }
  }
}
