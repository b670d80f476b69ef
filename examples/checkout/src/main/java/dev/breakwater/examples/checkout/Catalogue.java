package dev.breakwater.examples.checkout;

import java.util.List;

/** The products on sale, and whether they come from the gateway just now or from the last good answer. */
public record Catalogue(List<Product> products, Source source) {

    public enum Source {
        LIVE,
        CACHE
    }
}
