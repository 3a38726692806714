package dev.causa.plugins.sample;

/** The input of {@code sample.greet}: whom to greet and how many greetings to write. */
public record GreetInput(String name, Integer count) {

    public GreetInput {
        count = count == null ? 3 : count;
    }
}
