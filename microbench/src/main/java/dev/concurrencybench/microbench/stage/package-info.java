/**
 * Stage costs on real bytes, through the {@code pipeline} module's own classes (the same code every server runs):
 * parse, decode, encode, TLS record decrypt/encrypt and one whole {@code HttpConnection} round trip. Times are ns
 * (or µs) per operation; run with {@code --gc} for bytes allocated per operation.
 */
package dev.concurrencybench.microbench.stage;
