/**
 * Per-stage server-side timing: {@link dev.concurrencybench.pipeline.stage.Stage} names the steps,
 * {@link dev.concurrencybench.pipeline.stage.StageRecorders} records them in µs without locks, and
 * {@link dev.concurrencybench.pipeline.stage.StageLogWriter} writes them as a tagged interval {@code .hlog}.
 */
package dev.concurrencybench.pipeline.stage;
