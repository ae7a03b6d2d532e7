package dev.remotemedia.rtc.rtp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;

/**
 * What a parser made of its input: {@link Ok} with the value, or {@link Error} saying what was
 * wrong. The RTP and RTCP parsers ({@code rtc.rtp}, {@code rtc.rtcp}) return one of these and never
 * throw on malformed input; they do throw {@link IndexOutOfBoundsException} when the caller passes
 * an {@code off}/{@code len} outside its own array, which is a bug in the caller, not bad input.
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
     * The first problem found, such as {@code "RTP packet: version 1 (expected: 2)"}. Messages name
     * the structure, the field and what was expected, for logs and drop counters.
     */
    record Error<T>(String message) implements ParseResult<T> {
        public Error {
            requireNonNull(message, "message");
        }

        /** Returns this error as a result of another type. */
        public <U> Error<U> cast() {
            return new Error<>(message);
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

    /** Returns the error message, or {@code null} if parsing succeeded. */
    default @Nullable String errorOrNull() {
        return this instanceof Error<T> error ? error.message() : null;
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
