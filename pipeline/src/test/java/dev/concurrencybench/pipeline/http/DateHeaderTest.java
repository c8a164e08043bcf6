package dev.concurrencybench.pipeline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cached {@code Date} value: RFC 9110 §5.6.7 IMF-fixdate, formatted at most once a second. The clock is the
 * system's, so the live tests retry when a second boundary falls between their reads; the exact format of fixed
 * instants is checked on the class's formatter.
 */
class DateHeaderTest {

    /** IMF-fixdate, RFC 9110 §5.6.7: day-name, 2DIGIT day, month, 4DIGIT year, time-of-day, "GMT". */
    static final Pattern IMF_FIXDATE = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                    + "\\d{2}:\\d{2}:\\d{2} GMT");

    private final DateHeader date = new DateHeader();

    @Test
    void sameSecondGivesTheSameArray() {
        for (int attempt = 0; attempt < 100; attempt++) {
            long before = System.currentTimeMillis() / 1000;
            byte[] first = date.current();
            byte[] second = date.current();
            if (System.currentTimeMillis() / 1000 != before) continue; // a second boundary: not this test's case
            assertSame(first, second, "formatted once per second");
            return;
        }
        throw new AssertionError("never two calls within one second");
    }

    @Test
    void valueIsTheCurrentSecondInRfc1123Form() {
        for (int attempt = 0; attempt < 100; attempt++) {
            long before = System.currentTimeMillis() / 1000;
            String value = new String(date.current(), StandardCharsets.US_ASCII);
            if (System.currentTimeMillis() / 1000 != before) continue;
            assertEquals(before, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond());
            assertTrue(value.endsWith(" GMT"), value);
            return;
        }
        throw new AssertionError("never one call within one second");
    }

    private static String format(String instant) throws ReflectiveOperationException {
        Field f = DateHeader.class.getDeclaredField("IMF_FIXDATE");
        f.setAccessible(true);
        return ((DateTimeFormatter) f.get(null)).format(Instant.parse(instant));
    }

    @Test
    void twoDigitDayFormatsAsImfFixdate() throws ReflectiveOperationException {
        String value = format("2026-11-21T09:00:00Z");
        assertEquals("Sat, 21 Nov 2026 09:00:00 GMT", value);
        assertTrue(IMF_FIXDATE.matcher(value).matches());
    }
    @Test
    void singleDigitDayIsZeroPadded() throws ReflectiveOperationException {
        String value = format("2026-11-01T00:00:00Z");
        assertEquals("Sun, 01 Nov 2026 00:00:00 GMT", value);
        assertTrue(IMF_FIXDATE.matcher(value).matches());
    }
}
