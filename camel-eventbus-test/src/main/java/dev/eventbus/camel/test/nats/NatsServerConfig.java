package dev.eventbus.camel.test.nats;

import java.util.ArrayList;
import java.util.List;

import dev.eventbus.camel.test.tls.TestCertificates;

/**
 * The configuration file of a secured {@link NatsTestServer}: TLS with a test certificate, and users with passwords or
 * NKeys, or one token. Start it with {@code NatsTestServer.startNew(config.text())}.
 */
public final class NatsServerConfig {

    private TestCertificates.ServerCertificate tls;
    private String token;
    private String extra = "";
    private final List<String> users = new ArrayList<>();

    /** TLS required, with {@code certificate} (its PEM files). */
    public NatsServerConfig tls(TestCertificates.ServerCertificate certificate) {
        this.tls = certificate;
        return this;
    }

    /** A user with a password. */
    public NatsServerConfig user(String name, String password) {
        users.add("{user: " + quote(name) + ", password: " + quote(password) + "}");
        return this;
    }

    /** A user known by the public key of an NKey pair ({@code U...}). */
    public NatsServerConfig nkeyUser(String publicKey) {
        users.add("{nkey: " + quote(publicKey) + "}");
        return this;
    }

    /** One token for everybody (nats-server allows no users besides). */
    public NatsServerConfig token(String value) {
        this.token = value;
        return this;
    }

    /** More configuration lines, e.g. {@link NatsOperator#configText()}. */
    public NatsServerConfig with(String lines) {
        this.extra += lines;
        return this;
    }

    /** The configuration text. */
    public String text() {
        if (token != null && !users.isEmpty()) {
            throw new IllegalStateException("nats-server takes a token or users, not both");
        }
        StringBuilder conf = new StringBuilder();
        if (tls != null) {
            conf.append("tls {\n  cert_file: ").append(quote(tls.certPem().toString())).append("\n  key_file: ")
                    .append(quote(tls.keyPem().toString())).append("\n  timeout: 2\n}\n");
        }
        if (token != null) {
            conf.append("authorization {\n  token: ").append(quote(token)).append("\n}\n");
        } else if (!users.isEmpty()) {
            conf.append("authorization {\n  users: [\n    ").append(String.join(",\n    ", users)).append("\n  ]\n}\n");
        }
        return conf.append(extra).toString();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
