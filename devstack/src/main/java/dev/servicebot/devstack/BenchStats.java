package dev.servicebot.devstack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the benchmarks report: medians over runs, since these shared machines are noisy. */
public final class BenchStats {
    private BenchStats() {
    }

    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
