/**
 * The decrypt stage, shared by all four models: {@link dev.concurrencybench.pipeline.tls.TlsContexts} builds the JDK
 * {@code SSLContext} (a self-signed certificate unless a PKCS#12 keystore is given) and
 * {@link dev.concurrencybench.pipeline.tls.TlsSession} drives one connection's {@code SSLEngine} without blocking.
 */
package dev.concurrencybench.pipeline.tls;
