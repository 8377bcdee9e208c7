package io.tracemine.corpus;

/**
 * One frame as written into a body. {@code rawPath} is the path exactly as printed (Windows
 * backslashes included, IPython's {@code ~} kept); {@code file} is its normalised name (see {@link
 * FileNames#normalise}); {@code line} is the line number printed for the frame (for IPython frames,
 * the number on the {@code ---->} arrow), null when none is printed; {@code function} as written
 * ({@code <module>}, {@code pandas._libs.index.IndexEngine.get_loc}).
 */
public record PlantedFrame(String rawPath, String file, Integer line, String function) {}
