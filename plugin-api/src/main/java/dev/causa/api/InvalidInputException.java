package dev.causa.api;

/** An action input that binds but cannot be run; the message is shown to the user as one line. */
public class InvalidInputException extends Exception {

    public InvalidInputException(String message) {
        super(message);
    }
}
