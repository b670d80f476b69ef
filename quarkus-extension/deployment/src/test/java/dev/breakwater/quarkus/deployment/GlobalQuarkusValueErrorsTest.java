package dev.breakwater.quarkus.deployment;

import dev.breakwater.quarkus.deployment.ConfigMembers.Member;
import dev.breakwater.quarkus.deployment.ErrorBeans.OnClass;
import dev.breakwater.quarkus.deployment.ErrorBeans.OnMethods;
import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every member of every annotation, set to {@code x} through {@code quarkus.fault-tolerance.global.<annotation>.<member>}: the
 * build fails and names each member with the key as written, on the methods and on the class that carry it.
 */
class GlobalQuarkusValueErrorsTest {

    private static final String START = "quarkus.fault-tolerance.global.";
    private static final List<Member> MEMBERS = new ArrayList<>(ConfigMembers.classLevel());

    static {
        MEMBERS.addAll(ConfigMembers.FALLBACK_METHOD);
        MEMBERS.addAll(ConfigMembers.FALLBACK_HANDLER);
        MEMBERS.addAll(ConfigMembers.ASYNCHRONOUS);
    }

    private static String properties() {
        List<String> lines = new ArrayList<>();
        MEMBERS.forEach(member -> lines.add(member.key(START) + "=x"));
        return String.join("\n", lines);
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(archive -> archive.addClasses(ErrorBeans.class, OnMethods.class, OnClass.class,
                            ErrorBeans.Handler.class)
                    .addAsResource(new StringAsset(properties()), "application.properties"))
            .assertException(failure -> {
                String message = ErrorBeans.definitionError(failure);
                for (Member member : MEMBERS) {
                    assertThat(message).contains(member.shown(member.key(START)));
                }
                assertThat(message).contains("@Retry (on class " + OnClass.class.getName() + ") on "
                        + OnClass.class.getName() + ".call(): maxRetries = 'x' (config key " + START
                        + "retry.max-retries) cannot be read");
            });

    @Test
    void theBuildFailsNamingEveryKey() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }
}
