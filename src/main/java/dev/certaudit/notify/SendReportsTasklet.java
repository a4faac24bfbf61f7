package dev.certaudit.notify;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.certaudit.report.ReportFormat;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.RunSummary;

/**
 * Mails the reports {@code writeReports} wrote, once: the step completes whatever the mail's fate, so a
 * restarted run does not send it again, and a mail that could not be delivered is recorded with the
 * run instead of failing it. With mail disabled it does nothing and records nothing.
 */
public class SendReportsTasklet implements Tasklet {

	/** Endpoints the mail names; the attached reports list every one. */
	static final int LISTED_ACTIONS = 20;

	private final Supplier<RunSummary> summary;

	private final Path directory;

	private final List<ReportFormat> attached;

	private final ReportMailer mailer;

	private final MailDeliveryLog deliveries;

	/** @param formats the run's report formats; the mail attaches those {@link ReportFormat#mailed} */
	public SendReportsTasklet(Supplier<RunSummary> summary, Path directory, List<ReportFormat> formats,
			ReportMailer mailer, MailDeliveryLog deliveries) {
		this.summary = summary;
		this.directory = directory;
		this.attached = formats.stream().filter(ReportFormat::mailed).toList();
		this.mailer = mailer;
		this.deliveries = deliveries;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		if (!this.mailer.enabled()) {
			contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription("mail disabled"));
			return RepeatStatus.FINISHED;
		}
		RunSummary runSummary = this.summary.get();
		long runId = runSummary.runId();
		List<ReportRow> firstActions = runSummary.actions()
			.subList(0, Math.min(LISTED_ACTIONS, runSummary.actions().size()));
		RunDigest digest = new RunDigest(runSummary, firstActions);
		List<Path> reports = ReportFormat.fileNames(this.attached, runSummary)
			.stream()
			.map(this.directory::resolve)
			.toList();
		MailDelivery delivery = this.mailer.deliver(digest, reports);
		this.deliveries.record(runId, delivery);
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription("mail "
				+ delivery.outcome().name().toLowerCase() + ((delivery.detail() != null) ? ": " + delivery.detail() : "")));
		return RepeatStatus.FINISHED;
	}

}
