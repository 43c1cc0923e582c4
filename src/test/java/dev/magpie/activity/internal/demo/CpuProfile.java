package dev.magpie.activity.internal.demo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Where a running Magpie spends its CPU, by library: reads a flight recording and prints, for each library, the share
 * of CPU samples that were running its code (the top frame of the sample's stack; the JDK's own classes count as
 * "JDK"). docs/performance.md shows how to record one while the load tool runs; then:
 *
 * <pre>./mvnw -q test -Dtest=CpuProfile -Djfr.file=/tmp/single.jfr</pre>
 */
@EnabledIfSystemProperty(named = "jfr.file", matches = ".+")
class CpuProfile {

    private static final Map<String, String> LIBRARIES = libraries();

    @Test
    void printsTheShareOfSamplesRunningEachLibrary() throws Exception {
        Map<String, Integer> samples = new TreeMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(System.getProperty("jfr.file")))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            total++;
            samples.merge(library(frames.get(0)), 1, Integer::sum);
        }
        int all = total;
        System.out.printf("%,d CPU samples%n", all);
        samples.entrySet()
            .stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .forEach(entry -> System.out.printf("%-18s %5.1f %%%n", entry.getKey(), 100.0 * entry.getValue() / all));
    }

    private static String library(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return LIBRARIES.entrySet()
            .stream()
            .filter(prefix -> type.startsWith(prefix.getKey()))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") ? "JDK" : "other");
    }

    private static Map<String, String> libraries() {
        Map<String, String> libraries = new LinkedHashMap<>();
        List.of("com.datastax=Cassandra driver", "io.netty=Netty", "org.hibernate=Hibernate", "com.zaxxer=Hikari",
                "org.mariadb=MariaDB driver", "com.mysql=MySQL driver", "io.micrometer=Micrometer",
                "org.apache.catalina=Tomcat", "org.apache.coyote=Tomcat", "org.apache.tomcat=Tomcat",
                "org.springframework.security=Spring Security", "tools.jackson=Jackson",
                "com.fasterxml.jackson=Jackson", "org.springframework.web=Spring MVC", "dev.magpie=Magpie",
                "ch.qos.logback=Logback", "org.springframework=Spring (core, AOP, transactions)",
                "io.github.bucket4j=Bucket4j")
            .forEach(entry -> libraries.put(entry.split("=")[0], entry.split("=")[1]));
        return libraries;
    }
}
