package dev.breakwater.benchmarks.cdi;

/**
 * The one exception the throwing floor interceptors throw: created once, without stack trace, so that a call they
 * refuse pays only for what the container does around a throwing interceptor.
 */
final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final Refusal INSTANCE = new Refusal();

    private Refusal() {
        super("refused by a floor interceptor", null, false, false);
    }
}
