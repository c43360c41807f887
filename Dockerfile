# One image for every service: `servicebot gateway|processor|sink|notifier|topics|tables|seed`.
# Base images are exact versions, so a rebuild gets the same base until someone changes it here
# (tags seen published; no digests, since none could be checked from the build machines).
# The build stage pins Maven; its JDK 17 update is the one the maven image ships. It only compiles
# (--release 17); what runs is the runtime stage's JRE, pinned to the update.
FROM maven:3.9.14-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# Only cli, the services' command: devstack-cli (`up`, the embedded broker) is not built into the
# image, and cli's lib/ holds no devstack and no test library (ProductionClasspathTest). dynalite
# (Node) is for the local stack and the tests only: skip its npm install.
RUN mvn -B -q -DskipTests -Ddynalite.installed=true package -pl cli -am

FROM eclipse-temurin:17.0.19_10-jre-noble
WORKDIR /app
COPY --from=build /src/cli/target/servicebot.jar /app/servicebot.jar
COPY --from=build /src/cli/target/lib /app/lib
RUN useradd --system --uid 10001 servicebot
USER servicebot
ENTRYPOINT ["java", "-jar", "/app/servicebot.jar"]
CMD ["--help"]
