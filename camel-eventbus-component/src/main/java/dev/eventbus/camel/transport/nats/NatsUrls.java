package dev.eventbus.camel.transport.nats;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in NATS server URLs ({@code nats://user:password@host:4222}, {@code nats://token@host:4222}) for
 * log lines and exception messages: a password becomes {@code user:xxxxxx}, a token {@code xxxxxx}.
 */
final class NatsUrls {

    static final String MASK = "xxxxxx";
    /** {@code scheme://userinfo@}: the user info ends at the last {@code @} before the host, path, list or space. */
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^/?#\\s,\\[\\]]*)@");

    private NatsUrls() {
    }

    /** {@code text} (server URLs, or a message that may quote them) with every URL's user info masked. */
    static String redact(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        Matcher m = USER_INFO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String userInfo = m.group(2);
            int colon = userInfo.indexOf(':');
            String masked = colon >= 0 ? userInfo.substring(0, colon) + ":" + MASK : MASK;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + masked + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
