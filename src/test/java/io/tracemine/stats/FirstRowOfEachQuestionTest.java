package io.tracemine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@link SparkRq1.FirstRowOfEachQuestion} on rows sorted by question id (nulls first) keeps the
 * first row of each id, null ids as one id: against the first row per id of a map, for any sorted
 * input.
 */
class FirstRowOfEachQuestionTest {
  @Property(tries = 300)
  void keepsTheFirstRowOfEachQuestionId(
      @ForAll @Size(max = 60) List<@IntRange(min = -1, max = 12) Integer> ids) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Long id = ids.get(i) < 0 ? null : (long) ids.get(i);
      rows.add(RowFactory.create(id, "row " + i));
    }
    rows.sort(
        Comparator.comparing(
            (Row r) -> r.isNullAt(0) ? Optional.<Long>empty() : Optional.of(r.getLong(0)),
            Comparator.comparing((Optional<Long> o) -> o.orElse(Long.MIN_VALUE))));
    Map<Optional<Long>, Row> firstById = new LinkedHashMap<>();
    for (Row r : rows) {
      firstById.putIfAbsent(Optional.ofNullable((Long) r.get(0)), r);
    }
    List<Row> kept = new ArrayList<>();
    Iterator<Row> out = new SparkRq1.FirstRowOfEachQuestion().call(rows.iterator());
    out.forEachRemaining(kept::add);
    assertThat(kept).containsExactlyElementsOf(firstById.values());
  }
}
