package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.cdi.FoundAnnotation;
import dev.breakwater.cdi.GuardedMethod;
import dev.breakwater.cdi.ReflectiveDiscovery;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CDI extension's discovery (reflection) and the Quarkus extension's (the Jandex index) find the same guarded
 * methods, with the same annotations in effect, from the same place, on every fixture.
 */
class DiscoveryConformanceTest {

    private static final ClassLoader LOADER = DiscoveryConformanceTest.class.getClassLoader();
    private static Index index;

    @BeforeAll
    static void indexFixtures() throws IOException {
        Indexer indexer = new Indexer();
        for (Class<?> fixture : DiscoveryFixtures.class.getDeclaredClasses()) {
            indexer.indexClass(fixture);
        }
        index = indexer.complete();
    }

    @ParameterizedTest
    @ValueSource(
            classes = {
                DiscoveryFixtures.MethodLevel.class,
                DiscoveryFixtures.ClassLevel.class,
                DiscoveryFixtures.Base.class,
                DiscoveryFixtures.Sub.class,
                DiscoveryFixtures.SubWithOwnClassAnnotation.class,
                DiscoveryFixtures.BeanOfVetoed.class,
                DiscoveryFixtures.WithStereotype.class,
                DiscoveryFixtures.WithNestedStereotype.class,
                DiscoveryFixtures.WithStereotypeCycle.class,
                DiscoveryFixtures.SubOfStereotyped.class,
                DiscoveryFixtures.SubOfPlainStereotyped.class,
                DiscoveryFixtures.StringEcho.class,
                DiscoveryFixtures.ThreadHints.class,
                DiscoveryFixtures.ImplementsDefault.class
            })
    void bothDiscoveriesFindTheSameGuardedMethods(Class<?> beanClass) throws Exception {
        List<String> byReflection = byReflection(beanClass);
        List<String> byIndex = byIndex(beanClass);

        assertThat(byIndex).as("the Jandex scanner against reflection").isEqualTo(byReflection);
        assertThat(byReflection)
                .as("a fixture that guards nothing would compare nothing")
                .isNotEmpty();
    }

    @Test
    void theRulesHoldOnTheFixtures() throws Exception {
        assertThat(byIndex(DiscoveryFixtures.WithStereotypeCycle.class))
                .singleElement()
                .asString()
                .contains("Bulkhead=class-level", "value=11", "Timeout=class-level", "value=500");
        assertThat(byIndex(DiscoveryFixtures.SubOfStereotyped.class))
                .singleElement()
                .asString()
                .contains("Bulkhead=class-level", "value=12");
        assertThat(byIndex(DiscoveryFixtures.SubOfPlainStereotyped.class))
                .singleElement()
                .asString()
                .startsWith("SubOfPlainStereotyped.own")
                .doesNotContain("Bulkhead");
        assertThat(byIndex(DiscoveryFixtures.Sub.class))
                .filteredOn(method -> method.startsWith("Sub.overridden"))
                .singleElement()
                .asString()
                .contains("CircuitBreaker=class-level")
                .doesNotContain("Retry");
        assertThat(byIndex(DiscoveryFixtures.BeanOfVetoed.class))
                .singleElement()
                .asString()
                .contains(
                        "Retry=class-level on " + DiscoveryFixtures.VetoedBase.class.getName(),
                        "Timeout=method-level");
        assertThat(byIndex(DiscoveryFixtures.ThreadHints.class))
                .singleElement()
                .asString()
                .startsWith("ThreadHints.asynchronous")
                .contains("NonBlocking=class-level")
                .doesNotContain("{Blocking=", " Blocking=");
        assertThat(byIndex(DiscoveryFixtures.ImplementsDefault.class))
                .singleElement()
                .asString()
                .startsWith("ImplementsDefault.own");
    }

    private static List<String> byReflection(Class<?> beanClass) {
        List<String> found = new ArrayList<>();
        for (GuardedMethod method : ReflectiveDiscovery.find(beanClass)) {
            Map<String, String> annotations = new TreeMap<>();
            for (FoundAnnotation<?> where : ReflectiveDiscovery.annotations(method).values()) {
                annotations.put(
                        where.annotation().annotationType().getSimpleName(),
                        describe(
                                where.annotation(),
                                where.classLevel(),
                                where.declaredOn().getName()));
            }
            found.add(describe(method.method()) + " " + annotations);
        }
        found.sort(Comparator.naturalOrder());
        return found;
    }

    private static List<String> byIndex(Class<?> beanClass) throws ReflectiveOperationException {
        GuardedMethodScanner scanner =
                new GuardedMethodScanner(index, DiscoveryConformanceTest::declaredAnnotations);
        List<String> found = new ArrayList<>();
        for (ScannedMethod method :
                scanner.scan(index.getClassByName(DotName.createSimple(beanClass)))) {
            Map<String, String> annotations = new TreeMap<>();
            for (ScannedMethod.Found where : method.annotations()) {
                Class<? extends Annotation> type =
                        FaultToleranceNames.BY_NAME.get(where.instance().name());
                annotations.put(
                        type.getSimpleName(),
                        describe(
                                JandexAnnotations.toAnnotation(where.instance(), type, LOADER),
                                where.classLevel(),
                                where.declaredOn().name().toString()));
            }
            found.add(describe(ClassNames.method(method.method(), LOADER)) + " " + annotations);
        }
        found.sort(Comparator.naturalOrder());
        return found;
    }

    /** The annotations a class or method declares, as an index without transformations shows them. */
    private static Collection<AnnotationInstance> declaredAnnotations(AnnotationTarget target) {
        return target.kind() == AnnotationTarget.Kind.CLASS
                ? target.asClass().declaredAnnotations()
                : target.asMethod().declaredAnnotations();
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName()
                + "."
                + method.getName()
                + Arrays.toString(method.getParameterTypes());
    }

    private static String describe(Annotation annotation, boolean classLevel, String declaredOn) {
        StringBuilder text =
                new StringBuilder(classLevel ? "class-level on " : "method-level in ")
                        .append(declaredOn)
                        .append(" (");
        Method[] members = annotation.annotationType().getDeclaredMethods();
        Arrays.sort(members, Comparator.comparing(Method::getName));
        for (Method member : members) {
            try {
                Object value = member.invoke(annotation);
                text.append(member.getName())
                        .append('=')
                        .append(
                                value instanceof Object[] array
                                        ? Arrays.toString(array)
                                        : String.valueOf(value))
                        .append(' ');
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + member, e);
            }
        }
        return text.append(')').toString();
    }
}
