package dev.breakwater.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine is plain Java: it can be tested alone and used without a container. */
@AnalyzeClasses(packages = "dev.breakwater.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreHasNoContainerDependenciesTest {

    @ArchTest
    static final ArchRule coreDependsOnNoContainerApi = noClasses()
            .that().resideInAPackage("dev.breakwater.core..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax..", "org.eclipse.microprofile..");

    @ArchTest
    static final ArchRule coreDoesNotKnowItsCdiAdapter = noClasses()
            .that().resideInAPackage("dev.breakwater.core..")
            .should().dependOnClassesThat().resideInAPackage("dev.breakwater.cdi..");
}
