package dev.cks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * How the value types of this package are generated.
 *
 * <p>Builders are staged, so leaving out a required part is a compile error: each required part has
 * its own stage, in the order the abstract type declares them, and {@code build()} is reachable
 * only once all of them are set. The generated types are public, so their stage interfaces can be
 * named, but the mutable builder class behind the stages stays package-private. {@code build()} and
 * every {@code with*} copy run the type's check, which throws {@link ValidationException}.
 */
@Target({ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    stagedBuilder = true,
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true)
@interface ValueStyle {}
