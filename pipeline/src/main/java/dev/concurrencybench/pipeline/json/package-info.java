/**
 * The decode stage: {@link dev.concurrencybench.pipeline.json.JsonCodec} turns bodies into records
 * ({@link dev.concurrencybench.pipeline.json.WorkRequest}) with bounds checked, and records into response bodies.
 */
package dev.concurrencybench.pipeline.json;
