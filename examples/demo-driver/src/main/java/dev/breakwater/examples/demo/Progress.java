package dev.breakwater.examples.demo;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * A live status line for the phase under way, redrawn in place on a terminal, and one line per finished phase.
 * Written to the error stream, so the timeline on standard output stays clean when redirected.
 */
final class Progress implements AutoCloseable {

    private static final String SPINNER = "|/-\\";
    private static final long REDRAW_MILLIS = 200;

    private final PrintStream err;
    private final boolean live;
    private final Thread painter;
    private volatile PhaseRecorder current;
    private volatile int currentNumber;

    Progress(PrintStream err, boolean live) {
        this.err = err;
        this.live = live;
        this.painter = new Thread(this::paint, "breakwater-demo-progress");
        painter.setDaemon(true);
        if (live) {
            painter.start();
        }
    }

    void started(int number, PhaseRecorder recorder) {
        currentNumber = number;
        current = recorder;
    }

    synchronized void finished(PhaseReport report) {
        current = null;
        clearLine();
        err.printf(
                Locale.ROOT,
                "  done  %d %-34s %5.1f s  %s%n",
                report.number(),
                report.name(),
                report.seconds(),
                describe(report.counts()));
    }

    /** Prints one line of news between the status lines. */
    synchronized void note(String line) {
        clearLine();
        err.println(line);
    }

    private void paint() {
        int tick = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                PhaseRecorder recorder = current;
                if (recorder != null) {
                    redraw(recorder, SPINNER.charAt(tick++ % SPINNER.length()));
                }
                Thread.sleep(REDRAW_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void redraw(PhaseRecorder recorder, char spin) {
        if (recorder != current) {
            return;
        }
        double seconds = (System.nanoTime() - recorder.startNanos()) / 1e9;
        clearLine();
        err.printf(
                Locale.ROOT,
                "  %c     %d %-34s %5.1f s  %s",
                spin,
                currentNumber,
                recorder.name(),
                seconds,
                describe(recorder.counts()));
        err.flush();
    }

    private void clearLine() {
        if (live) {
            err.print("\r\033[2K");
        }
    }

    private static String describe(Map<Outcome.Kind, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return String.format(
                Locale.ROOT,
                "%4d orders: %d paid, %d failed at gateway, %d refused fast",
                total,
                counts.get(Outcome.Kind.OK),
                counts.get(Outcome.Kind.GATEWAY_FAILED),
                counts.get(Outcome.Kind.FAST_FAILED));
    }

    @Override
    public void close() {
        painter.interrupt();
    }
}
