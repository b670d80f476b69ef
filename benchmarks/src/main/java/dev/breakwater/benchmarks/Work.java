package dev.breakwater.benchmarks;

import java.util.List;

/**
 * The body of every measured bean method: returns a constant. Before a measurement, the benchmarks' setup can
 * make the next calls fail or record who called, so that the sanity checks exercise the very methods that are
 * measured. During the measurement both switches are off and the body is one static field read and a
 * comparison, the same in every row, baseline included.
 */
public final class Work {

    /** What every measured method returns. */
    public static final String VALUE = "ok";

    /** What the fallback methods return. */
    public static final String FALLBACK = "fallback";

    /** Non-zero only while a setup check runs, single-threaded, before the measurement starts. */
    private static int checking;

    private static int failuresToThrow;
    private static int calls;
    private static List<String> callerFrames = List.of();
    private static Thread callerThread;

    private Work() {}

    /** @return {@link #VALUE}, unless a setup check asked for a planned failure */
    public static String value() {
        if (checking != 0) {
            return check();
        }
        return VALUE;
    }

    private static synchronized String check() {
        calls++;
        callerThread = Thread.currentThread();
        callerFrames =
                StackWalker.getInstance()
                        .walk(frames -> frames.map(StackWalker.StackFrame::getClassName).toList());
        if (failuresToThrow > 0) {
            failuresToThrow--;
            throw new PlannedFailure();
        }
        return VALUE;
    }

    /**
     * Starts a check: the next {@code failures} calls throw {@link PlannedFailure}, and every call is counted and
     * its stack recorded.
     */
    public static synchronized void startCheck(int failures) {
        checking = 1;
        failuresToThrow = failures;
        calls = 0;
        callerFrames = List.of();
        callerThread = null;
    }

    /** Ends a check: the body is back to returning the constant. */
    public static synchronized void endCheck() {
        checking = 0;
        failuresToThrow = 0;
    }

    public static synchronized int calls() {
        return calls;
    }

    public static synchronized List<String> callerFrames() {
        return callerFrames;
    }

    public static synchronized Thread callerThread() {
        return callerThread;
    }

    /** The failure a setup check plans. */
    public static final class PlannedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PlannedFailure() {
            super("planned failure", null, false, false);
        }
    }
}
