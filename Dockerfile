# cert-audit in a container: the jar `mvn package` built, unpacked and with the start-up cache of one
# training start, as scripts/cert-audit runs it; no Maven and no JDK in the image.
#   mvn -B -DskipTests package
#   docker build -t cert-audit:0.1.0 .
#   docker run --rm -v cert-audit-reports:/opt/cert-audit/reports cert-audit:0.1.0 demo
#   docker run --rm cert-audit:0.1.0 help
# docs/kubernetes/ runs the image as a nightly manager (audit --remote) and a Deployment of workers.
FROM eclipse-temurin:25-jre

# a user of its own: nothing cert-audit does needs privileges (ports below 1024 are only connected to);
# a fixed uid, so a Kubernetes securityContext and the owners of mounted volumes can name it
RUN groupadd --system --gid 10001 cert-audit \
	&& useradd --system --uid 10001 --gid cert-audit --home-dir /opt/cert-audit --no-create-home \
		--shell /usr/sbin/nologin cert-audit

WORKDIR /opt/cert-audit

# the unpacked jar starts faster than the nested one; the AOT cache (JEP 483, 514, 515: classes loaded
# and linked, method profiles) recorded by one start of Spring on a throwaway in-memory database takes
# a third off every start, and belongs to exactly this JRE and these files, so it is made here
COPY target/cert-audit.jar /tmp/cert-audit.jar
RUN java -Djarmode=tools -jar /tmp/cert-audit.jar extract --destination app \
	&& rm /tmp/cert-audit.jar \
	&& java -XX:AOTCacheOutput=app/cert-audit.aot -Xlog:aot=off -Xlog:cds=off -jar app/cert-audit.jar runs \
		--spring.datasource.url=jdbc:h2:mem:aot-training >/dev/null

# the service prefixes discovery expands domains with (cert-audit.discovery.prefix-file), and the demo's files
COPY jobs/ jobs/
# the command: java with the options scripts/cert-audit gives it, and those a container needs
COPY scripts/container/cert-audit bin/cert-audit

# what cert-audit writes: one folder per run's reports, and the embedded H2 database when no PostgreSQL
# is set (a single process; scale-out needs PostgreSQL)
RUN mkdir reports data && chown cert-audit:cert-audit reports data
VOLUME ["/opt/cert-audit/reports"]

USER cert-audit:cert-audit

ENTRYPOINT ["/opt/cert-audit/bin/cert-audit"]
CMD ["help"]
