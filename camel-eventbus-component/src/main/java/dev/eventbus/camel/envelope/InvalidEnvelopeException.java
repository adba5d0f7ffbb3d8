package dev.eventbus.camel.envelope;

/**
 * Thrown when an {@link Envelope} (or the bytes it was decoded from) violates a rule.
 *
 * <p>{@link #field()} is the wire field name (for example {@code "aggregate_id"}), or
 * {@code "envelope"} for problems with the document as a whole; {@link #rule()} is the
 * human-readable rule text. The message is {@code "Invalid envelope: " + field + " " + rule}.
 * Messages never contain payload content beyond the short parser reason for invalid JSON.
 */
public class InvalidEnvelopeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String rule;

    /**
     * Creates an exception for a violated rule.
     *
     * @param field the wire field name, or {@code "envelope"}
     * @param rule the rule text, e.g. {@code "must not be blank"}
     */
    public InvalidEnvelopeException(String field, String rule) {
        super("Invalid envelope: " + field + " " + rule);
        this.field = field;
        this.rule = rule;
    }

    /**
     * Creates an exception for a violated rule with an underlying cause.
     *
     * @param field the wire field name, or {@code "envelope"}
     * @param rule the rule text
     * @param cause the underlying cause (for example the JSON syntax error)
     */
    public InvalidEnvelopeException(String field, String rule, Throwable cause) {
        super("Invalid envelope: " + field + " " + rule, cause);
        this.field = field;
        this.rule = rule;
    }

    /** Returns the wire field name (e.g. {@code "aggregate_id"}) or {@code "envelope"}. */
    public String field() {
        return field;
    }

    /** Returns the violated rule text (e.g. {@code "must not be blank"}). */
    public String rule() {
        return rule;
    }
}
