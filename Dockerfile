# MCP over WebSocket on Open Liberty.
#   docker build -t mcp-websocket .
#   docker run -p 9080:9080 -p 9443:9443 mcp-websocket      # ws://localhost:9080/mcp
#
# Stage 1 builds the WAR from a clean checkout; stage 2 follows the Open Liberty image conventions:
# configuration in /config, features.sh installs the features server.xml names, configure.sh warms the server up.
# (No Docker engine exists on the machines this was written on: the file follows the image's documented layout
#  at https://github.com/OpenLiberty/ci.docker and has not been built here.)

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src src
COPY liberty liberty
RUN mvn -B -ntp -DskipTests package

FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi-minimal

# server.xml, jvm.options and bootstrap.properties (liberty/it holds test-only config and is not copied)
COPY --chown=1001:0 liberty/config/ /config/
RUN features.sh

# dropins: the WAR's WEB-INF/ibm-web-ext.xml sets its context root to /
COPY --chown=1001:0 --from=build /src/target/mcp-websocket.war /config/dropins/

# (the browser console, /console, stays off: mcp.console.enabled defaults to false; only mvn liberty:run turns it on)

# listen on every interface inside the container (server.xml defaults to localhost for development)
ENV HTTP_HOST="*"

# a production image: the example tools, resource template and prompt (dev.mcpws.example: echo, calculate, slow_task,
# time://{+zone}, code_review) are not deployed (mcp.examples.enabled); `docker run -e MCP_EXAMPLES_ENABLED=true` for a demo
ENV MCP_EXAMPLES_ENABLED="false"

RUN configure.sh

EXPOSE 9080 9443
