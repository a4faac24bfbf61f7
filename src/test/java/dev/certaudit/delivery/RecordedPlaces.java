package dev.certaudit.delivery;

import java.time.LocalDateTime;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.Status;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.history.AuditRun;
import dev.certaudit.history.RecordedRuns;
import dev.certaudit.job.AuditJobConfiguration;

/**
 * Runs whose places serve given certificates, written into the tables as {@link RecordedRuns} writes
 * them, and marked completed or not in the JobRepository as the audit job would leave them.
 */
final class RecordedPlaces {

	private final RecordedRuns runs;

	private final JobRepository jobRepository;

	private final AuditRun run;

	private long nextTarget = 1;

	RecordedPlaces(RecordedRuns runs, JobRepository jobRepository, String inventory) {
		this.runs = runs;
		this.jobRepository = jobRepository;
		this.run = runs.newRun(inventory);
	}

	long runId() {
		return this.run.runId();
	}

	/** {@code host:port} over {@code protocol}, reached at {@code address}, serving {@code served} alone. */
	RecordedPlaces serving(IssuedCertificate served, String host, int port, String protocol, String address,
			String labels) {
		this.runs.endpoint(this.run, this.nextTarget++, host, port)
			.protocol(protocol)
			.labels(labels)
			.addressOverride(address)
			.fetchedFrom(address)
			.presenting(served.certificate())
			.assessed(Status.OK)
			.naming(Certificates.subject(served.certificate()), String.join("\n",
					Certificates.subjectAltNames(served.certificate())), served.certificate().getNotAfter().toInstant())
			.identifiedBy(served.certificate().getSerialNumber().toString(16), Certificates.sha256(served.certificate()))
			.save();
		return this;
	}

	/** The run's job execution ended so, as the launcher reads it back. */
	RecordedPlaces ended(BatchStatus status) {
		JobParameters identity = new JobParametersBuilder().addLong(AuditJobConfiguration.RUN_ID, this.run.runId())
			.toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance(AuditJobConfiguration.JOB_NAME, identity);
		JobExecution execution = this.jobRepository.createJobExecution(instance, identity, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now());
		execution.setEndTime(LocalDateTime.now());
		execution.setStatus(status);
		this.jobRepository.update(execution);
		return this;
	}

}
