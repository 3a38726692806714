package com.example.hello;

/**
 * The input of {@code hello.say}, bound from the user's JSON: {@code {"to": "world", "count": 5}}.
 * Components are the JSON fields (snake_case); a missing one is null, an unknown one is an error.
 */
public record SayInput(String to, Integer count) {

    public SayInput {
        count = count == null ? 5 : count;
    }
}
