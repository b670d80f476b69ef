package dev.breakwater.quarkus.deployment;

import io.quarkus.builder.item.EmptyBuildItem;

/** Marks that the application, once started, has begun reading the guarded methods' definitions. */
public final class DefinitionsReadingBuildItem extends EmptyBuildItem {}
