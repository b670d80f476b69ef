package dev.breakwater.examples.demo;

/**
 * One checkout as the client saw it.
 *
 * @param kind         how it ended
 * @param latencyNanos from sending the request to reading the whole answer
 * @param atNanos      when it ended, on {@link System#nanoTime()}
 */
record Outcome(Kind kind, long latencyNanos, long atNanos) {

    /** How a checkout ended, from its status code and error body. */
    enum Kind {
        /** 200: paid. */
        OK,
        /** 502 or 504: the gateway was called and failed or was too slow, after the retries. */
        GATEWAY_FAILED,
        /** 503 circuit-open: refused at once, the gateway was not called. */
        FAST_FAILED,
        /** anything else: a full bulkhead, an unexpected status, a connection error. */
        OTHER;

        static Kind of(int status, String body) {
            if (status == 200) {
                return OK;
            }
            if (status == 502 || status == 504) {
                return GATEWAY_FAILED;
            }
            if (status == 503 && body.contains("\"circuit-open\"")) {
                return FAST_FAILED;
            }
            return OTHER;
        }
    }
}
