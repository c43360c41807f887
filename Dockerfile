# One image for every service: `servicebot gateway|processor|sink|notifier|topics|tables|seed`.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# dynalite (Node) is only for the local devstack, not for the services: skip its npm install.
RUN mvn -B -q -DskipTests -Ddynalite.installed=true package -pl cli -am

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/cli/target/servicebot.jar /app/servicebot.jar
COPY --from=build /src/cli/target/lib /app/lib
RUN useradd --system --uid 10001 servicebot
USER servicebot
ENTRYPOINT ["java", "-jar", "/app/servicebot.jar"]
CMD ["--help"]
