package dev.magpie.activity.internal.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time used by the processes behind the API (Magpie, Cassandra, MySQL, RabbitMQ) while a phase runs, read
 * from Linux's {@code /proc/<pid>/stat}. On a machine shared with other work, throughput says more about the
 * neighbours than about Magpie; CPU seconds per event do not, and tell what two idle cores could sustain.
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, Long> pids;

    /** @param pids named process ids, such as {@code magpie=1234,cassandra=5678}; empty measures nothing */
    CpuMeter(Map<String, Long> pids) {
        this.pids = pids;
    }

    static CpuMeter parse(String spec) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split("=");
            if (parts.length == 2) {
                pids.put(parts[0].trim(), Long.parseLong(parts[1].trim()));
            }
        }
        return new CpuMeter(pids);
    }

    boolean measures() {
        return !pids.isEmpty();
    }

    /** The CPU seconds each process has used so far. */
    Map<String, Double> sample() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> seconds.put(name, cpuSeconds(pid)));
        return seconds;
    }

    /** A line such as: magpie 1.20 s, cassandra 0.80 s, … = 2.40 CPU s per 1,000 events; 2 idle cores: ~830 events/s. */
    String perThousand(Map<String, Double> before, Map<String, Double> after, long events) {
        if (events == 0) {
            return "no events";
        }
        double total = 0;
        StringBuilder parts = new StringBuilder();
        for (String name : before.keySet()) {
            double used = (after.get(name) - before.get(name)) * 1000 / events;
            total += used;
            parts.append(String.format("%s %.2f s, ", name, used));
        }
        return parts + String.format("together %.2f CPU s per 1,000 events; two idle cores could take ~%,.0f events/s",
                total, 2 * 1000 / total);
    }

    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces: the fields that follow start after its closing parenthesis
            List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            return (Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12))) / TICKS_PER_SECOND;
        }
        catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return pids.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
