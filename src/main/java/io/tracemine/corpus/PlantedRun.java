package io.tracemine.corpus;

import java.util.List;

/**
 * A library-internal call chain from the generator's catalogue, reused across questions (and, for
 * {@code libraries} with more than one entry, across libraries) so that pattern mining has
 * something to find. Which traces contain it is recorded in {@link PlantedTrace#runs()}.
 */
public record PlantedRun(int runId, String name, List<String> libraries, List<RunItem> items) {
  public PlantedRun {
    libraries = List.copyOf(libraries);
    items = List.copyOf(items);
  }
}
