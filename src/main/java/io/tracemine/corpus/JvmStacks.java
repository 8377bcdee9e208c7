package io.tracemine.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Java stack traces PySpark prints inside a {@code py4j.protocol.Py4JJavaError} message, built
 * from shared JVM frame chains (Spark 2.4 on Java 8, as most Spark ML questions of the study's
 * period show them): the driver's stack (innermost call first, as Java prints it) ending in Py4J's
 * gateway thread, Spark's {@code Driver stacktrace:} section after a failed task, {@code Caused
 * by:} chains and {@code ... N more} elisions.
 */
final class JvmStacks {
  private JvmStacks() {}

  /** One JVM exception as printed: its ground truth and its text. */
  record Exception(
      String type,
      String message,
      List<PlantedFrame> frames,
      Integer commonOmitted,
      boolean causeOfPrevious) {}

  private static final Map<String, String[]> CHAINS =
      Map.of(
          "gateway",
              new String[] {
                "sun.reflect.NativeMethodAccessorImpl.invoke0(Native Method)",
                "sun.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:62)",
                "sun.reflect.DelegatingMethodAccessorImpl.invoke(DelegatingMethodAccessorImpl.java:43)",
                "java.lang.reflect.Method.invoke(Method.java:498)",
                "py4j.reflection.MethodInvoker.invoke(MethodInvoker.java:244)",
                "py4j.reflection.ReflectionEngine.invoke(ReflectionEngine.java:357)",
                "py4j.Gateway.invoke(Gateway.java:282)",
                "py4j.commands.AbstractCommand.invokeMethod(AbstractCommand.java:132)",
                "py4j.commands.CallCommand.execute(CallCommand.java:79)",
                "py4j.GatewayConnection.run(GatewayConnection.java:238)",
                "java.lang.Thread.run(Thread.java:748)"
              },
          "dag.abort",
              new String[] {
                "org.apache.spark.scheduler.DAGScheduler.org$apache$spark$scheduler$DAGScheduler$$failJobAndIndependentStages(DAGScheduler.scala:1889)",
                "org.apache.spark.scheduler.DAGScheduler$$anonfun$abortStage$1.apply(DAGScheduler.scala:1877)",
                "org.apache.spark.scheduler.DAGScheduler$$anonfun$abortStage$1.apply(DAGScheduler.scala:1876)",
                "scala.collection.mutable.ResizableArray$class.foreach(ResizableArray.scala:59)",
                "scala.collection.mutable.ArrayBuffer.foreach(ArrayBuffer.scala:48)",
                "org.apache.spark.scheduler.DAGScheduler.abortStage(DAGScheduler.scala:1876)",
                "org.apache.spark.scheduler.DAGScheduler$$anonfun$handleTaskSetFailed$1.apply(DAGScheduler.scala:926)",
                "scala.Option.foreach(Option.scala:257)",
                "org.apache.spark.scheduler.DAGScheduler.handleTaskSetFailed(DAGScheduler.scala:926)",
                "org.apache.spark.scheduler.DAGSchedulerEventProcessLoop.doOnReceive(DAGScheduler.scala:2110)",
                "org.apache.spark.scheduler.DAGSchedulerEventProcessLoop.onReceive(DAGScheduler.scala:2059)",
                "org.apache.spark.util.EventLoop$$anon$1.run(EventLoop.scala:49)",
                "org.apache.spark.scheduler.DAGScheduler.runJob(DAGScheduler.scala:737)",
                "org.apache.spark.SparkContext.runJob(SparkContext.scala:2061)",
                "org.apache.spark.SparkContext.runJob(SparkContext.scala:2158)"
              },
          "rdd.aggregate",
              new String[] {
                "org.apache.spark.rdd.RDD$$anonfun$treeAggregate$1.apply(RDD.scala:1137)",
                "org.apache.spark.rdd.RDDOperationScope$.withScope(RDDOperationScope.scala:151)",
                "org.apache.spark.rdd.RDD.withScope(RDD.scala:363)",
                "org.apache.spark.rdd.RDD.treeAggregate(RDD.scala:1115)",
                "org.apache.spark.ml.stat.Summarizer$.getClassificationSummarizers(Summarizer.scala:233)",
                "org.apache.spark.ml.classification.LogisticRegression.train(LogisticRegression.scala:518)",
                "org.apache.spark.ml.classification.LogisticRegression.train(LogisticRegression.scala:488)",
                "org.apache.spark.ml.classification.LogisticRegression.train(LogisticRegression.scala:278)"
              },
          "predictor.fit",
              new String[] {
                "org.apache.spark.ml.Predictor.fit(Predictor.scala:118)",
                "org.apache.spark.ml.Predictor.fit(Predictor.scala:82)"
              },
          "pipeline.fit",
              new String[] {
                "org.apache.spark.ml.Pipeline$$anonfun$fit$2.apply(Pipeline.scala:153)",
                "org.apache.spark.ml.Pipeline$$anonfun$fit$2.apply(Pipeline.scala:149)",
                "scala.collection.Iterator$class.foreach(Iterator.scala:891)",
                "scala.collection.AbstractIterator.foreach(Iterator.scala:1334)",
                "scala.collection.IterableViewLike$Transformed$class.foreach(IterableViewLike.scala:44)",
                "scala.collection.SeqViewLike$AbstractTransformed.foreach(SeqViewLike.scala:37)",
                "org.apache.spark.ml.Pipeline.fit(Pipeline.scala:149)"
              },
          "require",
              new String[] {
                "scala.Predef$.require(Predef.scala:224)",
                "org.apache.spark.ml.util.SchemaUtils$.checkColumnType(SchemaUtils.scala:42)",
                "org.apache.spark.ml.PredictorParams$class.validateAndTransformSchema(Predictor.scala:51)",
                "org.apache.spark.ml.classification.Classifier.org$apache$spark$ml$classification$ClassifierParams$$super$validateAndTransformSchema(Classifier.scala:58)",
                "org.apache.spark.ml.classification.ClassifierParams$class.validateAndTransformSchema(Classifier.scala:42)",
                "org.apache.spark.ml.PipelineStage.transformSchema(Pipeline.scala:74)",
                "org.apache.spark.ml.Predictor.fit(Predictor.scala:96)",
                "org.apache.spark.ml.Predictor.fit(Predictor.scala:72)"
              },
          "executor.task",
              new String[] {
                "org.apache.spark.sql.catalyst.expressions.GeneratedClass$GeneratedIteratorForCodegenStage1.processNext(Unknown"
                    + " Source)",
                "org.apache.spark.sql.execution.BufferedRowIterator.hasNext(BufferedRowIterator.java:43)",
                "org.apache.spark.sql.execution.WholeStageCodegenExec$$anonfun$13$$anon$1.hasNext(WholeStageCodegenExec.scala:636)",
                "scala.collection.Iterator$$anon$11.hasNext(Iterator.scala:409)",
                "org.apache.spark.scheduler.ResultTask.runTask(ResultTask.scala:90)",
                "org.apache.spark.scheduler.Task.run(Task.scala:123)",
                "org.apache.spark.executor.Executor$TaskRunner$$anonfun$10.apply(Executor.scala:408)",
                "org.apache.spark.util.Utils$.tryWithSafeFinally(Utils.scala:1360)",
                "org.apache.spark.executor.Executor$TaskRunner.run(Executor.scala:414)",
                "java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1149)",
                "java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:624)",
                "java.lang.Thread.run(Thread.java:748)"
              },
          "udf",
              new String[] {
                "org.apache.spark.ml.feature.StringIndexerModel$$anonfun$9.apply(StringIndexer.scala:260)",
                "org.apache.spark.ml.feature.StringIndexerModel$$anonfun$9.apply(StringIndexer.scala:246)"
              },
          "oom",
              new String[] {
                "java.util.Arrays.copyOf(Arrays.java:3236)",
                "java.io.ByteArrayOutputStream.grow(ByteArrayOutputStream.java:118)",
                "java.io.ByteArrayOutputStream.ensureCapacity(ByteArrayOutputStream.java:93)",
                "java.io.ByteArrayOutputStream.write(ByteArrayOutputStream.java:153)",
                "org.apache.spark.util.ByteBufferOutputStream.write(ByteBufferOutputStream.scala:41)",
                "java.io.ObjectOutputStream$BlockDataOutputStream.drain(ObjectOutputStream.java:1877)",
                "java.io.ObjectOutputStream.writeObject0(ObjectOutputStream.java:1189)",
                "java.io.ObjectOutputStream.writeObject(ObjectOutputStream.java:348)",
                "org.apache.spark.serializer.JavaSerializationStream.writeObject(JavaSerializer.scala:43)",
                "org.apache.spark.broadcast.TorrentBroadcast$.blockifyObject(TorrentBroadcast.scala:291)",
                "org.apache.spark.broadcast.TorrentBroadcast.writeBlocks(TorrentBroadcast.scala:230)",
                "org.apache.spark.SparkContext.broadcast(SparkContext.scala:1489)"
              });

  /**
   * The exceptions of the Java trace whose first line is {@code header} ({@code
   * java.lang.OutOfMemoryError: Java heap space}, {@code org.apache.spark.SparkException: …}); the
   * first one's type and message are {@code header}'s.
   */
  static List<Exception> trace(Rng rng, String header) {
    int colon = header.indexOf(": ");
    String type = colon < 0 ? header : header.substring(0, colon);
    String message = colon < 0 ? null : header.substring(colon + 2);
    String estimator = rng.chance(0.5) ? "pipeline.fit" : "predictor.fit";
    List<Exception> out = new ArrayList<>();
    if (type.equals("java.lang.OutOfMemoryError")) {
      out.add(
          new Exception(
              type, message, frames("oom", "rdd.aggregate", estimator, "gateway"), null, false));
    } else if (type.equals("java.lang.IllegalArgumentException")) {
      out.add(new Exception(type, message, frames("require", "gateway"), null, false));
    } else if (message != null && message.startsWith("Job aborted")) {
      // a failed task: the executor's trace is part of the message, then the driver's stack
      String lost =
          "org.apache.spark.SparkException: Unseen label: "
              + rng.pick("NaN", "spam", "unknown", "0.5")
              + ".";
      List<PlantedFrame> executor = frames("udf", "executor.task");
      StringBuilder full = new StringBuilder(message);
      int stage = message.indexOf(" in stage ");
      String stageNumber =
          stage < 0 ? "1" : message.substring(stage + 10, message.indexOf('.', stage + 10));
      full.append(" Lost task 0.0 in stage ")
          .append(stageNumber)
          .append(".0 (TID ")
          .append(rng.between(1, 400))
          .append(", localhost, executor driver): ")
          .append(lost);
      for (PlantedFrame f : executor) {
        full.append("\n\tat ").append(print(f));
      }
      full.append("\nDriver stacktrace:");
      List<PlantedFrame> driver = frames("dag.abort", "rdd.aggregate", estimator, "gateway");
      out.add(new Exception(type, full.toString(), driver, null, false));
      int colonLost = lost.indexOf(": ");
      out.add(
          new Exception(
              lost.substring(0, colonLost),
              lost.substring(colonLost + 2),
              executor.subList(0, executor.size() - 1),
              1,
              true));
    } else {
      // a UDF failing on an executor, caused by the indexer's error
      List<PlantedFrame> executor = frames("executor.task");
      out.add(new Exception(type, message, executor, null, false));
      out.add(
          new Exception(
              "org.apache.spark.SparkException",
              "Unseen label: " + rng.pick("NaN", "spam", "unknown", "0.5") + ".",
              frames("udf"),
              executor.size(),
              true));
    }
    return out;
  }

  /** The text Java prints for {@code trace}, from its first exception's name on. */
  static String render(List<Exception> trace) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < trace.size(); i++) {
      Exception e = trace.get(i);
      sb.append(i == 0 ? "" : "\nCaused by: ").append(e.type());
      if (e.message() != null) {
        sb.append(": ").append(e.message());
      }
      for (PlantedFrame f : e.frames()) {
        sb.append("\n\tat ").append(print(f));
      }
      if (e.commonOmitted() != null) {
        sb.append("\n\t... ").append(e.commonOmitted()).append(" more");
      }
    }
    return sb.toString();
  }

  private static String print(PlantedFrame f) {
    String location = f.line() == null ? f.rawPath() : f.rawPath() + ":" + f.line();
    return f.file() + "." + f.function() + "(" + location + ")";
  }

  private static List<PlantedFrame> frames(String... chains) {
    List<PlantedFrame> out = new ArrayList<>();
    for (String chain : chains) {
      for (String line : CHAINS.get(chain)) {
        int open = line.indexOf('(');
        String qualified = line.substring(0, open);
        String location = line.substring(open + 1, line.length() - 1);
        int dot = qualified.lastIndexOf('.');
        int colon = location.lastIndexOf(':');
        String source = colon < 0 ? location : location.substring(0, colon);
        Integer number = colon < 0 ? null : Integer.valueOf(location.substring(colon + 1));
        out.add(
            new PlantedFrame(
                source, qualified.substring(0, dot), number, qualified.substring(dot + 1)));
      }
    }
    return List.copyOf(out);
  }
}
