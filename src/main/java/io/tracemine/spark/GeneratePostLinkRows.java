package io.tracemine.spark;

import io.tracemine.corpus.CorpusGenerator;
import io.tracemine.corpus.PlantedDuplicate;
import io.tracemine.corpus.PostLinksXmlWriter;
import java.sql.Timestamp;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The duplicate links of a range of question indexes, as rows of {@code
 * Schemas.SOTORRENT_POSTLINKS} ({@code Id} is the duplicate's id: one link per duplicate).
 */
public final class GeneratePostLinkRows implements MapPartitionsFunction<Long, Row> {
  private static final long serialVersionUID = 1L;
  private final long seed;
  private final double duplicateRate;
  private final boolean canonicalOriginals;

  public GeneratePostLinkRows(long seed, double duplicateRate) {
    this(seed, duplicateRate, CorpusGenerator.DEFAULT_CANONICAL_ORIGINALS);
  }

  /** As {@code new CorpusGenerator(seed, duplicateRate, canonicalOriginals)}. */
  public GeneratePostLinkRows(long seed, double duplicateRate, boolean canonicalOriginals) {
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
          PlantedDuplicate d = generator.duplicate(index);
          if (d != null) {
            emit.accept(
                RowFactory.create(
                    d.questionId(),
                    Timestamp.from(d.linkDate()),
                    d.questionId(),
                    d.originalId(),
                    PostLinksXmlWriter.DUPLICATE));
          }
        });
  }
}
