package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.quarkus.deployment.ConfigMembers.Member;
import dev.breakwater.quarkus.deployment.ErrorBeans.OnClass;
import dev.breakwater.quarkus.deployment.ErrorBeans.OnMethods;
import io.quarkus.test.QuarkusUnitTest;
import java.util.ArrayList;
import java.util.List;
import org.jboss.shrinkwrap.api.asset.StringAsset;

/**
 * An application whose every annotation member is set to {@code x} through one global key form, and whose build
 * must fail naming each member with the key as written, on the methods and on the class that carry it.
 */
final class GlobalValueErrors {

    private static final List<Member> MEMBERS = new ArrayList<>(ConfigMembers.classLevel());

    static {
        MEMBERS.addAll(ConfigMembers.FALLBACK_METHOD);
        MEMBERS.addAll(ConfigMembers.FALLBACK_HANDLER);
        MEMBERS.addAll(ConfigMembers.ASYNCHRONOUS);
    }

    private GlobalValueErrors() {}

    /** @param start the global form's prefix, such as {@code quarkus.fault-tolerance.global.} */
    static QuarkusUnitTest app(String start) {
        return new QuarkusUnitTest()
                .withApplicationRoot(
                        archive ->
                                archive.addClasses(
                                                ErrorBeans.class,
                                                OnMethods.class,
                                                OnClass.class,
                                                ErrorBeans.Handler.class)
                                        .addAsResource(
                                                new StringAsset(properties(start)),
                                                "application.properties"))
                .assertException(
                        failure -> {
                            String message = ErrorBeans.definitionError(failure);
                            for (Member member : MEMBERS) {
                                assertThat(message).contains(member.shown(member.key(start)));
                            }
                            assertThat(message)
                                    .contains(
                                            "@Retry (on class "
                                                    + OnClass.class.getName()
                                                    + ") on "
                                                    + OnClass.class.getName()
                                                    + ".call(): maxRetries = 'x' (config key "
                                                    + start
                                                    + "retry.max-retries) cannot be read");
                        });
    }

    private static String properties(String start) {
        List<String> lines = new ArrayList<>();
        MEMBERS.forEach(member -> lines.add(member.key(start) + "=x"));
        return String.join("\n", lines);
    }
}
