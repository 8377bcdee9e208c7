package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TieOrderRankerTest {
  private static final Map<Long, Double> SCORES =
      Map.of(10L, 2.0, 20L, 5.0, 30L, 2.0 + 1e-12, 40L, 2.0, 50L, 1.0);

  @Test
  void ordersByScoreThenByTheTieOrder() {
    TieOrderRanker byId = new TieOrderRanker("id", q -> SCORES, TieOrderRanker.idOrder());
    assertThat(byId.rank(List.of(), -1, 10)).containsExactly(20L, 10L, 30L, 40L, 50L);
    // the tie order decides among (nearly) equal scores only: 40 first, 50 stays last
    Set<Long> preferred = Set.of(40L, 50L);
    Comparator<Long> answered =
        Comparator.comparing((Long id) -> !preferred.contains(id)).thenComparingLong(id -> id);
    TieOrderRanker byAnswer = new TieOrderRanker("answer", q -> SCORES, answered);
    assertThat(byAnswer.rank(List.of(), -1, 10)).containsExactly(20L, 40L, 10L, 30L, 50L);
  }

  @Test
  void leavesOutTheExcludedQuestionAndCutsAtTheDepth() {
    TieOrderRanker byId = new TieOrderRanker("id", q -> SCORES, TieOrderRanker.idOrder());
    assertThat(byId.rank(List.of(), 20L, 2)).containsExactly(10L, 30L);
    assertThat(byId.rank(List.of(), -1, 0)).isEmpty();
    assertThat(SCORES).containsKey(20L);
  }

  @Test
  void nearBestScoresTieWithTheBestAndTheRestKeepTheirOrder() {
    Map<Long, Double> tied = TieOrderRanker.nearBestTied(SCORES, 0.6);
    // 5.0 is the best: 2.0 and above (>= 0.4 x 5.0) tie with it, 1.0 does not
    assertThat(tied).containsEntry(10L, 5.0).containsEntry(40L, 5.0).containsEntry(50L, 1.0);
    Set<Long> preferred = Set.of(40L, 50L);
    Comparator<Long> answered =
        Comparator.comparing((Long id) -> !preferred.contains(id)).thenComparingLong(id -> id);
    TieOrderRanker nearBest =
        new TieOrderRanker("near", q -> TieOrderRanker.nearBestTied(SCORES, 0.6), answered);
    assertThat(nearBest.rank(List.of(), -1, 10)).containsExactly(40L, 10L, 20L, 30L, 50L);
    assertThat(TieOrderRanker.nearBestTied(SCORES, 0.0)).isEqualTo(SCORES);
  }
}
