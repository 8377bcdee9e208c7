package io.tracemine.spark;

import java.net.URI;

/**
 * The local file of a {@code file:} URI. {@code Path.of(URI)} refuses a URI that Hadoop made from a
 * path with characters outside ASCII ({@code file:/data/café/x}: "Bad escape"), so the file is
 * taken from the URI's decoded path.
 */
public final class LocalPaths {
  private LocalPaths() {}

  public static java.nio.file.Path of(URI fileUri) {
    return java.nio.file.Path.of(fileUri.getPath());
  }
}
