package io.tracemine.corpus;

import java.time.Instant;

/**
 * One generated Stack Overflow post with the SOTorrent {@code Posts} columns TraceMine reads (see
 * {@code Schemas.SOTORRENT_POSTS}). Questions have {@code postTypeId} 1, a title, tags in the
 * SOTorrent form {@code <python><keras>}, a view and an answer count, and no parent; answers have
 * {@code postTypeId} 2, a {@code parentId}, and null title, tags, view and answer count.
 */
public record GeneratedPost(
    long id,
    int postTypeId,
    Long parentId,
    Long acceptedAnswerId,
    Instant creationDate,
    int score,
    Long viewCount,
    Integer answerCount,
    int commentCount,
    String title,
    String tags,
    String body) {

  public static final int QUESTION = 1;
  public static final int ANSWER = 2;

  public boolean isQuestion() {
    return postTypeId == QUESTION;
  }

  /** This post with score {@code newScore}. */
  public GeneratedPost withScore(int newScore) {
    return new GeneratedPost(
        id,
        postTypeId,
        parentId,
        acceptedAnswerId,
        creationDate,
        newScore,
        viewCount,
        answerCount,
        commentCount,
        title,
        tags,
        body);
  }
}
