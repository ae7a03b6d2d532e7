package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;

/**
 * What a parser made of its input: {@link Ok} with the value, or {@link Error} saying what was
 * wrong. Parsers in this package return one of these and never throw on malformed input; they do
 * throw {@link IndexOutOfBoundsException} when the caller passes an {@code off}/{@code len} outside
 * its own array, which is a bug in the caller, not bad input.
 */
public sealed interface ParseResult<T> permits ParseResult.Ok, ParseResult.Error {

    /** Returns a successful result holding {@code value}. */
    static <T> ParseResult<T> ok(T value) {
        return new Ok<>(value);
    }

    /** Returns a failed result with {@code message}. */
    static <T> ParseResult<T> error(String message) {
        return new Error<>(message);
    }

    /** The parsed value. */
    record Ok<T>(T value) implements ParseResult<T> {
        public Ok {
            requireNonNull(value, "value");
        }
    }

    /**
     * The first problem found, such as {@code "SACK chunk: length 18 (expected: 16 + 4 * 1 gap ack
     * blocks + 4 * 0 duplicate TSNs = 20)"}. Messages name the structure, the field and what was
     * expected, for logs and for the "Protocol Violation" error cause.
     */
    record Error<T>(String message) implements ParseResult<T> {
        public Error {
            requireNonNull(message, "message");
        }

        /** Returns this error, as a result of another type, with {@code context} put in front. */
        public <U> Error<U> withContext(String context) {
            return new Error<>(context + message);
        }

        @Override
        public String toString() {
            return message;
        }
    }

    /** Returns whether parsing succeeded. */
    default boolean isOk() {
        return this instanceof Ok;
    }

    /** Returns the value, or {@code null} if parsing failed. */
    default @Nullable T valueOrNull() {
        return this instanceof Ok<T> ok ? ok.value() : null;
    }

    /**
     * Returns the value, for input the caller made itself and trusts (tests, constants).
     *
     * @throws IllegalArgumentException with the error message if parsing failed
     */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalArgumentException(((Error<T>) this).message());
    }
}
