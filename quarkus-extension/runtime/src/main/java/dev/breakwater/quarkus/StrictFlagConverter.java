package dev.breakwater.quarkus;

import dev.breakwater.cdi.ConfigFlag;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads Breakwater's switches under {@code quarkus.breakwater} as the fault tolerance switches are read: a value
 * that is no yes or no word fails the start instead of being taken for {@code false}, as the default boolean
 * converter would.
 */
public final class StrictFlagConverter implements Converter<Boolean> {

    @Override
    public Boolean convert(String value) {
        return ConfigFlag.read(value)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "'"
                                                + value
                                                + "' cannot be read; allowed: "
                                                + ConfigFlag.ALLOWED));
    }
}
