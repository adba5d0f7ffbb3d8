package dev.eventbus.routes;

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

/**
 * The {@code camel} command of Camel JBang 4.17 (what camel-launcher's main does), started by {@link JBangRunTest} in
 * a JVM of its own because the command ends by exiting the JVM.
 */
public final class JBangLauncher {

    private JBangLauncher() {
    }

    public static void main(String[] args) {
        CamelJBangMain.run(args);
    }
}
