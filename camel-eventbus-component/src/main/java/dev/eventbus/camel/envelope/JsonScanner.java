package dev.eventbus.camel.envelope;

/**
 * Validator for RFC 8259 JSON in UTF-8 (strict: no comments, no trailing commas,
 * no leading zeros, valid escapes, strictly valid UTF-8, nesting depth at most {@value #MAX_DEPTH}).
 * Strings are checked by {@link JsonStrings}. Allocation-free for valid input nested at most 64
 * deep. Stateless and thread-safe; errors are thrown as {@link JsonSyntaxException}.
 */
final class JsonScanner {

    /** Maximum nesting depth of arrays/objects (Jackson's default limit). */
    static final int MAX_DEPTH = 1000;
    /** Maximum number of digits in a number (Jackson's default limit). */
    static final int MAX_NUMBER_LENGTH = 1000;

    private JsonScanner() {
    }

    /** Index of the first non-whitespace (space, tab, CR, LF) byte at or after {@code i}, or {@code end}. */
    static int skipWhitespace(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i];
            if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) {
                return i;
            }
            i++;
        }
        return end;
    }

    /**
     * Validates exactly one JSON value starting at {@code pos} (after optional whitespace) and
     * returns the index just after it. Nothing after the value is looked at.
     *
     * @throws JsonSyntaxException if the bytes do not start with a valid JSON value
     */
    static int skipValue(byte[] b, int pos, int end) {
        int depth = 0;
        long objects = 0; // bit d set: the container at depth d+1 is an object (first 64 levels)
        long[] deep = null; // the same for deeper levels, allocated only for deep documents
        int i = skipWhitespace(b, pos, end);
        while (true) {
            // a value starts at i
            if (i >= end) { // after ',' or ':' (EOF right after '{' or '[' is reported below)
                throw depth == 0 ? JsonSyntaxException.endOfInput(null)
                        : JsonSyntaxException.eofBetween(isObject(objects, deep, depth) ? "Object" : "Array");
            }
            int c = b[i];
            if (c == '"') {
                i = JsonStrings.skipString(b, i + 1, end);
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw JsonSyntaxException.tooDeep(depth, MAX_DEPTH);
                }
                boolean object = c == '{';
                if (depth <= 64) {
                    objects = object ? objects | (1L << (depth - 1)) : objects & ~(1L << (depth - 1));
                } else {
                    if (deep == null) {
                        deep = new long[(MAX_DEPTH + 63) / 64];
                    }
                    int bit = depth - 65;
                    deep[bit >>> 6] = object ? deep[bit >>> 6] | (1L << bit) : deep[bit >>> 6] & ~(1L << bit);
                }
                i = skipWhitespace(b, i + 1, end);
                if (i >= end) {
                    throw JsonSyntaxException.endOfInput(object ? "Object" : "Array");
                }
                if (b[i] == (object ? '}' : ']')) {
                    i++;
                    depth--;
                } else if (b[i] == (object ? ']' : '}')) {
                    throw JsonSyntaxException.mismatchedClose(b[i], object);
                } else if (object) {
                    i = skipMemberName(b, i, end);
                    continue;
                } else {
                    continue;
                }
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                i = skipNumber(b, i, end);
            } else if (c == 't') {
                i = literal(b, i, end, "true");
            } else if (c == 'f') {
                i = literal(b, i, end, "false");
            } else if (c == 'n') {
                i = literal(b, i, end, "null");
            } else {
                throw JsonSyntaxException.unexpectedValue(b, i, end, depth,
                        depth > 0 && !isObject(objects, deep, depth));
            }
            // after a value: close containers / find the next value
            while (true) {
                if (depth == 0) {
                    return i;
                }
                boolean object = isObject(objects, deep, depth);
                i = skipWhitespace(b, i, end);
                if (i >= end) {
                    throw JsonSyntaxException.endOfInput(object ? "Object" : "Array");
                }
                c = b[i];
                if (c == ',') {
                    i = skipWhitespace(b, i + 1, end);
                    if (object) {
                        i = skipMemberName(b, i, end);
                    }
                    break;
                }
                if (c == (object ? '}' : ']')) {
                    i++;
                    depth--;
                    continue;
                }
                throw c == '}' || c == ']' ? JsonSyntaxException.mismatchedClose(c, object)
                        : JsonSyntaxException.unexpected(b, i, "was expecting comma to separate "
                                + (object ? "Object" : "Array") + " entries");
            }
        }
    }

    private static boolean isObject(long objects, long[] deep, int depth) {
        if (depth <= 64) {
            return (objects & (1L << (depth - 1))) != 0;
        }
        int bit = depth - 65;
        return (deep[bit >>> 6] & (1L << bit)) != 0;
    }

    /** Skips {@code "name"} and the colon after it plus whitespace; returns the index of the value. */
    static int skipMemberName(byte[] b, int i, int end) {
        if (i >= end) {
            throw JsonSyntaxException.eofBetween("Object");
        }
        if (b[i] != '"') {
            throw JsonSyntaxException.unexpected(b, i, "was expecting double-quote to start field name");
        }
        i = skipWhitespace(b, JsonStrings.skipString(b, i + 1, end), end);
        if (i >= end) {
            throw JsonSyntaxException.eofBetween("Object");
        }
        if (b[i] != ':') {
            throw JsonSyntaxException.unexpected(b, i, "was expecting a colon to separate field name and value");
        }
        return skipWhitespace(b, i + 1, end);
    }

    private static int literal(byte[] b, int i, int end, String word) {
        int n = word.length();
        if (end - i < n) {
            throw JsonSyntaxException.unrecognizedToken(b, i, end);
        }
        for (int k = 1; k < n; k++) {
            if (b[i + k] != word.charAt(k)) {
                throw JsonSyntaxException.unrecognizedToken(b, i, end);
            }
        }
        int j = i + n;
        if (j < end && isIdentifierPart(b[j])) {
            throw JsonSyntaxException.unrecognizedToken(b, i, end);
        }
        return j;
    }

    private static boolean isIdentifierPart(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
    }

    /** Validates a number starting at {@code i} ('-' or a digit) and returns the index after it. */
    static int skipNumber(byte[] b, int i, int end) {
        int start = i;
        if (b[i] == '-') {
            i++;
            if (i >= end || b[i] < '0' || b[i] > '9') {
                throw JsonSyntaxException.number(b, i, end,
                        "expected digit (0-9) to follow minus sign, for valid numeric value");
            }
        }
        if (b[i] == '0') {
            i++;
            if (i < end && b[i] >= '0' && b[i] <= '9') {
                throw new JsonSyntaxException("Invalid numeric value: Leading zeroes not allowed");
            }
        } else {
            i = digits(b, i + 1, end);
        }
        int length = i - start - (b[start] == '-' ? 1 : 0); // digits, as Jackson counts them
        if (i < end && b[i] == '.') {
            i++;
            if (i >= end || b[i] < '0' || b[i] > '9') {
                throw JsonSyntaxException.number(b, i, end, "Decimal point not followed by a digit");
            }
            int digitsStart = i;
            i = digits(b, i + 1, end);
            length += i - digitsStart;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            if (i >= end || b[i] < '0' || b[i] > '9') {
                throw JsonSyntaxException.number(b, i, end, "Exponent indicator not followed by a digit");
            }
            int digitsStart = i;
            i = digits(b, i + 1, end);
            length += i - digitsStart;
        }
        if (length > MAX_NUMBER_LENGTH) {
            throw new JsonSyntaxException("Number value length (" + length + ") exceeds the maximum allowed ("
                    + MAX_NUMBER_LENGTH + ", from `StreamReadConstraints.getMaxNumberLength()`)");
        }
        return i;
    }

    private static int digits(byte[] b, int i, int end) {
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }
}
