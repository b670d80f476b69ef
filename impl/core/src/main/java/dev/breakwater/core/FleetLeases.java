package dev.breakwater.core;

import dev.breakwater.core.fleet.FleetLease;
import dev.breakwater.core.fleet.FleetLeaseRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rate limiters' side of a {@link FleetMember}: for each limiter, the lease it asks for in an exchange, sized
 * from its attempts (admitted and refused) since the previous one and bounded, and the lease put in place from the
 * answer once checked. Used by the member's exchanging thread only, joins and snapshots aside.
 *
 * <p>A request asks for what the last interval's attempts call for, less the tokens still held, at most
 * {@code 2 x limit x flushInterval / window} (at least 1, at most the limit): enough for an instance whose demand
 * holds steady, without letting one exchange of a busy instance take a whole window from the others. The next
 * window's tokens are asked for in the exchanges of the last two flush intervals of a window, so that a busy
 * instance does not start each window empty.
 */
final class FleetLeases {

    /** The most instances a store may report: beyond it the answer is not believed. */
    static final int MAX_INSTANCES = 10_000;

    private static final System.Logger LOG = System.getLogger(FleetLeases.class.getName());

    private final String instance;
    private final long flushMillis;
    private final long presenceMillis;
    private final AtomicLong refused;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    /**
     * @param instance the member's instance, for the log
     * @param flushMillis the member's flush interval
     * @param presenceMillis how long an instance counts as one of the fleet's after its last exchange
     * @param refused counts the answers refused
     */
    FleetLeases(String instance, long flushMillis, long presenceMillis, AtomicLong refused) {
        this.instance = instance;
        this.flushMillis = flushMillis;
        this.presenceMillis = presenceMillis;
        this.refused = refused;
    }

    /** Adds a limiter; it is leased tokens from the next exchange on. */
    void join(FleetRateLimiter limiter) {
        for (Entry entry : entries) {
            if (entry.limiter.name().equals(limiter.name())) {
                throw new IllegalStateException(
                        "rate limiter '"
                                + limiter.name()
                                + "' cannot join fleet member '"
                                + instance
                                + "': a rate limiter of that name is a member already; allowed: one per name");
            }
        }
        entries.add(new Entry(limiter));
    }

    /** @return the limiters now, in the order their requests and leases take in an exchange */
    List<Entry> current() {
        return List.copyOf(entries);
    }

    /**
     * @param current the limiters, as {@link #current()} gave them
     * @return one request per limiter, in their order, each remembering when it was made
     */
    static List<FleetLeaseRequest> requests(List<Entry> current) {
        List<FleetLeaseRequest> requests = new ArrayList<>(current.size());
        for (Entry entry : current) {
            requests.add(entry.request());
        }
        return requests;
    }

    /**
     * @param limiter a limiter of the member
     * @return the instances the fleet counted for it at its last valid lease; 1 before, or for a stranger
     */
    int instances(FleetRateLimiter limiter) {
        Entry entry = entry(limiter);
        return entry == null ? 1 : entry.instances;
    }

    /**
     * @param limiter a limiter of the member
     * @return the tokens of its window granted to every instance, as the last valid lease told; 0 before
     */
    int windowGranted(FleetRateLimiter limiter) {
        Entry entry = entry(limiter);
        return entry == null ? 0 : entry.windowGranted;
    }

    private Entry entry(FleetRateLimiter limiter) {
        for (Entry entry : entries) {
            if (entry.limiter == limiter) {
                return entry;
            }
        }
        return null;
    }

    /** Every limiter goes on alone with its share of the fleet's limit. */
    void leaveFleet() {
        for (Entry entry : entries) {
            entry.limiter.leaveFleet(entry.instances);
        }
    }

    /** A limiter of the member, with what it reported so far. */
    final class Entry {
        private final FleetRateLimiter limiter;
        private final int limit;
        private final long windowMillis;
        private final int cap;
        private final long aheadMillis;
        private long attempts;
        private long sentAt;
        private int wantedNow;
        private int wantedNext;

        /** Written by the exchanging thread only; read by snapshots too. */
        private volatile int instances = 1;

        /** The fleet's tokens granted of the window of the last valid lease; written like {@link #instances}. */
        private volatile int windowGranted;

        private boolean warned;

        Entry(FleetRateLimiter limiter) {
            this.limiter = limiter;
            RateLimitPolicy policy = limiter.policy();
            this.limit = policy.limit();
            this.windowMillis = TimeUnit.NANOSECONDS.toMillis(policy.windowNanos());
            long fair = (2 * limit * flushMillis + windowMillis - 1) / windowMillis;
            this.cap = (int) Math.max(1, Math.min(limit, fair));
            this.aheadMillis = Math.min(windowMillis, 2 * flushMillis);
            this.attempts = attempts();
        }

        private long attempts() {
            RateLimiterCounters counters = limiter.counters();
            return counters.permitted() + counters.rejected();
        }

        FleetLeaseRequest request() {
            long total = attempts();
            long demand = total >= attempts ? total - attempts : total;
            attempts = total;
            sentAt = limiter.now();
            wantedNow = (int) Math.min(cap, Math.max(0, demand - limiter.tokensNow(sentAt)));
            wantedNext = (int) Math.min(cap, Math.max(0, demand - limiter.tokensNext()));
            return new FleetLeaseRequest(
                    limiter.name(),
                    limit,
                    windowMillis,
                    wantedNow,
                    wantedNext,
                    aheadMillis,
                    Math.max(presenceMillis, 2 * windowMillis));
        }

        /** Puts the lease in place, or goes on alone if it breaks the request. */
        void apply(FleetLease lease) {
            String wrong = wrong(lease);
            if (wrong != null) {
                refused.incrementAndGet();
                limiter.leaveFleet(instances);
                if (!warned) {
                    warned = true;
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "fleet member "
                                    + instance
                                    + " refused the fleet's lease of"
                                    + " rate limiter '"
                                    + limiter.name()
                                    + "' ("
                                    + lease
                                    + "): "
                                    + wrong
                                    + "; the limiter"
                                    + " goes on alone until a valid lease arrives");
                }
                return;
            }
            warned = false;
            instances = lease.instances();
            windowGranted = lease.windowGranted();
            long receivedAt = limiter.now();
            long remaining = TimeUnit.MILLISECONDS.toNanos(lease.remainingMillis());
            long window = TimeUnit.MILLISECONDS.toNanos(windowMillis);
            // The store's clock read the remaining time after this request left and before its
            // answer arrived: a
            // window ends no later than sentAt + remaining here, and the next starts no earlier
            // than receivedAt +
            // remaining, so a lease is never spent outside its window.
            limiter.lease(
                    lease.window(),
                    lease.granted(),
                    lease.grantedNext(),
                    receivedAt,
                    sentAt + remaining,
                    receivedAt + remaining,
                    sentAt + remaining + window);
        }

        /** @return what breaks the request in a lease, or {@code null} when it is valid */
        private String wrong(FleetLease lease) {
            if (lease.window() < 0) {
                return "the window's number is negative";
            }
            if (lease.granted() < 0 || lease.granted() > wantedNow) {
                return "the tokens granted are outside 0 to " + wantedNow;
            }
            if (lease.grantedNext() < 0 || lease.grantedNext() > wantedNext) {
                return "the next window's tokens granted are outside 0 to " + wantedNext;
            }
            if (lease.remainingMillis() < 1 || lease.remainingMillis() > windowMillis) {
                return "the time left in the window is outside 1 to " + windowMillis + " ms";
            }
            if (lease.instances() < 1 || lease.instances() > MAX_INSTANCES) {
                return "the instances are outside 1 to " + MAX_INSTANCES;
            }
            if (lease.windowGranted() < lease.granted() || lease.windowGranted() > limit) {
                return "the window's tokens granted to every instance are outside "
                        + lease.granted()
                        + " to "
                        + limit;
            }
            return null;
        }
    }
}
