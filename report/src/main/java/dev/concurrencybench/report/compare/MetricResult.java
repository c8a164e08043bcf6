package dev.concurrencybench.report.compare;

/**
 * The comparison of one metric of one cell (an entry of {@code compare.json}'s {@code cells[].metrics}).
 *
 * @param metric              which metric
 * @param gating              whether its regression fails the comparison
 * @param delta               tolerance δ, fraction
 * @param base                baseline value over all repetitions and intervals, in {@link Metric#unit()}
 * @param candidate           candidate value, same unit
 * @param ratio               candidate / base
 * @param ciLow               lower end of the 90 % bootstrap interval of the ratio, or null when none was computed
 * @param ciHigh              upper end, or null
 * @param pRegression         bootstrap p-value of "no regression beyond δ", or null
 * @param pRegressionAdjusted the same after Holm's correction over the gating tests (equal to
 *                            {@code pRegression} for an advisory metric), or null
 * @param verdict             the verdict
 * @param repetitionsNeeded   for INCONCLUSIVE, the repetitions per side that would likely settle it (an estimate
 *                            from the interval's width shrinking as 1/√K), else null
 * @param note                why a verdict is what it is, when that is not obvious (too few samples, one
 *                            repetition, Holm), else null
 */
public record MetricResult(Metric metric, boolean gating, double delta, double base, double candidate, double ratio,
                           Double ciLow, Double ciHigh, Double pRegression, Double pRegressionAdjusted,
                           Verdict verdict, Integer repetitionsNeeded, String note) {
}
