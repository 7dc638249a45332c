# mixrec service image. Build: docker build -t mixrec . (or docker compose up --build)
# Needs BuildKit (the default builder since Docker 23; DOCKER_BUILDKIT=1 before) for the
# Maven cache mount. No "# syntax=" line: the builder's own Dockerfile frontend has
# RUN --mount, and fetching another one needs a registry.

# --- build: compile with the Maven wrapper and split the jar into layers -----------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace

COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
COPY db db

# The cache mount keeps ~/.m2 (dependencies and the wrapper's Maven) between builds
# without baking it into any layer. Tests run in CI (./mvnw verify), not here: they
# need PostgreSQL, which a docker build does not have.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests package

# Spring Boot's layered extraction: dependencies change rarely, the application on
# every build, so each gets its own image layer and rebuilds reuse the others.
RUN java -Djarmode=tools -jar target/mixrec.jar extract --layers --launcher --destination /workspace/extracted

# --- runtime: JRE only, non-root -------------------------------------------------
FROM eclipse-temurin:17-jre

# A fixed numeric UID so that orchestrators can verify "runAsNonRoot".
RUN groupadd --system --gid 10001 mixrec \
    && useradd --system --uid 10001 --gid mixrec --no-create-home --home-dir /app --shell /usr/sbin/nologin mixrec

# Without SPRING_DATASOURCE_URL the service runs its embedded PostgreSQL (single-machine
# mode) with its data here: mount a volume on /data to keep it.
RUN mkdir /data && chown 10001:10001 /data
ENV MIXREC_DATABASE_EMBEDDED_DIRECTORY=/data

WORKDIR /app
# Least to most frequently changing. The files stay owned by root: the service
# cannot modify its own code.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

USER 10001:10001

# Size the heap from the container's memory limit, and let the orchestrator restart a
# JVM that ran out of memory instead of leaving it half-alive. Override the variable to
# tune (e.g. -e JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError").
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

EXPOSE 8080

# /actuator/health is open (no API key) and includes the database: 503 when it is
# DOWN, so curl -f fails. curl is part of the eclipse-temurin Ubuntu images (installed
# explicitly there, see adoptium/containers issue 255), so no extra package is needed.
# Shell form, so that it probes the port the service listens on when SERVER_PORT moves it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-8080}/actuator/health" || exit 1

# The entrypoint adds the Vector API module when the runtime has it, then execs the JVM
# (PID 1, so it receives SIGTERM and Spring's graceful shutdown runs). Arguments go to
# mixrec: docker run IMAGE --server.port=9090, docker run IMAGE evaluate ..., --help.
# JVM options go in JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS.
COPY docker-entrypoint.sh /usr/local/bin/mixrec
ENTRYPOINT ["/usr/local/bin/mixrec"]
