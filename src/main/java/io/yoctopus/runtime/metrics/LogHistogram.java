package io.yoctopus.runtime.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts values in fixed buckets on a logarithmic scale: four buckets per power of two, so that a bucket's bounds
 * are at most 25% apart, from {@code 2^firstExponent} to {@code 2^(lastExponent + 1)}; smaller values share the
 * first bucket, larger ones the last. Recording a value is one bucket index (a leading-zero count and a shift) and two
 * {@link LongAdder} increments, with no allocation and no lock: cheap enough for every request. Percentiles are read
 * from the buckets, as the largest value of the bucket they fall in.
 */
public final class LogHistogram {

    /** Buckets per power of two. */
    static final int SUB_BUCKETS = 4;

    private final int firstExponent;
    private final int lastExponent;
    private final LongAdder[] buckets;
    private final LongAdder sum = new LongAdder();

    /**
     * @param firstExponent values below {@code 2^firstExponent} share the first bucket; at least 2
     * @param lastExponent values from {@code 2^(lastExponent + 1)} on share the last bucket; at most 61
     */
    public LogHistogram(int firstExponent, int lastExponent) {
        if (firstExponent < 2 || lastExponent > 61 || firstExponent > lastExponent) {
            throw new IllegalArgumentException("exponents must satisfy 2 <= first <= last <= 61, not " + firstExponent
                    + " and " + lastExponent);
        }
        this.firstExponent = firstExponent;
        this.lastExponent = lastExponent;
        this.buckets = new LongAdder[(lastExponent - firstExponent + 1) * SUB_BUCKETS + 2];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Counts one value; a negative one counts as 0. */
    public void record(long value) {
        long counted = Math.max(0, value);
        buckets[index(counted)].increment();
        sum.add(counted);
    }

    /** The bucket of a value that is not negative. */
    int index(long value) {
        if (value < 1L << firstExponent) {
            return 0;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        if (exponent > lastExponent) {
            return buckets.length - 1;
        }
        int sub = (int) (value >>> (exponent - 2)) & (SUB_BUCKETS - 1);
        return 1 + (exponent - firstExponent) * SUB_BUCKETS + sub;
    }

    /** The largest value bucket {@code index} counts; the last bucket's smallest, since it has no upper bound. */
    long largestValue(int index) {
        if (index == 0) {
            return (1L << firstExponent) - 1;
        }
        if (index == buckets.length - 1) {
            return 1L << (lastExponent + 1);
        }
        int exponent = firstExponent + (index - 1) / SUB_BUCKETS;
        int sub = (index - 1) % SUB_BUCKETS;
        return ((long) (SUB_BUCKETS + sub + 1) << (exponent - 2)) - 1;
    }

    int bucketCount() {
        return buckets.length;
    }

    /** The counts as they are now. */
    public Snapshot snapshot() {
        long[] counts = new long[buckets.length];
        long count = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = buckets[i].sum();
            count += counts[i];
        }
        return new Snapshot(counts, count, sum.sum());
    }

    /** The counts of a moment: read it as often as needed, it no longer changes. */
    public final class Snapshot {
        private final long[] counts;
        private final long count;
        private final long sum;

        Snapshot(long[] counts, long count, long sum) {
            this.counts = counts;
            this.count = count;
            this.sum = sum;
        }

        /** How many values were counted. */
        public long count() {
            return count;
        }

        /** Their sum. */
        public long sum() {
            return sum;
        }

        /** Their mean; 0 when there are none. */
        public double mean() {
            return count == 0 ? 0 : (double) sum / count;
        }

        /**
         * The value at or below which the fraction {@code quantile} of the values fall, as the largest value of its
         * bucket (an overestimate by at most the bucket's width); 0 when there are none.
         */
        public long percentile(double quantile) {
            if (count == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(quantile * count));
            long seen = 0;
            int last = counts.length - 1;
            for (int i = 0; i < last; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return largestValue(i);
                }
            }
            return largestValue(last);
        }
    }
}
