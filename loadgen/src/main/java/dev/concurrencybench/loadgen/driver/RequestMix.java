package dev.concurrencybench.loadgen.driver;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Picks request templates in proportion to their weights (for example 99 cheap : 1 blocking). Immutable and
 * thread-safe; the randomness comes from the caller's own {@link SplittableRandom}, so a seeded run repeats.
 */
final class RequestMix {

    private final List<RequestTemplate> templates;
    private final double[] cumulativeWeights;

    RequestMix(List<RequestTemplate> templates) {
        this.templates = List.copyOf(templates);
        this.cumulativeWeights = new double[templates.size()];
        double sum = 0;
        for (int i = 0; i < templates.size(); i++) {
            sum += templates.get(i).weight();
            cumulativeWeights[i] = sum;
        }
    }

    /** The next template: one of the list, with probability weight / total weight. */
    RequestTemplate pick(SplittableRandom random) {
        return templates.get(pickIndex(random));
    }

    /** The index of the next template, as {@link #pick}; allocates nothing. */
    int pickIndex(SplittableRandom random) {
        if (cumulativeWeights.length == 1) {
            return 0;
        }
        double x = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (x < cumulativeWeights[i]) {
                return i;
            }
        }
        return cumulativeWeights.length - 1;
    }
}
