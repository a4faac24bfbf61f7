package dev.certaudit.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.transaction.PlatformTransactionManager;

import dev.certaudit.CertAuditProperties;
import dev.certaudit.discovery.AuditTarget;
import dev.certaudit.history.JudgementStore;
import dev.certaudit.history.ProbeStore;

/**
 * Scale-out ({@code cert-audit.remote.enabled}): Spring Batch remote partitioning over RabbitMQ.
 * fetchAndAnalyse becomes a manager step that splits the run's targets into partitions
 * ({@link TargetSlicePartitioner}) and sends one {@link StepExecutionRequest} per partition to the queue;
 * worker processes ({@code cert-audit.remote.worker}, the {@code worker} command) run
 * {@value #WORKER_STEP}, the same fetch-and-analyse step reading only its partition, against the shared
 * PostgreSQL JobRepository and result tables. The manager learns how its partitions end by reading the
 * JobRepository rather than from replies ({@link PartitionSupervisor}): no reply queue, and what the
 * repository says is the truth.
 * <p>
 * Faults. A worker acknowledges a request only when the partition's step has ended
 * ({@link AcknowledgeMode#AUTO} acknowledges after the listener returns) and takes one request at a time
 * per consumer (prefetch 1). A worker killed in the middle of a partition therefore leaves its request
 * unacknowledged; RabbitMQ hands it to another worker, which claims the partition from the dead one
 * ({@link PartitionClaims}) and runs the same step execution again, its reader reading only the targets
 * without a committed probe: nothing lost and nothing duplicated (the writers replace by run and target
 * besides). A request delivered again while its worker is alive is dropped. A request nobody runs is
 * sent again or failed by the manager ({@link PartitionSupervisor}). A manager that dies is recovered by
 * the next {@code audit} or {@code restart}: the launcher marks its execution failed, and Spring Batch
 * sends again the partitions that did not complete; a request of the dead execution still queued is
 * dropped by the worker, since its partition is no longer running. Every worker judges by the run's
 * settings, or refuses ({@link PartitionWorker}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("cert-audit.remote.enabled")
public class RemotePartitioningConfiguration {

	/** The step a worker runs for one partition; its executions are named {@code fetchAndAnalysePartition:partitionN}. */
	public static final String WORKER_STEP = "fetchAndAnalysePartition";

	/** Which worker (host and pid) last ran a partition, in the partition's execution context. */
	public static final String WORKER = "worker";

	/** How long a worker's consumer waits before it tries a broker it cannot reach, or lost, again. */
	static final Duration BROKER_RETRY = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(RemotePartitioningConfiguration.class);

	/** How a partition's context names the worker process that ran it, on this host. */
	static String workerName(long pid) {
		return AuditLauncher.hostName() + " pid " + pid;
	}

	/** An embedded H2 file belongs to one process: workers elsewhere could not share it. */
	@Bean
	public Object remoteNeedsASharedDatabase(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			String url = connection.getMetaData().getURL();
			if (url.startsWith("jdbc:h2:")) {
				throw new IllegalStateException("scale-out (--remote, worker) needs the PostgreSQL database that the"
						+ " manager and its workers share (--spring.profiles.active=postgres or CERT_AUDIT_DB_URL),"
						+ " not the embedded " + url);
			}
			return url;
		}
	}

	/** A manager refuses to create or resume a run while the broker its requests go through is out of reach. */
	@Bean
	public PartitionBroker partitionBroker(ConnectionFactory connectionFactory) {
		return new PartitionBroker(connectionFactory);
	}

	/** Durable, so requests wait for a worker to start, and survive a broker restart. */
	@Bean
	public Queue partitionQueue(CertAuditProperties properties) {
		return new Queue(properties.remote().queue(), true);
	}

	@Bean
	public DirectChannel partitionRequests() {
		return new DirectChannel();
	}

	@Bean
	public IntegrationFlow partitionRequestsToBroker(DirectChannel partitionRequests, AmqpTemplate amqpTemplate,
			CertAuditProperties properties) {
		return IntegrationFlow.from(partitionRequests)
			.handle(Amqp.outboundAdapter(amqpTemplate).routingKey(properties.remote().queue()))
			.get();
	}

	/** The manager's fetchAndAnalyse: partitions the run's targets and waits for the workers to finish them. */
	@Bean
	public Step fetchAndAnalyse(JobRepository jobRepository, DirectChannel partitionRequests,
			TargetSlicePartitioner targetSlicePartitioner, DataSource dataSource, ProcessLeases leases,
			PartitionClaims claims, ProbeStore probeStore, CertAuditProperties properties) {
		// the operator watches the manager: its progress is what the workers have committed
		FetchProgressListener progress = FetchProgressListener.acrossWorkers(probeStore,
				properties.progress().interval(), FetchProgressListener.consoleOrNull());
		CertAuditProperties.Remote remote = properties.remote();
		PartitionSupervisor supervisor = new PartitionSupervisor(partitionRequests, jobRepository, dataSource, leases,
				claims, WORKER_STEP, new PartitionSupervisor.Supervision(remote.queue(), remote.pollInterval(),
						remote.stallTimeout(), properties.lease().timeout()));
		supervisor.setGridSize(remote.partitions());
		return new StepBuilder("fetchAndAnalyse", jobRepository).listener(new StepExecutionListener() {
			@Override
			public void beforeStep(StepExecution stepExecution) {
				// a run without workers only waits: say where they must listen
				log.info("fetchAndAnalyse of run {} is left to the workers serving queue {} (cert-audit worker)",
						stepExecution.getJobParameters().getLong(AuditJobConfiguration.RUN_ID), remote.queue());
			}
		})
			.listener(progress)
			.partitioner(WORKER_STEP, targetSlicePartitioner)
			.partitionHandler(supervisor)
			.build();
	}

	@Bean
	@StepScope
	public TargetSlicePartitioner targetSlicePartitioner(ProbeStore probeStore, ProcessLeases leases,
			CertAuditProperties properties, @Value("#{jobParameters['" + AuditJobConfiguration.RUN_ID + "']}") long runId) {
		String queue = properties.remote().queue();
		return new TargetSlicePartitioner(probeStore, runId, properties.remote().partitionSize(),
				() -> leases.partitionsAtOnce(queue));
	}

	/** One partition's work on a worker: fetchAndAnalyse over the partition's slice of targets. */
	@Bean
	public Step fetchAndAnalysePartition(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ConcurrentFetchReader<AuditTarget, AuditedTarget> targetAuditor, FetchProgressListener fetchProgress,
			ProbeStore store, CertAuditProperties properties) {
		String worker = workerName(ProcessHandle.current().pid());
		return AuditJobConfiguration
			.fetchAndAnalyseStep(WORKER_STEP, jobRepository, transactionManager, targetAuditor, fetchProgress, store,
					properties)
			.listener(new StepExecutionListener() {
				@Override
				public void beforeStep(StepExecution stepExecution) {
					stepExecution.getExecutionContext().putString(WORKER, worker);
				}
			})
			.build();
	}

	/** For a container's liveness probe, manager and worker alike; none when no file is set. */
	@Bean
	public AliveFile aliveFile(CertAuditProperties properties) {
		return AliveFile.start(properties.remote().aliveFile());
	}

	/** What the worker's log and its ready file say about serving partitions. */
	@Bean
	@ConditionalOnProperty("cert-audit.remote.worker")
	public WorkerReadiness workerReadiness(ConnectionFactory connectionFactory, RabbitConnectionDetails broker,
			CertAuditProperties properties) {
		WorkerReadiness readiness = new WorkerReadiness(
				broker.getAddresses().stream().map((a) -> a.host() + ":" + a.port()).collect(Collectors.joining(",")),
				properties.remote().queue(), properties.remote().partitionsAtOnce(), BROKER_RETRY,
				properties.remote().readyFile());
		connectionFactory.addConnectionListener(readiness);
		return readiness;
	}

	/** A worker: takes partition requests from the queue and runs them, until the process is stopped. */
	@Bean
	@ConditionalOnProperty("cert-audit.remote.worker")
	public PartitionWorker partitionWorker(JobRepository jobRepository, BeanFactory beanFactory, PartitionClaims claims,
			ProcessLeases leases, JudgementStore judgements, CertAuditProperties properties) {
		BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
		steps.setBeanFactory(beanFactory);
		StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
		handler.setJobRepository(jobRepository);
		handler.setStepLocator(steps);
		return new PartitionWorker(handler, jobRepository, claims, leases, judgements,
				JudgementSettings.of(properties), properties.remote(), workerName(ProcessHandle.current().pid()));
	}

	@Bean
	@ConditionalOnProperty("cert-audit.remote.worker")
	public IntegrationFlow partitionRequestsFromBroker(ConnectionFactory connectionFactory, PartitionWorker worker,
			CertAuditProperties properties) {
		// requests are Java-serialised, as Spring Batch's partitioning samples send them: admit only them
		SimpleMessageConverter converter = new SimpleMessageConverter();
		converter.setAllowedListPatterns(List.of(StepExecutionRequest.class.getName(), "java.lang.*"));
		return IntegrationFlow
			.from(Amqp.inboundAdapter(connectionFactory, properties.remote().queue())
				.messageConverter(converter)
				.configureContainer((container) -> container.acknowledgeMode(AcknowledgeMode.AUTO)
					.prefetchCount(1)
					.concurrentConsumers(properties.remote().partitionsAtOnce())
					// a broker it cannot reach, or lost, is tried again until it answers (WorkerReadiness tells)
					.recoveryInterval(BROKER_RETRY.toMillis())
					// told to stop, a worker takes no new partition and finishes those it runs
					.shutdownTimeout(properties.remote().drainTimeout().toMillis())
					// a request that cannot even be read would come back forever: drop it, the worker's log says why
					.defaultRequeueRejected(false)))
			.handle(StepExecutionRequest.class, (request, headers) -> {
				worker.serve(request);
				return null;
			})
			.get();
	}

}
