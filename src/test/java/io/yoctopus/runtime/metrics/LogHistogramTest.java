package io.yoctopus.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The buckets of the log-scale histogram, at each boundary, and what is read from them. */
class LogHistogramTest {

    private final LogHistogram histogram = new LogHistogram(4, 6);

    @Test
    void valuesBelowTheFirstPowerShareTheFirstBucket() {
        assertEquals(0, histogram.index(0));
        assertEquals(0, histogram.index(15));
        assertEquals(15, histogram.largestValue(0));
    }

    @Test
    void eachPowerOfTwoHasFourBucketsOfEqualWidth() {
        // 16..31 in widths of 4
        assertEquals(1, histogram.index(16));
        assertEquals(1, histogram.index(19));
        assertEquals(2, histogram.index(20));
        assertEquals(4, histogram.index(31));
        assertEquals(19, histogram.largestValue(1));
        assertEquals(23, histogram.largestValue(2));
        assertEquals(31, histogram.largestValue(4));
        // 32..63 in widths of 8, 64..127 in widths of 16
        assertEquals(5, histogram.index(32));
        assertEquals(5, histogram.index(39));
        assertEquals(6, histogram.index(40));
        assertEquals(39, histogram.largestValue(5));
        assertEquals(9, histogram.index(64));
        assertEquals(12, histogram.index(127));
        assertEquals(127, histogram.largestValue(12));
    }

    @Test
    void valuesPastTheLastPowerShareTheLastBucketWhoseBoundIsWhereItStarts() {
        assertEquals(14, histogram.bucketCount());
        assertEquals(13, histogram.index(128));
        assertEquals(13, histogram.index(Long.MAX_VALUE));
        assertEquals(128, histogram.largestValue(13));
    }

    @Test
    void everyBucketHoldsTheValuesUpToItsLargestAndNoneAbove() {
        LogHistogram wide = new LogHistogram(10, 35);
        for (int index = 0; index < wide.bucketCount() - 1; index++) {
            long largest = wide.largestValue(index);
            assertEquals(index, wide.index(largest), "largest value of bucket " + index);
            assertEquals(index + 1, wide.index(largest + 1), "the value after it");
        }
    }

    @Test
    void theSnapshotCountsSumsAndAveragesAndANegativeValueCountsAsZero() {
        histogram.record(20);
        histogram.record(40);
        histogram.record(-5);
        LogHistogram.Snapshot snapshot = histogram.snapshot();
        assertEquals(3, snapshot.count());
        assertEquals(60, snapshot.sum());
        assertEquals(20.0, snapshot.mean());
        assertEquals(15, snapshot.percentile(0.0), "the smallest value: the 0 in the first bucket, up to 15");
    }

    @Test
    void anEmptyHistogramReadsZero() {
        LogHistogram.Snapshot snapshot = histogram.snapshot();
        assertEquals(0, snapshot.count());
        assertEquals(0.0, snapshot.mean());
        assertEquals(0, snapshot.percentile(0.99));
    }

    @Test
    void aPercentileIsTheLargestValueOfTheBucketItFallsIn() {
        for (int i = 0; i < 90; i++) {
            histogram.record(17);   // bucket 1, up to 19
        }
        for (int i = 0; i < 9; i++) {
            histogram.record(33);   // bucket 5, up to 39
        }
        histogram.record(1000);     // the last bucket, from 128
        LogHistogram.Snapshot snapshot = histogram.snapshot();
        assertEquals(19, snapshot.percentile(0.5));
        assertEquals(19, snapshot.percentile(0.9), "the 90th of 100 values is the last 17");
        assertEquals(39, snapshot.percentile(0.91));
        assertEquals(39, snapshot.percentile(0.99));
        assertEquals(128, snapshot.percentile(1.0));
        assertEquals(128, snapshot.percentile(0.999));
    }

    @Test
    void theExponentsAreChecked() {
        assertEquals("exponents must satisfy 2 <= first <= last <= 61, not 1 and 5",
                assertThrows(IllegalArgumentException.class, () -> new LogHistogram(1, 5)).getMessage());
        assertEquals("exponents must satisfy 2 <= first <= last <= 61, not 2 and 62",
                assertThrows(IllegalArgumentException.class, () -> new LogHistogram(2, 62)).getMessage());
        assertEquals("exponents must satisfy 2 <= first <= last <= 61, not 7 and 6",
                assertThrows(IllegalArgumentException.class, () -> new LogHistogram(7, 6)).getMessage());
        assertEquals(6, new LogHistogram(2, 2).bucketCount(), "first = last, both at their bounds");
        assertEquals(((61 - 2) + 1) * 4 + 2, new LogHistogram(2, 61).bucketCount());
    }
}
