package dev.breakwater.cdi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The config property names under {@code quarkus.fault-tolerance.} and {@code smallrye.faulttolerance.}, listed
 * once per deployment. It spares the deployment a lookup of each kebab-case key of each member of each method
 * (most applications set none of them), and gives the typo check the keys as the user wrote them.
 *
 * <p>A name listed in another spelling (an environment variable such as
 * {@code QUARKUS_FAULT_TOLERANCE_GLOBAL_RETRY_MAX_RETRIES}) cannot be matched to a key by its spelling, so when
 * one is present every kebab-case key is looked up.
 */
final class PrefixedConfigNames {

    private static final List<String> OTHER_SPELLINGS =
            List.of("QUARKUS_FAULT_TOLERANCE_", "SMALLRYE_FAULTTOLERANCE_");

    private final Set<String> active = new HashSet<>();
    private final List<String> written = new ArrayList<>();
    private boolean otherSpellings;

    PrefixedConfigNames(Config config) {
        for (String name : config.getPropertyNames()) {
            if (prefixed(name)) {
                active.add(name);
                written.add(name);
            } else if (name.startsWith("%")
                    && name.indexOf('.') > 0
                    && prefixed(name.substring(name.indexOf('.') + 1))) {
                written.add(
                        name); // another profile's key: not looked up, but checked for typos all
                // the same
            } else if (otherSpelling(name)) {
                otherSpellings = true;
            }
        }
    }

    private static boolean otherSpelling(String name) {
        for (String start : OTHER_SPELLINGS) {
            if (name.regionMatches(true, 0, start, 0, start.length())) {
                return true;
            }
        }
        return false;
    }

    static boolean prefixed(String key) {
        for (String prefix : ConfigNames.PREFIXES) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** @return false when a kebab-case key is certainly not set, so that looking it up can be skipped */
    boolean mayHold(String key) {
        return otherSpellings || active.contains(key) || !prefixed(key);
    }

    /** @return whether any kebab-case key may be set */
    boolean any() {
        return otherSpellings || !active.isEmpty();
    }

    /** @return the names as written, with the profile prefix of another profile's key */
    List<String> written() {
        return written;
    }
}
