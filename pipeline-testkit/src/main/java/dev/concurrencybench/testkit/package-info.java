/**
 * The server conformance suite: every concurrency model's test module subclasses
 * {@link dev.concurrencybench.testkit.AbstractServerConformanceTest} and overrides
 * {@link dev.concurrencybench.testkit.AbstractServerConformanceTest#provider()}; nothing else.
 *
 * <p>The oracle is {@link dev.concurrencybench.testkit.RawHttpClient}, a strict raw-socket HTTP/1.1 client that
 * shares no code with the pipeline under test, so a bug in the pipeline cannot hide behind the same bug in the
 * checker. Request fixtures are in {@link dev.concurrencybench.testkit.WireContract}, response checks in
 * {@link dev.concurrencybench.testkit.ResponseAssertions}.
 *
 * <p>This module is a test library: JUnit Jupiter is a compile-scope dependency on purpose.
 */
package dev.concurrencybench.testkit;
