package dev.breakwater.examples.checkout;

/** The gateway failed before the catalogue was ever read, so there is no last good answer to serve. */
public class CatalogueUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogueUnavailableException() {
        super("catalogue unavailable and not cached yet");
    }
}
