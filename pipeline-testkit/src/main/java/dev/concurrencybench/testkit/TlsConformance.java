package dev.concurrencybench.testkit;

import static dev.concurrencybench.testkit.ResponseAssertions.assertJson;
import static dev.concurrencybench.testkit.ResponseAssertions.assertNotHttp200;
import static dev.concurrencybench.testkit.ResponseAssertions.assertPlaintext;
import static dev.concurrencybench.testkit.ResponseAssertions.assertWork;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The same contract over TLS 1.3 (self-signed certificate, trusted blindly by the test client). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class TlsConformance {

    /** The servers under test. */
    protected abstract ServerFixture fixture();

    @Test
    void handshakeNegotiatesTls13() throws IOException {
        try (RawHttpClient c = fixture().connectTls()) {
            assertEquals("TLSv1.3", ((SSLSocket) c.socket()).getSession().getProtocol());
        }
    }

    @Test
    void endpointsOverTls() throws IOException {
        try (RawHttpClient c = fixture().connectTls()) {
            assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT));
        }
        try (RawHttpClient c = fixture().connectTls()) {
            assertJson(c.exchange(WireContract.GET_JSON));
        }
        try (RawHttpClient c = fixture().connectTls()) {
            assertWork(c.exchange(WireContract.POST_WORK));
        }
    }

    @Test
    void keepAliveAndPipeliningOverTls() throws IOException {
        try (RawHttpClient c = fixture().connectTls()) {
            for (int i = 0; i < 5; i++) {
                assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT));
                assertWork(c.exchange(WireContract.POST_WORK));
            }
            c.send(WireContract.GET_JSON + WireContract.POST_WORK + WireContract.GET_PLAINTEXT);
            assertJson(c.readResponse());
            assertWork(c.readResponse());
            assertPlaintext(c.readResponse());
        }
    }

    @Test
    void chunkedUploadOverTls() throws IOException {
        try (RawHttpClient c = fixture().connectTls()) {
            assertWork(c.exchange(WireContract.chunkedWork()));
        }
    }

    @Test
    void plaintextRequestToTlsPortIsRefused() throws IOException {
        try (RawHttpClient c = RawHttpClient.connect(fixture().tls())) {
            c.send(WireContract.GET_PLAINTEXT);
            byte[] seen;
            try {
                seen = c.readUntilClosed(ConnectionConformance.CLOSE_WAIT_MILLIS);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("TLS port kept a plaintext connection open for "
                        + ConnectionConformance.CLOSE_WAIT_MILLIS + " ms", e);
            }
            assertNotHttp200(seen);
        }
        try (RawHttpClient c = fixture().connectTls()) {
            assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT));
        }
    }
}
