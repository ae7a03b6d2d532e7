package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;

/**
 * What a parser made of its input: {@link Ok} with the value, or {@link Error} saying what was wrong
 * and where. Parsers in this module return one of these and never throw on bad input.
 */
public sealed interface ParseResult<T> permits ParseResult.Ok, ParseResult.Error {

    /** The parsed value. */
    record Ok<T>(T value) implements ParseResult<T> {
        public Ok {
            requireNonNull(value, "value");
        }
    }

    /**
     * The first problem found. {@code lineNumber} counts from 1; it is 0 for a problem with the
     * input as a whole (such as its size), with {@code line} empty. {@code line} is the offending
     * line without its line ending, shortened to {@value #MAX_LINE_LENGTH} characters.
     */
    record Error<T>(int lineNumber, String line, String message) implements ParseResult<T> {
        /** How much of the offending line an error keeps. */
        public static final int MAX_LINE_LENGTH = 200;

        public Error {
            requireNonNull(line, "line");
            requireNonNull(message, "message");
            if (line.length() > MAX_LINE_LENGTH) {
                line = line.substring(0, MAX_LINE_LENGTH) + "…";
            }
        }

        /** {@code line 7 (a=setup:bogus): setup: 'bogus' (expected: ...)}, for logs and error replies. */
        @Override
        public String toString() {
            return lineNumber == 0 ? message : "line " + lineNumber + " (" + line + "): " + message;
        }
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value, or {@code null} if parsing failed. */
    default @Nullable T valueOrNull() {
        return this instanceof Ok<T> ok ? ok.value() : null;
    }

    /**
     * The value. For input the caller made itself and trusts.
     *
     * @throws IllegalArgumentException with the error's description if parsing failed
     */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalArgumentException(this.toString());
    }
}
