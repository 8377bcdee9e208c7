package io.tracemine.spark;

import io.tracemine.report.Percentiles;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;

/**
 * Spark's exact {@code percentile(value, array(fractions))} with the same numbers ({@link
 * Percentiles}), computed by sorting each group's values once: the buffer is a growable {@code
 * double[]} instead of Spark's hash map of boxed distinct values and counts, costly when nearly
 * every value is distinct (hours to first answer): REPORT-2's executor CPU -28% at 1.07M posts
 * (docs/PERFORMANCE.md, "Report percentile and chmod (session 15)"). Null values are skipped, as
 * Spark skips them. Memory: 8 bytes per value of the group being finished.
 */
public final class ExactPercentiles
    extends Aggregator<Double, ExactPercentiles.Values, ExactPercentiles.Quantiles> {
  private static final long serialVersionUID = 1L;
  private final double[] fractions;

  private ExactPercentiles(double[] fractions) {
    this.fractions = fractions.clone();
  }

  /**
   * An aggregate function of one double column giving the percentiles at {@code fractions} as a
   * {@code struct<values: array<double>>} ({@link Quantiles}; its values are null for a group
   * without values).
   */
  public static UserDefinedFunction at(double... fractions) {
    Percentiles.ofSorted(new double[0], 0, fractions); // rejects a fraction outside [0, 1]
    return functions.udaf(new ExactPercentiles(fractions), Encoders.DOUBLE());
  }

  @Override
  public Values zero() {
    return new Values();
  }

  @Override
  public Values reduce(Values buffer, Double value) {
    if (value != null) {
      buffer.add(value);
    }
    return buffer;
  }

  @Override
  public Values merge(Values buffer, Values other) {
    return buffer.addAll(other);
  }

  @Override
  public Quantiles finish(Values buffer) {
    // Spark's encoder of a Java bean cannot write a null bean: a group without values gets null
    // values, where Spark's percentile gives null
    return new Quantiles(
        buffer.size == 0 ? null : Percentiles.ofUnsorted(buffer.values, buffer.size, fractions));
  }

  @Override
  public Encoder<Values> bufferEncoder() {
    return Encoders.javaSerialization(Values.class);
  }

  @Override
  public Encoder<Quantiles> outputEncoder() {
    return Encoders.bean(Quantiles.class);
  }

  /**
   * The result as a Java bean (Spark's Java API has no encoder for a bare {@code double[]}): the
   * percentiles in the order of the fractions.
   */
  public static final class Quantiles implements Serializable {
    private static final long serialVersionUID = 1L;
    private double[] values;

    public Quantiles() {}

    Quantiles(double[] values) {
      this.values = values;
    }

    public double[] getValues() {
      return values;
    }

    public void setValues(double[] values) {
      this.values = values;
    }
  }

  /**
   * A growable array of doubles, serialized as its size and its values only (public: Spark's buffer
   * encoder accepts only public classes).
   */
  public static final class Values implements Serializable {
    private static final long serialVersionUID = 1L;
    private transient double[] values = new double[16];
    private transient int size;

    void add(double value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, Math.max(16, size + (size >> 1)));
      }
      values[size++] = value;
    }

    double[] values() {
      return values;
    }

    int size() {
      return size;
    }

    Values addAll(Values other) {
      if (size + other.size > values.length) {
        values = Arrays.copyOf(values, Math.max(size + other.size, size + (size >> 1)));
      }
      System.arraycopy(other.values, 0, values, size, other.size);
      size += other.size;
      return this;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
      out.writeInt(size);
      for (int i = 0; i < size; i++) {
        out.writeDouble(values[i]);
      }
    }

    private void readObject(ObjectInputStream in) throws IOException {
      size = in.readInt();
      values = new double[Math.max(16, size)];
      for (int i = 0; i < size; i++) {
        values[i] = in.readDouble();
      }
    }
  }
}
