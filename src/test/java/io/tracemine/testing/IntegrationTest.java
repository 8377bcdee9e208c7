package io.tracemine.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class of the integration tier: it starts other processes (a browser, Jupyter, a
 * Spark cluster, {@code submit.sh}). {@code mvn test} leaves these out; {@code mvn verify} runs
 * them through Failsafe after the unit tier.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
public @interface IntegrationTest {}
