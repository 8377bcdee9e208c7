package io.tracemine.corpus;

import java.util.List;

/**
 * One generated question with its answers ({@code posts.get(0)} is the question), the traces
 * planted in the question body, the study libraries its tags select (empty for a distractor), and
 * whether it is a distractor: a question the population filter must not select. {@code duplicate}
 * is set when the question is a planted duplicate of an earlier one (null otherwise).
 */
public record GeneratedQuestion(
    List<GeneratedPost> posts,
    List<PlantedTrace> traces,
    List<String> libraries,
    boolean distractor,
    boolean hasCodeBlock,
    PlantedDuplicate duplicate) {

  public GeneratedQuestion {
    posts = List.copyOf(posts);
    traces = List.copyOf(traces);
    libraries = List.copyOf(libraries);
  }

  public GeneratedPost question() {
    return posts.get(0);
  }
}
