package io.tracemine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.testing.Serialization;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class TraceMineExceptionTest {

  /** A cause that Java serialization refuses, as a foreign library's exception can be. */
  static final class UnserializableCause extends RuntimeException {
    @SuppressWarnings("unused")
    private final transient Object ok = null;

    private final Object notSerializable = new Object();

    UnserializableCause(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Test
  void keepsASerializableCauseWithItsStack() {
    IOException root = new IOException("disk full");
    TraceMineException e = new TraceMineException("Cannot write 'x'", root);

    assertThat(e).hasMessage("Cannot write 'x' (IOException: disk full)");
    assertThat(e.getCause()).isSameAs(root);
    TraceMineException back = Serialization.roundTrip(e);
    assertThat(back.getCause()).isInstanceOf(IOException.class).hasMessage("disk full");
    assertThat(back.getCause().getStackTrace()).isEqualTo(root.getStackTrace());
  }

  @Test
  void replacesAnUnserializableCauseKeepingClassMessageStackAndChain() {
    IOException inner = new IOException("socket closed");
    UnserializableCause outer = new UnserializableCause("read failed", inner);
    TraceMineException e = new TraceMineException("Cannot read 'y'", outer);

    TraceMineException back = Serialization.roundTrip(e);

    assertThat(back.getCause())
        .isInstanceOf(TraceMineException.ForeignCause.class)
        .hasMessage(UnserializableCause.class.getName() + ": read failed");
    assertThat(((TraceMineException.ForeignCause) back.getCause()).originalClass())
        .isEqualTo(UnserializableCause.class.getName());
    assertThat(back.getCause().getStackTrace()).isEqualTo(outer.getStackTrace());
    assertThat(back.getCause().getCause())
        .isInstanceOf(IOException.class)
        .hasMessage("socket closed");
  }
}
