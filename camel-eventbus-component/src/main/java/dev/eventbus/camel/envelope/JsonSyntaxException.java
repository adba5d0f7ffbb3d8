package dev.eventbus.camel.envelope;

/**
 * Why {@link JsonScanner} rejected its input: a short reason (worded like Jackson's messages
 * where one existed) and no stack trace, so that rejecting bad input stays cheap.
 */
final class JsonSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Jackson's list of what may start a JSON value. */
    static final String VALID_VALUE = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

    private static final int MAX_TOKEN_LENGTH = 256;

    JsonSyntaxException(String reason) {
        super(reason, null, false, false);
    }

    /** "Unexpected character ('x' (code 120)): {@code expecting}" for the byte at {@code i}. */
    static JsonSyntaxException unexpected(byte[] b, int i, String expecting) {
        return new JsonSyntaxException("Unexpected character (" + describeByte(b[i]) + "): " + expecting);
    }

    /** {@link #describe} for ASCII; a non-ASCII byte (part of a UTF-8 sequence) as "code 0xNN". */
    static String describeByte(byte x) {
        int c = x & 0xFF;
        return c >= 0x80 ? "code 0x" + Integer.toHexString(c) : describe(c);
    }

    /** Jackson's description of a character: 'x' (code 120), or (CTRL-CHAR, code 1). */
    static String describe(int c) {
        if (Character.isISOControl((char) c)) {
            return "(CTRL-CHAR, code " + c + ")";
        }
        return "'" + (char) c + "' (code " + c + ")";
    }

    /** Unrecognized bare word starting at {@code start}: collects its letters and digits like Jackson. */
    static JsonSyntaxException unrecognizedToken(byte[] b, int start, int end) {
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < end; i++) {
            int c = b[i];
            if (c < 0 || !Character.isJavaIdentifierPart((char) c) || Character.isISOControl((char) c)) {
                break;
            }
            sb.append((char) c);
            if (sb.length() >= MAX_TOKEN_LENGTH) {
                sb.append("...");
                break;
            }
        }
        String token = sb.toString();
        if (token.equals("NaN") || token.equals("Infinity")) {
            return new JsonSyntaxException("Non-standard token '" + token
                    + "': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow");
        }
        return new JsonSyntaxException("Unrecognized token '" + token + "': was expecting " + VALID_VALUE);
    }

    /** End of input inside an object or array (or before any value when {@code container} is null). */
    static JsonSyntaxException endOfInput(String container) {
        return new JsonSyntaxException(container == null ? "unexpected end of input"
                : "Unexpected end-of-input: expected close marker for " + container);
    }

    /** End of input after a ',' or ':' or a field name. */
    static JsonSyntaxException eofBetween(String container) {
        return new JsonSyntaxException("Unexpected end-of-input within/between " + container + " entries");
    }

    static JsonSyntaxException mismatchedClose(int c, boolean inObject) {
        return new JsonSyntaxException("Unexpected close marker '" + (char) c + "': expected '"
                + (inObject ? '}' : ']') + "'");
    }

    /** The byte at {@code i} cannot start a value. */
    static JsonSyntaxException unexpectedValue(byte[] b, int i, int end, int depth, boolean inArray) {
        int c = b[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$') {
            return unrecognizedToken(b, i, end);
        }
        if (depth == 0 && (c == ']' || c == '}')) {
            return new JsonSyntaxException("Unexpected close marker '" + (char) c + "': no open "
                    + (c == '}' ? "Object" : "Array") + " to close");
        }
        if (c == '}' || c == ',' || (c == ']' && inArray)) {
            return unexpected(b, i, "expected a value");
        }
        if (c == '+') {
            return new JsonSyntaxException("Unexpected character ('+' (code 43)) in numeric value: JSON spec does not"
                    + " allow numbers to have plus signs: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow");
        }
        return unexpected(b, i, "expected a valid value " + VALID_VALUE);
    }

    static JsonSyntaxException invalidUtf8(String kind, int c) {
        return new JsonSyntaxException("Invalid UTF-8 " + kind + " byte 0x" + Integer.toHexString(c & 0xFF));
    }

    /** A number is cut short at {@code i}: Jackson's "in numeric value" wording. */
    static JsonSyntaxException number(byte[] b, int i, int end, String what) {
        if (i >= end) {
            return new JsonSyntaxException("Unexpected end-of-input in a Number value");
        }
        return new JsonSyntaxException("Unexpected character (" + describeByte(b[i]) + ") in numeric value: " + what);
    }

    static JsonSyntaxException tooDeep(int depth, int max) {
        return new JsonSyntaxException("Document nesting depth (" + depth + ") exceeds the maximum allowed ("
                + max + ", from `StreamReadConstraints.getMaxNestingDepth()`)");
    }
}
