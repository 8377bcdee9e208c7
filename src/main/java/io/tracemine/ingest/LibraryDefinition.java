package io.tracemine.ingest;

import io.tracemine.InvalidConfigException;
import java.io.Serializable;
import java.util.List;

/** A library to study: its name and the tag stems that select its questions (STUDY.md §1). */
public record LibraryDefinition(String name, List<String> stems) implements Serializable {
  public LibraryDefinition {
    if (stems == null || stems.isEmpty()) {
      throw new InvalidConfigException(
          "Library '" + name + "' has no tag stems: set library." + name + ".stems");
    }
    stems = List.copyOf(stems);
  }
}
