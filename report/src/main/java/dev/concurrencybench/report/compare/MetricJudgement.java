package dev.concurrencybench.report.compare;

/**
 * The verdict on one metric of one cell from its bootstrap ratio distribution, read as two one-sided tests
 * against the tolerance band [1/(1+δ), 1+δ] (Schuirmann 1987): "worse than 1+δ in the bad direction" for a
 * regression, "better than that in the good one" for an improvement, and "inside the band on both sides" for no
 * change. Each test is at α = 5 %, so "no change" is exactly "the 90 % interval lies inside the band". Bootstrap
 * p-values are (1 + #resamples on the null side) / (B + 1) (Davison &amp; Hinkley 1997, eq. 4.11). Stateless.
 */
final class MetricJudgement {

    private MetricJudgement() {
    }

    /** Why no test can be made on this metric, or null when one can. */
    static String untestable(Metric m, Cell base, Cell candidate, CellBootstrap b) {
        if (m.isLatency()) {
            long need = m.minimumSamples();
            if (base.requests() < need || candidate.requests() < need) {
                return "too few samples: " + m.label() + " needs at least " + need + " requests per side (baseline "
                        + base.requests() + ", candidate " + candidate.requests() + ")";
            }
        }
        if (!m.isLatency() && (base.repetitions().size() < 2 || candidate.repetitions().size() < 2)) {
            return "one value per run: an interval needs at least 2 repetitions per side (run with --repeat)";
        }
        if (!(b.base(m) > 0) || !Double.isFinite(b.candidate(m)) || !Double.isFinite(b.quantile(m, 0.5))) {
            return "the baseline value is 0 or undefined: no ratio";
        }
        return null;
    }

    /** p-value of "the ratio is not beyond 1+δ in the bad direction". */
    static double pRegression(Metric m, double delta, CellBootstrap b) {
        return m.higherIsWorse() ? b.pNotAbove(m, 1 + delta) : b.pNotBelow(m, 1 / (1 + delta));
    }

    /**
     * @param adjusted Holm-adjusted regression p-value for a gating metric (null if advisory or untested)
     * @param family   the number of gating tests Holm adjusted over
     */
    static MetricResult judge(Metric m, boolean gating, double delta, Cell base, Cell candidate, CellBootstrap b,
                              Double adjusted, int family) {
        double bv = b.base(m);
        double cv = b.candidate(m);
        double ratio = bv > 0 ? cv / bv : Double.NaN;
        String why = untestable(m, base, candidate, b);
        int k = Math.min(base.repetitions().size(), candidate.repetitions().size());
        if (why != null) {
            Integer needed = null;
            if (m.isLatency() && why.startsWith("too few")) {
                long perRep = Math.max(1, Math.min(base.requests() / base.repetitions().size(),
                        candidate.requests() / candidate.repetitions().size()));
                needed = (int) Math.min(999, (m.minimumSamples() + perRep - 1) / perRep);
            } else if (why.startsWith("one value")) {
                needed = Math.max(3, k + 1);
            }
            return new MetricResult(m, gating, delta, bv, cv, ratio, null, null, null, null, Verdict.INCONCLUSIVE,
                    needed, why);
        }
        double lo = b.quantile(m, CompareSettings.ALPHA);
        double hi = b.quantile(m, 1 - CompareSettings.ALPHA);
        double upper = 1 + delta;
        double lower = 1 / upper;
        double pBad = pRegression(m, delta, b);
        double pGood = m.higherIsWorse() ? b.pNotBelow(m, lower) : b.pNotAbove(m, upper);
        double pBadAdj = gating && adjusted != null ? adjusted : pBad;
        double pInside = Math.max(b.pNotAbove(m, lower), b.pNotBelow(m, upper));
        Verdict v;
        String note = null;
        Integer needed = null;
        double a = CompareSettings.ALPHA;
        if (pBadAdj <= a) {
            v = Verdict.REGRESSION;
        } else if (pGood <= a) {
            v = Verdict.IMPROVEMENT;
        } else if (pInside <= a) {
            v = Verdict.NO_CHANGE;
        } else {
            v = Verdict.INCONCLUSIVE;
            needed = repetitionsNeeded(ratio, lo, hi, delta, k);
            if (pBad <= a) {
                note = "beyond δ alone, not after Holm's correction over " + family + " gating tests";
            }
        }
        if (note == null && k < 2 && m.isLatency()) {
            note = "one repetition per side: the interval holds within-run noise only, not run-to-run noise";
        }
        return new MetricResult(m, gating, delta, bv, cv, ratio, lo, hi, pBad, gating ? pBadAdj : pBad, v, needed,
                note);
    }

    /**
     * Repetitions per side that would likely settle an inconclusive verdict. The interval's half-width in log space
     * shrinks as 1/√K; it must shrink to the distance from the estimate to the nearest bound that would decide:
     * the bound it lies beyond (to confirm a change), or the nearer edge of the band (to confirm no change).
     * Capped at 999, which reads "not with repetitions at this δ".
     */
    static int repetitionsNeeded(double ratio, double lo, double hi, double delta, int k) {
        double c = Math.log(ratio);
        double w = (Math.log(hi) - Math.log(lo)) / 2;
        double band = Math.log(1 + delta);
        double room = Math.abs(c) > band ? Math.abs(c) - band : band - Math.abs(c);
        if (!(room > 0) || !Double.isFinite(w)) {
            return 999;
        }
        double need = Math.ceil(Math.max(1, k) * (w / room) * (w / room));
        return (int) Math.min(999, Math.max(k + 1, need));
    }
}
