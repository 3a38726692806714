package dev.causa.plugins.sample;

import org.pf4j.Plugin;

/**
 * A plugin class whose start fails. Unused by the sample itself; the tests name it as {@code Plugin-Class} in a
 * rewritten manifest to check that a plugin throwing in {@code start()} is refused and leaves nothing behind.
 */
public class ExplodingPlugin extends Plugin {

    @Override
    public void start() {
        throw new IllegalStateException("the sample refuses to start");
    }
}
