/**
 * The production peers: for each concurrency model, the best-known production server that bets on the same model,
 * so that {@code bench ratio} can show each model beside its peer in one sitting (a model that loses to its own kind
 * is losing to its implementation, not to its model).
 *
 * <ul>
 *   <li>{@code jetty}: Jetty 12.1 core handlers on its default {@code QueuedThreadPool}, for the thread-pool model;</li>
 *   <li>{@code netty}: Netty 4.2's {@code HttpServerCodec}, its connections on one NIO event loop, for the event-loop model;</li>
 *   <li>{@code helidon}: Helidon SE 4.5 WebServer, one virtual thread per connection with blocking socket I/O, for
 *       the virtual-thread model;</li>
 *   <li>{@code reactor-netty}: Reactor Netty 1.3's {@code HttpServer}, its connections on one NIO loop, for the reactive model.</li>
 * </ul>
 *
 * <p>Every peer runs in its framework's default production setup and answers the two endpoints {@code bench ratio}
 * measures exactly as the models do: {@code GET /plaintext} and {@code GET /json} (serialized per request with the
 * pipeline's own {@link dev.concurrencybench.pipeline.json.JsonCodec}, so the JSON work is the same), with
 * {@code Content-Type}, {@code Content-Length}, {@code Server} and {@code Date}; anything else is a 404. TLS uses
 * the models' keystore and protocol ({@link dev.concurrencybench.pipeline.tls.TlsContexts}). Entry point:
 * {@link dev.concurrencybench.peers.PeerMain}.
 */
package dev.concurrencybench.peers;
