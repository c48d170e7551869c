# syntax=docker/dockerfile:1
# The image of every platform service, chosen by build arguments. Build from the repository root (the
# multi-module build needs the parent pom and the library modules):
#   docker build --build-arg MODULE=scoring-api --build-arg PORT=8080 -t credit-scoring/scoring-api .
#
#   MODULE        the service's Maven module: ingestion-service, training-service, scoring-api, drift-monitor or
#                 console (the operator console)
#   PORT          the port it listens on (8081, 8082, 8080, 8083, 8084): exposed and probed by the health check
#   APT_PACKAGES  Debian packages the runtime needs beside the JRE (training-service: libgomp1, the OpenMP
#                 library xgboost4j's native code links against); none by default
#
# Targets (--target): the default (last) stage is a service's image. Two more (docs/spark-training.md, "Deployment"):
#   training-service  the service's image plus what its Spark engine starts: a JRE 17 and the spark-training job jar
#                     (the driver runs as a child JVM of the service); build it with MODULE=training-service
#   spark             the Spark image: the official apache/spark 3.5 (JDK 17) with libgomp1 and the job jar, for the
#                     executors (Kubernetes) and the compose profile's master and worker; needs no MODULE or PORT:
#                       docker build --target spark -t credit-scoring/spark-training .
ARG MODULE
ARG PORT
ARG APT_PACKAGES=""

# ---- build: compile the module and the reactor modules it needs, then split the Boot jar into layers ----
FROM eclipse-temurin:25-jdk AS build
ARG MODULE
WORKDIR /workspace
COPY . .
RUN test -n "$MODULE" || { echo "set --build-arg MODULE=<service module>" >&2; exit 1; }
# The Maven repository is a BuildKit cache mount, shared by the images and locked while one builds.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    ./mvnw -B -ntp -pl "$MODULE" -am -DskipTests package \
 && cp "$MODULE"/target/"$MODULE"-*-exec.jar /tmp/app.jar
# Boot 4 jar mode "tools": one directory per layer (dependencies, spring-boot-loader, snapshot-dependencies,
# application), launcher included, so that a code change only rebuilds the thin application layer.
RUN java -Djarmode=tools -jar /tmp/app.jar extract --layers --launcher --destination /extracted

# ---- the Spark job's runnable jar (spark-training, -Pspark-jar): compiled for Java 17 by the reactor's JDK 25 ----
FROM eclipse-temurin:25-jdk AS spark-job
WORKDIR /workspace
COPY . .
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    ./mvnw -B -ntp -Pspark-jar -pl spark-training -DskipTests package \
 && cp spark-training/target/spark-training-*-job.jar /tmp/spark-training-job.jar

# ---- spark: executors and the compose profile's master/worker (Spark and Scala versions as spark-training's pom) ----
FROM apache/spark:3.5.3-scala2.12-java17-ubuntu AS spark
USER root
# xgboost4j's native code links against OpenMP
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgomp1 \
 && rm -rf /var/lib/apt/lists/*
# On the executors' class path through spark.executor.extraClassPath (the shaded jar carries the same Spark 3.5.3).
COPY --from=spark-job /tmp/spark-training-job.jar /opt/spark-training/spark-training-job.jar
# the image's own non-root user (uid 185)
USER spark

# ---- runtime: JRE only, non-root ----
FROM eclipse-temurin:25-jre AS service
ARG PORT
ARG APT_PACKAGES
RUN test -n "$PORT" || { echo "set --build-arg PORT=<service port>" >&2; exit 1; }
# SERVER_PORT (below) is also the port Spring Boot binds, so the service, EXPOSE and the health check agree.
RUN if [ -n "$APT_PACKAGES" ]; then \
        apt-get update \
     && apt-get install -y --no-install-recommends $APT_PACKAGES \
     && rm -rf /var/lib/apt/lists/*; \
    fi
RUN groupadd --gid 10001 app \
 && useradd --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
# Least to most frequently changed, one image layer each.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# Readiness through bash's /dev/tcp: the JRE image is not guaranteed to ship curl or wget.
COPY --chmod=0755 <<'SCRIPT' /usr/local/bin/healthcheck
#!/bin/bash
# Exit 0 when the service's readiness group is UP.
exec 3<>"/dev/tcp/127.0.0.1/${SERVER_PORT:?}" || exit 1
printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
grep -q '"status":"UP"' <&3
SCRIPT
ENV SERVER_PORT=${PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=6 CMD ["/usr/local/bin/healthcheck"]
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "org.springframework.boot.loader.launch.JarLauncher"]

# ---- training-service: the service plus its Spark engine's driver (JRE 17 and the job jar) ----
FROM service AS training-service
COPY --from=eclipse-temurin:17-jre /opt/java/openjdk /opt/java17
COPY --from=spark-job /tmp/spark-training-job.jar /opt/spark-training/spark-training-job.jar
# What SparkJobLauncher starts (training.spark.java-home, training.spark.classpath); without them a Spark run fails.
ENV TRAINING_SPARK_JAVAHOME=/opt/java17 \
    TRAINING_SPARK_CLASSPATH=/opt/spark-training/spark-training-job.jar

# ---- the default target: a service's image ----
FROM service
