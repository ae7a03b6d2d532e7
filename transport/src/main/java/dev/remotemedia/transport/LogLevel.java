package dev.remotemedia.transport;

/** Log levels, from most to least verbose; {@code OFF} silences logging. */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    OFF
}
