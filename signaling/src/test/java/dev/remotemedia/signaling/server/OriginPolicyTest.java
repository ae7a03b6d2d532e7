package dev.remotemedia.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginPolicyTest {

    @ParameterizedTest(name = "{0} {1} for {2} tls={3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "''                       | NULL                      | localhost:8080  | false | true",
        "''                       | http://localhost:8080     | localhost:8080  | false | true",
        "''                       | HTTP://LocalHost:8080/    | localhost:8080  | false | true",
        "''                       | http://localhost          | localhost:80    | false | true",
        "''                       | https://example.com       | example.com     | true  | true",
        "''                       | http://example.com        | example.com     | true  | false",
        "''                       | http://localhost:8081     | localhost:8080  | false | false",
        "''                       | http://evil.example.com   | localhost:8080  | false | false",
        "''                       | null                      | localhost:8080  | false | false",
        "''                       | http://localhost:8080/x   | localhost:8080  | false | false",
        "''                       | http://localhost:8080     | NULL            | false | false",
        "https://app.example.com  | https://app.example.com   | localhost:8080  | false | true",
        "https://app.example.com  | http://localhost:8080     | localhost:8080  | false | false",
        "*                        | http://anything.example   | localhost:8080  | false | true",
    })
    void decides(String allowed, String origin, String authority, boolean tls, boolean expected) {
        final OriginPolicy policy = OriginPolicy.of(allowed.isEmpty() ? List.of() : List.of(allowed));
        assertThat(policy.allows(origin, authority, tls)).isEqualTo(expected);
    }
}
