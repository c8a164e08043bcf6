package dev.concurrencybench.report.compare;

/** The one-sided 95 % quantile of Student's t distribution, by table for small df and a series beyond. */
final class StudentT {

    /** z(0.95) of the standard normal distribution. */
    static final double Z95 = 1.6448536269514722;

    /** t(0.95, df) for df = 1..30 (standard tables). */
    private static final double[] T95 = {6.3138, 2.9200, 2.3534, 2.1318, 2.0150, 1.9432, 1.8946, 1.8595, 1.8331,
        1.8125, 1.7959, 1.7823, 1.7709, 1.7613, 1.7531, 1.7459, 1.7396, 1.7341, 1.7291, 1.7247, 1.7207, 1.7171,
        1.7139, 1.7109, 1.7081, 1.7056, 1.7033, 1.7011, 1.6991, 1.6973};

    private StudentT() {
    }

    /** t(0.95, df), df &gt;= 1. Beyond 30 the Cornish–Fisher expansion in 1/df (Abramowitz &amp; Stegun 26.7.5). */
    static double quantile95(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("df must be >= 1");
        }
        if (df <= T95.length) {
            return T95[df - 1];
        }
        double z = Z95;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        return z + (z3 + z) / (4.0 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * df * df);
    }
}
