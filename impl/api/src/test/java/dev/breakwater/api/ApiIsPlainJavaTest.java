package dev.breakwater.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The public API is plain Java, so a health check or console can use it without CDI or the engine. */
@AnalyzeClasses(packages = "dev.breakwater.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiIsPlainJavaTest {

    @ArchTest
    static final ArchRule apiDependsOnlyOnTheJdkAndItself = classes()
            .that().resideInAPackage("dev.breakwater.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.breakwater.api..");
}
