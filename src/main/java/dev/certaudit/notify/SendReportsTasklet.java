package dev.certaudit.notify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.certaudit.notify.MailActionQueries.MailActions;
import dev.certaudit.report.ReportFormat;
import dev.certaudit.report.RunSummary;

/**
 * Mails the reports {@code writeReports} wrote, once, and with {@code cert-audit.mail.per-owner} each
 * contact its own endpoints: the step completes whatever the mails' fate, so a restarted run does not
 * send them again, and a mail that could not be delivered is recorded with the run instead of failing
 * it. With mail disabled it does nothing and records nothing.
 */
public class SendReportsTasklet implements Tasklet {

	/** Endpoints the full mail names; the attached reports list every one. */
	static final int LISTED_ACTIONS = 20;

	/**
	 * Endpoints a contact's mail names: all of them as a rule, since it attaches no report; the bound
	 * keeps a contact named on thousands of endpoints to a mail that still opens.
	 */
	static final int LISTED_PER_CONTACT = 500;

	private final Supplier<RunSummary> summary;

	private final Path directory;

	private final List<ReportFormat> attached;

	private final ReportMailer mailer;

	private final MailActionQueries actions;

	private final MailDeliveryLog deliveries;

	/** @param formats the run's report formats; the mail attaches those {@link ReportFormat#mailed} */
	public SendReportsTasklet(Supplier<RunSummary> summary, Path directory, List<ReportFormat> formats,
			ReportMailer mailer, MailActionQueries actions, MailDeliveryLog deliveries) {
		this.summary = summary;
		this.directory = directory;
		this.attached = formats.stream().filter(ReportFormat::mailed).toList();
		this.mailer = mailer;
		this.actions = actions;
		this.deliveries = deliveries;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		if (!this.mailer.enabled()) {
			contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(MailDelivery.summary(List.of(), false)));
			return RepeatStatus.FINISHED;
		}
		RunSummary runSummary = this.summary.get();
		MailActions mailActions = this.actions.read(runSummary, LISTED_ACTIONS,
				this.mailer.perOwner() ? LISTED_PER_CONTACT : 0);
		List<Path> reports = ReportFormat.fileNames(this.attached, runSummary)
			.stream()
			.map(this.directory::resolve)
			.toList();
		List<MailDelivery> delivered = new ArrayList<>();
		delivered.add(this.mailer.deliver(new RunDigest(runSummary, mailActions.all()), reports));
		if (this.mailer.perOwner()) {
			delivered.addAll(this.mailer.deliverToOwners(runSummary, mailActions));
		}
		delivered.forEach((delivery) -> this.deliveries.record(runSummary.runId(), delivery));
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(MailDelivery.summary(delivered, true)));
		return RepeatStatus.FINISHED;
	}

}
