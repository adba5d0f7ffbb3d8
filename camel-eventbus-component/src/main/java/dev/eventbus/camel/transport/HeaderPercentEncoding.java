package dev.eventbus.camel.transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of header values, the one codec of the component: the UTF-8 bytes of every character outside
 * printable ASCII, and of a configurable set of ASCII characters ({@code %} always), become {@code %XY} (upper-case
 * hex). Decoding is strict: it accepts lower-case hex and unnecessary encoding, rejects a bad escape and byte
 * sequences that are not valid UTF-8, and leaves a {@code +} a {@code +} (unlike form decoding, which makes it a space).
 * <ul>
 * <li>{@link #CLOUDEVENTS}: the CloudEvents NATS (and HTTP) protocol binding: space, double quote and {@code %} are
 * encoded too, and decoding unquotes a double-quoted value first.</li>
 * <li>{@link #NATS}: the component's own NATS header values (NATS allows printable ASCII only): {@code %} and
 * {@code +} are encoded, a space is not.</li>
 * </ul>
 */
public final class HeaderPercentEncoding {

    /** The CloudEvents NATS protocol binding's attribute header values. */
    public static final HeaderPercentEncoding CLOUDEVENTS = new HeaderPercentEncoding(" \"%", true);
    /** The component's NATS header values ({@code X-DLQ-Reason}, values outside printable ASCII, edge spaces). */
    public static final HeaderPercentEncoding NATS = new HeaderPercentEncoding("%+", false);

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The printable ASCII characters that are encoded too. */
    private final String alsoEncoded;
    private final boolean unquote;

    private HeaderPercentEncoding(String alsoEncoded, boolean unquote) {
        this.alsoEncoded = alsoEncoded;
        this.unquote = unquote;
    }

    public String encode(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length + 8);
        for (byte b : utf8) {
            int c = b & 0xFF;
            if (c < 0x20 || c >= 0x7F || alsoEncoded.indexOf(c) >= 0) {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException for a bad escape or bytes that are not UTF-8 */
    public String decode(String value) {
        String text = unquote ? unquote(value) : value;
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("incomplete percent escape at index " + i);
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("invalid percent escape at index " + i);
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                byte[] utf8 = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i = end - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-encoded bytes are not valid UTF-8", e);
        }
    }

    /** RFC 7230 quoted-string: strips the quotes and resolves backslash escapes. */
    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
