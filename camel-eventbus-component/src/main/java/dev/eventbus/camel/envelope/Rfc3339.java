package dev.eventbus.camel.envelope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 formatting and parsing compatible with Go's {@code time.RFC3339Nano}.
 *
 * <p>{@link #format} always writes UTC with a {@code 'Z'} suffix and the fraction of a second
 * with trailing zeros trimmed (no fraction at all when the nanoseconds are zero), e.g.
 * {@code 2024-05-01T10:00:00.1Z}. {@link #parse} accepts any RFC 3339 date-time: upper or
 * lower case {@code T}/{@code Z}, a numeric offset, and a fraction of one or more digits
 * (digits beyond nanoseconds are truncated, as Go does). Both are hand-written, allocation-light
 * and do not use {@code java.time} formatters.
 */
public final class Rfc3339 {

    /** Upper bound of the formatted length of any {@link Instant} (year up to 11 characters). */
    static final int MAX_LENGTH = 40;

    private Rfc3339() {
    }

    /** Formats the instant in UTC like Go's {@code time.RFC3339Nano}. */
    public static String format(Instant instant) {
        byte[] buf = new byte[MAX_LENGTH];
        int end = appendTo(instant, buf, 0);
        return new String(buf, 0, end, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the formatted instant as ASCII bytes into {@code buf} at {@code pos}.
     *
     * @return the position after the last byte written
     * @throws ArrayIndexOutOfBoundsException if fewer than {@link #formattedLength} bytes fit
     */
    public static int appendTo(Instant instant, byte[] buf, int pos) {
        long secs = instant.getEpochSecond();
        int nanos = instant.getNano();
        long days = Math.floorDiv(secs, 86_400L);
        int sod = (int) (secs - days * 86_400L);
        int month;
        int day;
        long year;
        if (isFourDigitYear(instant)) {
            // civil_from_days (H. Hinnant) in int arithmetic; shifted by one 400-year era so
            // that z >= 0 also for 0000-01-01..0000-02-29 (the era starts on March 1st)
            int z = (int) days + 719_468 + 146_097;
            int era = z / 146_097;
            int doe = z - era * 146_097;
            int yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            int mp = (5 * doy + 2) / 153;
            day = doy - (153 * mp + 2) / 5 + 1;
            month = mp < 10 ? mp + 3 : mp - 9;
            year = yoe + (era - 1) * 400 + (month <= 2 ? 1 : 0);
        } else {
            long z = days + 719_468L;
            long era = Math.floorDiv(z, 146_097L);
            long doe = z - era * 146_097L;
            long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            day = (int) (doy - (153 * mp + 2) / 5 + 1);
            month = (int) (mp < 10 ? mp + 3 : mp - 9);
            year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        }

        if (year >= 0 && year <= 9999) {
            pos = digits(buf, pos, (int) year, 4);
        } else {
            pos = bigYear(buf, pos, year);
        }
        buf[pos++] = '-';
        pos = digits(buf, pos, month, 2);
        buf[pos++] = '-';
        pos = digits(buf, pos, day, 2);
        buf[pos++] = 'T';
        pos = digits(buf, pos, sod / 3600, 2);
        buf[pos++] = ':';
        pos = digits(buf, pos, (sod / 60) % 60, 2);
        buf[pos++] = ':';
        pos = digits(buf, pos, sod % 60, 2);
        if (nanos != 0) {
            buf[pos++] = '.';
            int end = digits(buf, pos, nanos, 9);
            while (buf[end - 1] == '0') {
                end--;
            }
            pos = end;
        }
        buf[pos++] = 'Z';
        return pos;
    }

    /** Returns the number of bytes {@link #appendTo} writes for this instant. */
    public static int formattedLength(Instant instant) {
        int len = 20; // yyyy-MM-ddTHH:mm:ssZ
        int nanos = instant.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            len += 1 + digits;
        }
        if (!isFourDigitYear(instant)) {
            return format(instant).length(); // rare (and rejected by the validator): be exact
        }
        return len;
    }

    /** True when the instant's UTC year is within 0000..9999 (the range Go can marshal). */
    static boolean isFourDigitYear(Instant instant) {
        long secs = instant.getEpochSecond();
        return secs >= -62_167_219_200L && secs < 253_402_300_800L;
    }

    /**
     * Parses an RFC 3339 date-time such as {@code 2024-05-01T12:00:00.123+02:00}.
     *
     * @throws DateTimeParseException if the text is not a valid RFC 3339 date-time
     */
    public static Instant parse(CharSequence text) {
        int len = text.length();
        if (len > 64) {
            throw new DateTimeParseException("Text too long for an RFC 3339 date-time", text, 0);
        }
        char[] chars = new char[len];
        for (int i = 0; i < len; i++) {
            chars[i] = text.charAt(i);
        }
        return parse(chars, 0, len);
    }

    /** Parses {@code len} chars of {@code c} starting at {@code off}; see {@link #parse(CharSequence)}. */
    static Instant parse(char[] c, int off, int len) {
        int end = off + len;
        if (len < 20 || c[off + 4] != '-' || c[off + 7] != '-' || (c[off + 10] | 0x20) != 't'
                || c[off + 13] != ':' || c[off + 16] != ':') {
            throw fail(c, off, len, 0);
        }
        int year = num(c, off, 4, off, len);
        int month = num(c, off + 5, 2, off, len);
        int day = num(c, off + 8, 2, off, len);
        int hour = num(c, off + 11, 2, off, len);
        int minute = num(c, off + 14, 2, off, len);
        int second = num(c, off + 17, 2, off, len);
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour > 23 || minute > 59 || second > 59) {
            throw fail(c, off, len, 5);
        }
        int p = off + 19;
        int nanos = 0;
        if (c[p] == '.') {
            int start = ++p;
            while (p < end && c[p] >= '0' && c[p] <= '9') {
                if (p - start < 9) {
                    nanos = nanos * 10 + (c[p] - '0');
                }
                p++;
            }
            int n = p - start;
            if (n == 0) {
                throw fail(c, off, len, start - off);
            }
            for (; n < 9; n++) {
                nanos *= 10;
            }
        }
        if (p >= end) {
            throw fail(c, off, len, p - off);
        }
        int offsetSeconds;
        char z = c[p];
        if ((z | 0x20) == 'z') {
            offsetSeconds = 0;
            p++;
        } else if ((z == '+' || z == '-') && end - p == 6 && c[p + 3] == ':') {
            int oh = num(c, p + 1, 2, off, len);
            int om = num(c, p + 4, 2, off, len);
            if (oh > 23 || om > 59) {
                throw fail(c, off, len, p - off);
            }
            offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
            p += 6;
        } else {
            throw fail(c, off, len, p - off);
        }
        if (p != end) {
            throw fail(c, off, len, p - off);
        }
        long epochSecond = daysFromCivil(year, month, day) * 86_400L
                + hour * 3600 + minute * 60 + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    private static int num(char[] c, int pos, int n, int off, int len) {
        int v = 0;
        for (int i = pos; i < pos + n; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                throw fail(c, off, len, i - off);
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            boolean leap = (year % 4 == 0) && (year % 100 != 0 || year % 400 == 0);
            return leap ? 29 : 28;
        }
        return (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
    }

    /** days_from_civil (H. Hinnant): days since 1970-01-01 of a proleptic Gregorian date. */
    private static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400L);
        long yoe = y - era * 400;
        long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }

    private static DateTimeParseException fail(char[] c, int off, int len, int index) {
        return new DateTimeParseException("Text is not an RFC 3339 date-time",
                new String(c, off, len), Math.min(index, len));
    }

    private static int digits(byte[] buf, int pos, int value, int width) {
        for (int i = pos + width - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return pos + width;
    }

    /** Go-style year outside 0..9999: optional '-', then at least four digits. */
    private static int bigYear(byte[] buf, int pos, long year) {
        if (year < 0) {
            buf[pos++] = '-';
            year = -year;
        }
        String s = Long.toString(year);
        for (int i = s.length(); i < 4; i++) {
            buf[pos++] = '0';
        }
        for (int i = 0; i < s.length(); i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
        return pos;
    }
}
