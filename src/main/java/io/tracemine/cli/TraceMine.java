package io.tracemine.cli;

/** Command-line entry point (placeholder until the CLI lands). */
public final class TraceMine {
  private TraceMine() {}

  public static void main(String[] args) {
    System.out.println("TraceMine");
  }
}
