package dev.breakwater.redis.protocol;

import dev.breakwater.api.BreakerState;
import dev.breakwater.core.fleet.FleetBackend;
import dev.breakwater.core.fleet.FleetLease;
import dev.breakwater.core.fleet.FleetLeaseRequest;
import dev.breakwater.core.fleet.FleetReply;
import dev.breakwater.core.fleet.FleetReport;
import dev.breakwater.core.fleet.FleetRules;
import dev.breakwater.core.fleet.FleetUnavailableException;
import dev.breakwater.core.fleet.FleetView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link FleetBackend} on Redis says and how it reads the answers, whatever client carries them: each
 * operation is one run of {@link FleetScript} ({@link #exchange}, {@link #hold}, {@link #release}) on the
 * application's {@link FleetKeys}, and every reply is checked for shape before it becomes a {@link FleetReply}. A
 * client hands the script's reply over as a {@link List} whose integers are {@link Long}s (anything else in it is
 * refused as malformed), and {@code TIME}'s as a list of two values.
 */
public final class FleetProtocol {

    private static final int VALUES_PER_VIEW = 7;
    private static final int VALUES_PER_LEASE = 6;
    private static final int SHOWN = 200;
    private static final BreakerState[] STATES = {
        BreakerState.CLOSED,
        BreakerState.OPEN,
        BreakerState.HALF_OPEN,
        BreakerState.HELD_OPEN,
        BreakerState.HELD_CLOSED
    };

    private final FleetKeys keys;
    private final FleetScript script = new FleetScript();

    /**
     * @param application names the application's keys and channel ({@code breakwater:<application>:*}); 1 to 64
     *                    letters, digits, '.', '_' or '-'
     * @throws IllegalArgumentException naming the application and what is allowed
     */
    public FleetProtocol(String application) {
        this.keys = new FleetKeys(application);
    }

    /** @return the script every operation runs */
    public FleetScript script() {
        return script;
    }

    /** @return the channel the script announces changes of state on, which members subscribe to */
    public String channel() {
        return keys.channel();
    }

    /**
     * @param instance the reporting instance
     * @param reports one per breaker
     * @param leases one per rate limiter
     * @return the script's keys and arguments for {@link FleetBackend#exchange(String, List, List)}
     */
    public ScriptCall exchange(
            String instance, List<FleetReport> reports, List<FleetLeaseRequest> leases) {
        List<String> scriptKeys = new ArrayList<>(reports.size() * 3 + leases.size());
        List<String> args = new ArrayList<>(5 + reports.size() * 13 + leases.size() * 6);
        args.add("x");
        args.add(keys.channel());
        args.add(instance);
        args.add(Integer.toString(reports.size()));
        for (FleetReport report : reports) {
            scriptKeys.addAll(keys.of(report.breaker()));
            FleetRules rules = report.rules();
            args.add(Integer.toString(rules.minimumCalls()));
            args.add(Double.toString(rules.failureRatio()));
            args.add(Integer.toString(rules.quorum()));
            args.add(Long.toString(rules.windowMillis() / 1000));
            args.add(Long.toString(rules.delayMillis()));
            args.add(Integer.toString(rules.successThreshold()));
            args.add(Long.toString(rules.probeLeaseMillis()));
            args.add(Long.toString(report.calls()));
            args.add(Long.toString(report.failures()));
            args.add(Long.toString(report.epoch()));
            args.add(Long.toString(report.probeSuccesses()));
            args.add(Long.toString(report.probeFailures()));
            args.add(Integer.toString(report.probesWanted()));
        }
        args.add(Integer.toString(leases.size()));
        for (FleetLeaseRequest lease : leases) {
            scriptKeys.add(keys.limiter(lease.limiter()));
            args.add(Integer.toString(lease.limit()));
            args.add(Long.toString(lease.windowMillis()));
            args.add(Integer.toString(lease.wantedNow()));
            args.add(Integer.toString(lease.wantedNext()));
            args.add(Long.toString(lease.aheadMillis()));
            args.add(Long.toString(lease.presenceMillis()));
        }
        return new ScriptCall(scriptKeys, args, reports.size(), leases.size());
    }

    /**
     * Reads an exchange's reply: the server's time, seven integers per breaker, then six per rate limiter.
     *
     * @param call the exchange's call
     * @param reply what the script returned, as a list of {@link Long}s
     * @return the reply
     * @throws FleetUnavailableException when the reply has another shape, naming what was expected and showing it
     */
    public FleetReply readExchange(ScriptCall call, Object reply) {
        int breakers = call.breakers();
        int limiters = call.limiters();
        int expected = 1 + breakers * VALUES_PER_VIEW + limiters * VALUES_PER_LEASE;
        if (!(reply instanceof List<?> values) || values.size() != expected) {
            throw malformed("a list of " + expected + " integers", reply);
        }
        long[] numbers = new long[values.size()];
        for (int i = 0; i < numbers.length; i++) {
            if (!(values.get(i) instanceof Long number)) {
                throw malformed("integers only", reply);
            }
            numbers[i] = number;
        }
        List<FleetView> views = new ArrayList<>(breakers);
        for (int b = 0; b < breakers; b++) {
            int at = 1 + b * VALUES_PER_VIEW;
            long state = numbers[at];
            if (state < 0
                    || state >= STATES.length
                    || numbers[at + 3] > Integer.MAX_VALUE
                    || numbers[at + 6] > Integer.MAX_VALUE) {
                throw malformed("a state code from 0 to 4 and counts that fit an int", reply);
            }
            views.add(
                    new FleetView(
                            STATES[(int) state],
                            numbers[at + 1],
                            numbers[at + 2],
                            (int) numbers[at + 3],
                            numbers[at + 4],
                            numbers[at + 5],
                            (int) numbers[at + 6]));
        }
        List<FleetLease> leases = new ArrayList<>(limiters);
        for (int l = 0; l < limiters; l++) {
            int at = 1 + breakers * VALUES_PER_VIEW + l * VALUES_PER_LEASE;
            if (numbers[at + 1] > Integer.MAX_VALUE
                    || numbers[at + 2] > Integer.MAX_VALUE
                    || numbers[at + 4] > Integer.MAX_VALUE
                    || numbers[at + 5] > Integer.MAX_VALUE) {
                throw malformed("lease counts that fit an int", reply);
            }
            leases.add(
                    new FleetLease(
                            numbers[at],
                            (int) numbers[at + 1],
                            (int) numbers[at + 2],
                            numbers[at + 3],
                            (int) numbers[at + 4],
                            (int) numbers[at + 5]));
        }
        return new FleetReply(numbers[0], views, leases);
    }

    /**
     * @return the script's keys and arguments for {@link FleetBackend#hold}; its reply (an integer) says nothing
     * @throws IllegalArgumentException when the state is not a hold's or the expiry not positive
     */
    public ScriptCall hold(String breaker, BreakerState state, Duration expiry) {
        FleetBackend.checkHold(breaker, state, expiry);
        return new ScriptCall(
                keys.of(breaker),
                List.of(
                        "h",
                        keys.channel(),
                        state.name(),
                        Long.toString(Math.max(1, expiry.toMillis()))),
                0,
                0);
    }

    /** @return the script's keys and arguments for {@link FleetBackend#release}; its reply says nothing */
    public ScriptCall release(String breaker) {
        return new ScriptCall(keys.of(breaker), List.of("r", keys.channel()), 0, 0);
    }

    /**
     * @param time what {@code TIME} returned: seconds and microseconds, as a list of two values
     * @return the server's clock in milliseconds since the epoch
     * @throws FleetUnavailableException when it has another shape
     */
    public static long readTime(Object time) {
        if (time instanceof List<?> parts && parts.size() == 2) {
            try {
                return Long.parseLong(String.valueOf(parts.get(0))) * 1000
                        + Long.parseLong(String.valueOf(parts.get(1))) / 1000;
            } catch (NumberFormatException e) {
                throw malformed("seconds and microseconds", time);
            }
        }
        throw malformed("seconds and microseconds", time);
    }

    private static FleetUnavailableException malformed(String expected, Object reply) {
        String shown = String.valueOf(reply);
        return new FleetUnavailableException(
                "Redis answered the fleet script with something other than "
                        + expected
                        + ": "
                        + (shown.length() > SHOWN ? shown.substring(0, SHOWN) + "..." : shown),
                null);
    }
}
