package dev.concurrencybench.report.compare;

/** The verdict on one metric of one server × scenario cell. */
public enum Verdict {
    /** The confidence interval lies wholly beyond 1 + δ in the metric's bad direction (after Holm when gating). */
    REGRESSION,
    /** The mirror image: the interval lies wholly beyond 1 + δ in the good direction. */
    IMPROVEMENT,
    /** The 90 % interval lies inside [1/(1+δ), 1+δ]: equivalent within the tolerance. */
    NO_CHANGE,
    /** None of the above: more repetitions are needed (or too few samples for the percentile). */
    INCONCLUSIVE,
    /** A repetition on either side is an invalid measurement: no verdict is drawn. */
    INVALID
}
