package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.quarkus.deployment.ConfigMembers.Member;
import dev.breakwater.quarkus.deployment.ErrorBeans.OnClass;
import dev.breakwater.quarkus.deployment.ErrorBeans.OnClassToo;
import dev.breakwater.quarkus.deployment.ErrorBeans.OnMethods;
import dev.breakwater.quarkus.deployment.ErrorBeans.OnMethodsToo;
import io.quarkus.test.QuarkusUnitTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every member of every annotation, set to {@code x} in application.properties through
 * {@code quarkus.fault-tolerance."<class>/<method>"} and {@code "<class>"} keys and the same under
 * {@code smallrye.faulttolerance.}: the build fails and names each member, the value and the key as written, which
 * shows that each key reaches its member (a key that did not would leave the annotation's valid value).
 * {@code @Fallback} cannot be placed on a class, so it has no {@code "<class>"} keys.
 */
class KeyedValueErrorsTest {

    private static final Map<String, Member> KEYS = new LinkedHashMap<>();

    static {
        for (String prefix : List.of("quarkus.fault-tolerance.", "smallrye.faulttolerance.")) {
            String methods =
                    (prefix.startsWith("quarkus") ? OnMethods.class : OnMethodsToo.class).getName();
            String onClass =
                    (prefix.startsWith("quarkus") ? OnClass.class : OnClassToo.class).getName();
            put(prefix + "\"" + methods + "/timeout\".", ConfigMembers.TIMEOUT);
            put(prefix + "\"" + methods + "/retry\".", ConfigMembers.RETRY);
            put(prefix + "\"" + methods + "/breaker\".", ConfigMembers.CIRCUIT_BREAKER);
            put(prefix + "\"" + methods + "/bulkhead\".", ConfigMembers.BULKHEAD);
            put(prefix + "\"" + methods + "/fallsBack\".", ConfigMembers.FALLBACK_METHOD);
            put(prefix + "\"" + methods + "/handled\".", ConfigMembers.FALLBACK_HANDLER);
            put(prefix + "\"" + methods + "/async\".", ConfigMembers.ASYNCHRONOUS);
            put(prefix + "\"" + onClass + "\".", ConfigMembers.classLevel());
        }
    }

    private static void put(String start, List<Member> members) {
        for (Member member : members) {
            KEYS.put(member.key(start), member);
        }
    }

    private static String properties() {
        List<String> lines = new ArrayList<>();
        KEYS.keySet().forEach(key -> lines.add(key + "=x"));
        return String.join("\n", lines);
    }

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                                    ErrorBeans.class,
                                                    OnMethods.class,
                                                    OnMethodsToo.class,
                                                    OnClass.class,
                                                    OnClassToo.class,
                                                    ErrorBeans.Handler.class)
                                            .addAsResource(
                                                    new StringAsset(properties()),
                                                    "application.properties"))
                    .assertException(
                            failure -> {
                                String message = ErrorBeans.definitionError(failure);
                                for (Map.Entry<String, Member> key : KEYS.entrySet()) {
                                    assertThat(message)
                                            .contains(key.getValue().shown(key.getKey()));
                                }
                                assertThat(message)
                                        .startsWith(
                                                KEYS.size()
                                                        + " fault tolerance definition errors:");
                            });

    @Test
    void theBuildFailsNamingEveryKey() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }
}
