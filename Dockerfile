# syntax=docker/dockerfile:1
#
# The production image of Magpie: one Spring Boot jar on a JRE, run as an unprivileged user.
#   docker build -t magpie .
# The image takes all of its configuration from the environment (see docs/operations.md).

# --- Build: the Maven wrapper on a JDK. ~/.m2 (dependencies and the wrapper's Maven) lives in a
# BuildKit cache mount, so a rebuild after a code change downloads nothing.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY --chmod=755 mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
# Only what the production jar is made of: no tests, and nothing of db/cassandra but its migrations
# (db/cassandra/pom.xml describes the local test node and never enters the image).
COPY src/main/ src/main/
COPY db/mysql/ db/mysql/
COPY db/cassandra/migrations/ db/cassandra/migrations/
# maven.test.skip rather than skipTests: the test sources are not in the image to compile.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B --no-transfer-progress -Dmaven.test.skip=true package \
 && cp target/magpie-*.jar /src/application.jar
# Split the jar into layers that change at different rates (libraries rarely, our classes often),
# so a new release pushes and pulls only the small application layer.
RUN java -Djarmode=tools -jar /src/application.jar extract --layers --destination /src/extracted

# --- Run: a JRE only.
FROM eclipse-temurin:17-jre
RUN groupadd --system magpie \
 && useradd --system --gid magpie --home-dir /app --shell /usr/sbin/nologin magpie
WORKDIR /app
COPY --from=build /src/extracted/dependencies/ ./
COPY --from=build /src/extracted/spring-boot-loader/ ./
COPY --from=build /src/extracted/snapshot-dependencies/ ./
COPY --from=build /src/extracted/application/ ./
USER magpie:magpie

# Size the heap from the container's memory limit, not the host's; leave room for metaspace,
# threads and the Cassandra driver's direct buffers. Override with JAVA_TOOL_OPTIONS as a whole.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080

# curl is not part of the JRE image; bash's /dev/tcp speaks enough HTTP for a probe.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/liveness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200'"]

ENTRYPOINT ["java", "-jar", "/app/application.jar"]
