package io.tracemine.extract.traceback;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.extract.html.Block;
import io.tracemine.extract.html.BlockKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JVM stack traces as Java prints them and as PySpark's Py4JJavaError carries them. */
class JvmTraceParserTest {
  private final JvmTraceParser parser = new JvmTraceParser();

  private static Frame jvm(String source, String cls, Integer line, String method) {
    return new Frame(source, cls, line, method, PathStyle.NONE);
  }

  @Test
  void pysparkUdfFailureGivesTheSparkExceptionAndItsCause() {
    List<JvmTrace> found = parser.parse(Fixtures.resource("jvm/pyspark-udf.txt"));
    assertThat(found).hasSize(2);
    Traceback spark = found.get(0).traceback();
    assertThat(spark.exceptionType()).isEqualTo("org.apache.spark.SparkException");
    assertThat(spark.message())
        .startsWith("Job aborted due to stage failure: Task 0 in stage 3.0 failed 1 times")
        .contains("ValueError: could not convert string to float: 'abc'")
        .contains("\tat org.apache.spark.executor.Executor$TaskRunner.run(Executor.scala:411)")
        .endsWith("Driver stacktrace:");
    assertThat(spark.frames())
        .containsExactly(
            jvm(
                "DAGScheduler.scala",
                "org.apache.spark.scheduler.DAGScheduler",
                1889,
                "org$apache$spark$scheduler$DAGScheduler$$failJobAndIndependentStages"),
            jvm("RDD.scala", "org.apache.spark.rdd.RDD", 944, "collect"),
            jvm("Pipeline.scala", "org.apache.spark.ml.Pipeline", 151, "fit"),
            jvm("Native Method", "sun.reflect.NativeMethodAccessorImpl", null, "invoke0"),
            jvm(
                "Unknown Source",
                "jdk.internal.reflect.DelegatingMethodAccessorImpl",
                null,
                "invoke"),
            jvm("GatewayConnection.java", "py4j.GatewayConnection", 238, "run"),
            jvm("Thread.java", "java.lang.Thread", 748, "run"));
    assertThat(spark.chainedFrom()).isEqualTo(1);
    assertThat(spark.chainKind()).isEqualTo(ChainKind.DIRECT_CAUSE);
    assertThat(found.get(0).carried()).isTrue();
    assertThat(found.get(0).commonFramesOmitted()).isNull();

    Traceback cause = found.get(1).traceback();
    assertThat(cause.position()).isEqualTo(1);
    assertThat(cause.exceptionType()).isEqualTo("org.apache.spark.api.python.PythonException");
    assertThat(cause.message())
        .isEqualTo(
            """
            Traceback (most recent call last):
            File "/opt/spark/python/lib/pyspark.zip/pyspark/worker.py", line 377, in main
            process()
            ValueError: could not convert string to float: 'abc'\
            """);
    assertThat(cause.frames())
        .extracting(Frame::function)
        .containsExactly("handlePythonException", "run");
    assertThat(cause.chainedFrom()).isNull();
    assertThat(found.get(1).commonFramesOmitted()).isEqualTo(1);
    assertThat(found.get(1).group()).isEqualTo(0);
  }

  @Test
  void aLineNumberPastNineDigitsLeavesTheFrameWithoutALine() {
    List<JvmTrace> found =
        parser.parse(
            """
            Exception in thread "main" java.lang.IllegalStateException: boom
                at com.acme.App.run(App.scala:99999999999)
                at com.acme.App.main(App.java:5)
            """);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).traceback().frames())
        .containsExactly(
            jvm("App.scala", "com.acme.App", null, "run"),
            jvm("App.java", "com.acme.App", 5, "main"));
  }

  @Test
  void plainJavaTraceWithCausesSuppressedAndElisions() {
    List<JvmTrace> found =
        parser.parse(
            """
            Exception in thread "main" java.lang.IllegalStateException: boom
                at com.acme.App.run(App.java:10)
                at com.acme.App.main(App.java:5)
                Suppressed: java.io.IOException: close failed
                    at com.acme.Res.close(Res.java:3)
                    ... 2 more
            Caused by: java.lang.NullPointerException
                at com.acme.Dao.load(Dao.java:77)
                ... 2 more
            """);
    assertThat(found)
        .extracting(j -> j.traceback().exceptionType())
        .containsExactly(
            "java.lang.IllegalStateException",
            "java.io.IOException",
            "java.lang.NullPointerException");
    assertThat(found.get(0).traceback().message()).isEqualTo("boom");
    assertThat(found.get(0).traceback().chainedFrom()).isEqualTo(2);
    assertThat(found.get(0).traceback().chainKind()).isEqualTo(ChainKind.DIRECT_CAUSE);
    assertThat(found.get(1).traceback().chainedFrom()).isEqualTo(0);
    assertThat(found.get(1).traceback().chainKind()).isEqualTo(ChainKind.DURING_HANDLING);
    assertThat(found.get(2).traceback().message()).isNull();
    assertThat(found).extracting(JvmTrace::commonFramesOmitted).containsExactly(null, 2, 2);
    assertThat(found).allSatisfy(j -> assertThat(j.carried()).isFalse());
  }

  @Test
  void twoTracesInOneBlockAreTwoGroups() {
    List<JvmTrace> found =
        parser.parse(
            """
            java.lang.RuntimeException: first
            \tat a.B.c(B.java:1)
            20/05/10 12:00:01 ERROR Executor: Exception in task 0.0
            java.lang.OutOfMemoryError: Java heap space
            \tat a.B.d(B.java:2)
            """);
    assertThat(found).extracting(JvmTrace::group).containsExactly(0, 1);
    assertThat(found).extracting(j -> j.traceback().position()).containsExactly(0, 1);
    assertThat(found.get(1).traceback().frames()).containsExactly(jvm("B.java", "a.B", 2, "d"));
  }

  @Test
  void framesWithoutAnExceptionLineAreATraceWithoutType() {
    List<JvmTrace> found = parser.parse("at org.x.Y.z(Y.kt:3)\nat org.x.Y.<init>(Y.kt:1)");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).traceback().exceptionType()).isNull();
    assertThat(found.get(0).traceback().frames())
        .extracting(Frame::function)
        .containsExactly("z", "<init>");
  }

  @Test
  void exceptionNamesAndAtPhrasesInProseMakeNothing() {
    assertThat(
            parser.parse(
                """
                I get java.lang.NullPointerException: null when I call fit.
                The error is at least(sometimes) in the pipeline.
                at the end (see above) it fails; look at foo.bar(baz qux).
                at org.apache.Foo.bar(no location)
                at x(Y.java:1)
                py4j.protocol.Py4JJavaError: An error occurred while calling o87.fit.
                : java.lang.OutOfMemoryError: Java heap space
                """))
        .isEmpty();
    assertThat(parser.parse(null)).isEmpty();
    assertThat(parser.parse("")).isEmpty();
  }

  @Test
  void py4jMessageWithoutFramesIsNotAnInstance() {
    assertThat(parser.parse(": org.apache.spark.SparkException: Failed\n\n")).isEmpty();
  }

  @Test
  void logbackPackagingNotesAndModulePrefixesAreAccepted() {
    List<JvmTrace> found =
        parser.parse(
            """
            org.springframework.web.HttpClientErrorException: 404
            \tat app//org.springframework.Web.call(Web.java:12) ~[spring-web-5.3.jar:5.3]
            \tat java.base@11.0.2/java.lang.Thread.run(Thread.java:834) [na:na]
            \t... 12 common frames omitted
            """);
    assertThat(found.get(0).traceback().frames())
        .containsExactly(
            jvm("Web.java", "org.springframework.Web", 12, "call"),
            jvm("Thread.java", "java.lang.Thread", 834, "run"));
    assertThat(found.get(0).commonFramesOmitted()).isEqualTo(12);
  }

  @Test
  void profileExtractorLinksJvmTracesToTheirPy4jTraceback() {
    String text = Fixtures.resource("jvm/pyspark-udf.txt");
    QuestionTraces q =
        ProfileExtractor.of("default", 3).extract(List.of(new Block(4, BlockKind.CODE, text)));
    List<FoundTrace> python = q.traces().stream().filter(FoundTrace::isPython).toList();
    List<FoundTrace> jvm = q.traces().stream().filter(t -> !t.isPython()).toList();
    assertThat(python.get(0).traceback().exceptionType()).isEqualTo("py4j.protocol.Py4JJavaError");
    assertThat(jvm).hasSize(2);
    assertThat(jvm)
        .allSatisfy(
            t -> {
              assertThat(t.language()).isEqualTo(FoundTrace.JVM);
              assertThat(t.parentPosition()).isEqualTo(0);
              assertThat(t.blockIndex()).isEqualTo(4);
            });
    assertThat(jvm)
        .extracting(FoundTrace::position)
        .containsExactly(python.size(), python.size() + 1);
    assertThat(jvm.get(0).traceback().chainedFrom()).isEqualTo(python.size() + 1);
    assertThat(
            ProfileExtractor.of("paper", 3)
                .extract(List.of(new Block(4, BlockKind.CODE, text)))
                .traces())
        .allSatisfy(t -> assertThat(t.isPython()).isTrue());
  }

  @Test
  void aJvmStackOverflowIsCollapsedLikePythonRecursion() {
    String text =
        "java.lang.StackOverflowError\n"
            + "\tat a.B.rec(B.java:7)\n".repeat(1000)
            + "\tat a.B.main(B.java:2)\n";
    QuestionTraces q =
        ProfileExtractor.of("default", 3).extract(List.of(new Block(0, BlockKind.CODE, text)));
    Frame rec = jvm("B.java", "a.B", 7, "rec");
    assertThat(q.traces()).hasSize(1);
    assertThat(q.traces().get(0).traceback().frames())
        .containsExactly(rec, rec, rec.withMoreRepeats(997), jvm("B.java", "a.B", 2, "main"));
    assertThat(q.traces().get(0).parentPosition()).isNull();
  }
}
