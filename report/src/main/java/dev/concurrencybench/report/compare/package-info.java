/**
 * {@code bench compare}: a regression verdict per server × scenario × metric between two results folders, made
 * for CI on noisy machines. Pure computation over the results model ({@code report.results}): it reads
 * {@code run.json}, {@code summary.json} and {@code latency.hlog} (through HdrHistogram's
 * {@code HistogramLogReader}, tag {@code corrected}) and never starts a server or produces load.
 *
 * <p>The statistic is the ratio candidate / baseline of a metric computed on the histograms merged across
 * repetitions and 1 s intervals (percentiles are never averaged). Its 90 % confidence interval comes from a
 * two-stage bootstrap: repetitions (fresh JVMs, the unit of replication, Kalibera &amp; Jones 2013) are resampled
 * with replacement and, inside each chosen repetition, its interval histograms are resampled in circular blocks
 * (Politis &amp; Romano 1992) so that the time correlation of a run survives. A fixed seed makes the verdict a
 * function of the inputs. With few repetitions the bootstrap spread is widened to the Student-t interval's width
 * ({@code CellBootstrap.smallSampleWidening}): on synthetic K = 3 data whose true P99 ratio sits exactly on 1 + δ,
 * the plain percentile bootstrap called a regression in 27 % of 80 pairs, the widened one in 8–10 % of 60 (the
 * nominal is 5 %, at the worst case; at a true ratio of 1 it is far lower). Verdicts follow an equivalence-testing reading (two one-sided tests, Schuirmann 1987):
 * a change is a regression only when the whole interval lies beyond the tolerance δ, "no change" only when the
 * whole interval lies inside it, and everything else is said to be inconclusive. Holm's step-down correction
 * (Holm 1979) keeps the family-wise false-alarm rate of the gating metrics at α = 5 %.
 *
 * <p>Entry point: {@link dev.concurrencybench.report.compare.Comparison#run}. Output writers:
 * {@link dev.concurrencybench.report.compare.ConsoleTable}, {@link dev.concurrencybench.report.compare.CompareJson},
 * {@link dev.concurrencybench.report.compare.CompareMarkdown}, {@link dev.concurrencybench.report.compare.JunitXml},
 * {@link dev.concurrencybench.report.compare.GithubAnnotations}. Nothing here is shared between threads.
 */
package dev.concurrencybench.report.compare;
