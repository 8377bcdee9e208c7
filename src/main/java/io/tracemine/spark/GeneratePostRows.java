package io.tracemine.spark;

import io.tracemine.corpus.CorpusGenerator;
import io.tracemine.corpus.GeneratedPost;
import java.sql.Timestamp;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Generates the posts of a range of question indexes inside a Spark partition, as rows of {@code
 * Schemas.SOTORRENT_POSTS}. Question i depends only on (seed, i), so the table is the same however
 * the range is split.
 */
public final class GeneratePostRows implements MapPartitionsFunction<Long, Row> {
  private static final long serialVersionUID = 1L;
  private final long seed;
  private final double duplicateRate;
  private final boolean canonicalOriginals;

  public GeneratePostRows(long seed) {
    this(seed, 0);
  }

  public GeneratePostRows(long seed, double duplicateRate) {
    this(seed, duplicateRate, CorpusGenerator.DEFAULT_CANONICAL_ORIGINALS);
  }

  /** As {@code new CorpusGenerator(seed, duplicateRate, canonicalOriginals)}. */
  public GeneratePostRows(long seed, double duplicateRate, boolean canonicalOriginals) {
    this.seed = seed;
    this.duplicateRate = duplicateRate;
    this.canonicalOriginals = canonicalOriginals;
  }

  @Override
  public Iterator<Row> call(Iterator<Long> indexes) {
    CorpusGenerator generator = new CorpusGenerator(seed, duplicateRate, canonicalOriginals);
    return LazyIterators.flatMap(
        indexes,
        (index, emit) -> {
          for (GeneratedPost p : generator.question(index).posts()) {
            emit.accept(row(p));
          }
        });
  }

  static Row row(GeneratedPost p) {
    return RowFactory.create(
        p.id(),
        p.postTypeId(),
        p.parentId(),
        p.acceptedAnswerId(),
        Timestamp.from(p.creationDate()),
        p.score(),
        p.viewCount(),
        p.answerCount(),
        p.commentCount(),
        p.title(),
        p.tags(),
        p.body());
  }
}
