package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** W3C {@code RTCStatsReport}: the stats objects of one {@code getStats()} call, by id. */
public final class RTCStatsReport {
    private final Map<String, RTCStats> byId;

    RTCStatsReport(List<RTCStats> stats) {
        final Map<String, RTCStats> map = new LinkedHashMap<>();
        for (RTCStats entry : stats) {
            map.put(entry.id(), entry);
        }
        byId = java.util.Collections.unmodifiableMap(map);
    }

    public Map<String, RTCStats> asMap() {
        return byId;
    }

    public @Nullable RTCStats get(String id) {
        return byId.get(id);
    }

    /** Every stats object of {@code type}, such as {@code "inbound-rtp"}. */
    public List<RTCStats> ofType(String type) {
        return byId.values().stream().filter(stats -> stats.type().equals(type)).toList();
    }

    @Override
    public String toString() {
        return "RTCStatsReport" + byId.values();
    }
}
