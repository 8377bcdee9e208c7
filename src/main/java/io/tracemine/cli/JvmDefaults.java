package io.tracemine.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import picocli.CommandLine;

/**
 * What TraceMine prints does not depend on the JVM's default charset or locale (hostile sweep 9):
 * standard output and error are UTF-8 (a worker under a {@code C} or {@code POSIX} locale, or
 * {@code -Dfile.encoding=ISO-8859-1}, printed each character its charset lacks as {@code ?}, in
 * {@code --json} documents too, which are UTF-8 by RFC 8259), and numbers are written with Latin
 * digits, {@code ,} grouping and {@code .} decimals (the charts' axes read {@code 0,1} under a
 * Turkish locale and Arabic-Indic digits under an Egyptian one, and the console's counts alike).
 */
final class JvmDefaults {
  private JvmDefaults() {}

  /** Sets them; called first by each {@code main}. */
  static void install() {
    Locale.setDefault(Locale.ROOT);
    System.setOut(stream(FileDescriptor.out));
    System.setErr(stream(FileDescriptor.err));
  }

  /** {@code cl} writing its output and errors to them in UTF-8 (picocli's own default is not). */
  static CommandLine wired(CommandLine cl) {
    cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    return cl;
  }

  private static PrintStream stream(FileDescriptor fd) {
    return new PrintStream(new FileOutputStream(fd), true, StandardCharsets.UTF_8);
  }
}
