package dev.leakgate.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Immutable distribution of request latencies, kept so that the results of several phases can be merged and still give
 * true percentiles.
 *
 * <p>Log-linear buckets in microseconds: exact below 256 µs, then every power of two split into 128 equal buckets, so a
 * reported percentile is at most 0.8% above the true value, from 1 µs up to 2<sup>40</sup> µs (12 days; longer values
 * are clamped).
 */
public final class LatencyHistogram {

    private static final int SUB_BUCKET_BITS = 7;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private static final int EXACT_LIMIT = 2 * SUB_BUCKETS;
    private static final int EXACT_LIMIT_EXPONENT = SUB_BUCKET_BITS + 1;
    private static final int MAX_EXPONENT = 40;
    private static final long MAX_TRACKABLE_MICROS = (1L << MAX_EXPONENT) - 1;
    private static final int BUCKET_COUNT = EXACT_LIMIT + (MAX_EXPONENT - EXACT_LIMIT_EXPONENT) * SUB_BUCKETS;

    private static final LatencyHistogram EMPTY = new LatencyHistogram(new long[BUCKET_COUNT], 0, 0);

    private final long[] counts;
    private final long totalCount;
    private final long maxMicros;

    private LatencyHistogram(long[] counts, long totalCount, long maxMicros) {
        this.counts = counts;
        this.totalCount = totalCount;
        this.maxMicros = maxMicros;
    }

    /** A histogram without values. */
    public static LatencyHistogram empty() {
        return EMPTY;
    }

    /** Number of recorded latencies. */
    public long count() {
        return totalCount;
    }

    /** Largest recorded latency, exact, in milliseconds; 0 when empty. */
    public double maxMillis() {
        return maxMicros / 1000.0;
    }

    /**
     * Latency that {@code percentile} percent of the recorded values do not exceed, in milliseconds; 0 when empty.
     *
     * @param percentile between 0 and 100
     */
    public double percentileMillis(double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("Percentile must be between 0 and 100, got: " + percentile);
        }
        if (totalCount == 0) {
            return 0;
        }
        // In decimal: in binary 99.9 / 100 is a little above 0.999, and of 1,000 values p99.9 would be the largest.
        long rank = Math.max(1, BigDecimal.valueOf(percentile).multiply(BigDecimal.valueOf(totalCount))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).longValueExact());
        long seen = 0;
        for (int bucket = 0; bucket < counts.length; bucket++) {
            seen += counts[bucket];
            if (seen >= rank) {
                return Math.min(highestValueIn(bucket), maxMicros) / 1000.0;
            }
        }
        return maxMillis();
    }

    /** The percentiles the reports show. */
    public Latency latency() {
        return new Latency(percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(99.9), maxMillis());
    }

    /** This distribution and {@code other} together. */
    public LatencyHistogram merge(LatencyHistogram other) {
        long[] merged = counts.clone();
        for (int bucket = 0; bucket < merged.length; bucket++) {
            merged[bucket] += other.counts[bucket];
        }
        return new LatencyHistogram(merged, totalCount + other.totalCount, Math.max(maxMicros, other.maxMicros));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LatencyHistogram histogram
                && totalCount == histogram.totalCount
                && maxMicros == histogram.maxMicros
                && Arrays.equals(counts, histogram.counts);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(totalCount) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "LatencyHistogram[count=" + totalCount + ", " + latency() + "]";
    }

    private static int bucketOf(long micros) {
        if (micros < EXACT_LIMIT) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        int subBucket = (int) (micros >>> (exponent - SUB_BUCKET_BITS)) - SUB_BUCKETS;
        return EXACT_LIMIT + (exponent - EXACT_LIMIT_EXPONENT) * SUB_BUCKETS + subBucket;
    }

    private static long highestValueIn(int bucket) {
        if (bucket < EXACT_LIMIT) {
            return bucket;
        }
        int offset = bucket - EXACT_LIMIT;
        int exponent = EXACT_LIMIT_EXPONENT + offset / SUB_BUCKETS;
        long mantissa = SUB_BUCKETS + offset % SUB_BUCKETS;
        return ((mantissa + 1) << (exponent - SUB_BUCKET_BITS)) - 1;
    }

    /**
     * Collects latencies on one thread without allocating or locking, while another thread may take a
     * {@link #toHistogram()} copy at any time (to report progress).
     *
     * <p>One writer only: plain reads and release stores suffice, and cost nothing beyond ordinary ones on common
     * hardware. A copy taken while values are being recorded may miss the latest ones; a copy taken after the writer
     * finished (and was joined) is exact.
     */
    static final class Recorder {

        private final AtomicLongArray counts = new AtomicLongArray(BUCKET_COUNT);
        private final AtomicLong maxMicros = new AtomicLong();

        void record(long micros) {
            long clamped = Math.max(0, Math.min(micros, MAX_TRACKABLE_MICROS));
            int bucket = bucketOf(clamped);
            counts.setRelease(bucket, counts.getPlain(bucket) + 1);
            if (clamped > maxMicros.getPlain()) {
                maxMicros.setRelease(clamped);
            }
        }

        LatencyHistogram toHistogram() {
            long[] copy = new long[BUCKET_COUNT];
            long total = 0;
            for (int bucket = 0; bucket < BUCKET_COUNT; bucket++) {
                copy[bucket] = counts.getAcquire(bucket);
                total += copy[bucket];
            }
            return new LatencyHistogram(copy, total, maxMicros.getAcquire());
        }
    }
}
