package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Hadoop's local file system raises a full disk as an {@code FSError}, an {@link Error} that
 * picocli does not hand to the command line's handler: wherever a stage meets one, it is one line
 * and exit 1, as a full disk in a Spark task is, not a Java stack trace without a JSON document.
 */
class FileSystemErrorTest {
  @Command(name = "write")
  static final class Writing implements Callable<Integer> {
    private final Error thrown;

    Writing(Error thrown) {
      this.thrown = thrown;
    }

    @Override
    public Integer call() {
      throw thrown;
    }
  }

  /** Hadoop's {@code FSError}, whose constructor is not public. */
  static Error fsError(IOException cause) {
    try {
      var constructor = org.apache.hadoop.fs.FSError.class.getDeclaredConstructor(Throwable.class);
      constructor.setAccessible(true);
      return constructor.newInstance(cause);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aFullDiskRaisedAsAnErrorIsOneLineAndExitOne() throws Exception {
    StringWriter err = new StringWriter();
    CommandLine cl =
        TraceMine.withErrorHandling(
            new CommandLine(new Writing(fsError(new IOException("No space left on device")))));
    cl.setErr(new PrintWriter(err));

    int code = cl.execute();

    assertThat(code).isEqualTo(TraceMine.EXIT_STAGE_FAILED);
    assertThat(err.toString().strip())
        .startsWith("tracemine: Cannot write: No space left on device")
        .doesNotContain("\tat ", "FSError");
    assertThat(err.toString().strip().lines()).hasSize(1);
  }

  @Test
  void otherErrorsAreNotTakenForIt() {
    CommandLine cl =
        TraceMine.withErrorHandling(new CommandLine(new Writing(new StackOverflowError())));
    assertThatThrownBy(cl::execute).isInstanceOf(StackOverflowError.class);
  }
}
