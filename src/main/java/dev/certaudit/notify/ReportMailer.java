package dev.certaudit.notify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import dev.certaudit.notify.MailActionQueries.ContactActions;
import dev.certaudit.notify.MailActionQueries.MailActions;
import dev.certaudit.notify.MailActionQueries.UnusableContact;
import dev.certaudit.notify.MailDelivery.Outcome;
import dev.certaudit.report.RunSummary;

/**
 * Mails a run's reports with a summary of what they say. A mail that cannot be delivered is a
 * {@link Outcome#FAILED} delivery with the reason, logged as a warning, never an exception: the audit
 * is done and its reports are on disk, and an SMTP outage must not turn a finished run into a failed one.
 * Nor may a server that answers too slowly hold it: the whole delivery has {@link MailSettings#deliveryTimeout}.
 */
public class ReportMailer {

	private static final Logger log = LoggerFactory.getLogger(ReportMailer.class);

	private final MailSettings settings;

	private final JavaMailSender sender;

	/** @param sender Spring Boot's, present only when {@code spring.mail.host} is set */
	public ReportMailer(MailSettings settings, JavaMailSender sender) {
		if (settings.enabled() && sender == null) {
			throw new IllegalArgumentException(
					"cert-audit.mail.enabled is true but no SMTP server is set: set spring.mail.host (and port)");
		}
		this.settings = settings;
		this.sender = sender;
	}

	public boolean enabled() {
		return this.settings.enabled();
	}

	/** Whether each {@code contact=} address gets a mail of its own besides the full one. */
	public boolean perOwner() {
		return this.settings.enabled() && this.settings.perOwner();
	}

	/** @param reports the files to attach, in the order they are listed */
	public MailDelivery deliver(RunDigest digest, List<Path> reports) {
		long runId = digest.summary().runId();
		String recipients = this.settings.recipients();
		if (this.settings.onlyOnProblems() && !digest.hasProblems()) {
			log.info("Run {}: every endpoint is OK, so no report mail (cert-audit.mail.only-on-problems)", runId);
			return MailDelivery.skipped(recipients, "nothing to report");
		}
		try {
			sendWithin(message(digest, reports), this.settings.deliveryTimeout());
			log.info("Run {}: reports mailed {}", runId, recipients);
			return new MailDelivery(Instant.now(), Outcome.SENT, recipients, null);
		}
		catch (MailException | MessagingException ex) {
			MailDelivery failed = failed(runId, reports, reason(ex));
			log.debug("Run {}: report mail failure", runId, ex);
			return failed;
		}
		catch (TimeoutException ex) {
			return failed(runId, reports, "the SMTP server " + server(this.sender) + " did not take the mail within "
					+ this.settings.deliveryTimeout().toMillis() + " ms (cert-audit.mail.delivery-timeout)");
		}
	}

	/**
	 * Mails each contact the endpoints it is named for that need action, one mail each, with replies
	 * going to the configured recipients; a contact with nothing to act on gets nothing. A mail that cannot
	 * be delivered fails alone; all of them together have {@link MailSettings#deliveryTimeout}, after which
	 * those not yet sent fail unsent. A {@code contact=} label that is no mail address is a warning and a
	 * skipped mail: the run goes on, and the inventory is what needs fixing.
	 */
	public List<MailDelivery> deliverToOwners(RunSummary summary, MailActions actions) {
		long runId = summary.runId();
		List<MailDelivery> deliveries = new ArrayList<>();
		for (UnusableContact unusable : actions.unusable()) {
			String why = "contact=" + unusable.label() + " of " + unusable.endpoint()
					+ ((unusable.endpoints() > 1) ? " and " + (unusable.endpoints() - 1) + " more endpoints" : "")
					+ " is not a mail address (" + unusable.reason() + ")";
			log.warn("Run {}: no mail to a contact: {}", runId, why);
			deliveries.add(MailDelivery.skipped("to " + unusable.label(), why));
		}
		long deadline = System.nanoTime() + this.settings.deliveryTimeout().toNanos();
		for (ContactActions contact : actions.byContact()) {
			OwnerDigest owner = new OwnerDigest(summary, contact.contact(), contact.actions());
			String recipient = "to " + owner.contact().getAddress();
			Duration left = Duration.ofNanos(deadline - System.nanoTime());
			if (!left.isPositive()) {
				deliveries.add(ownerFailed(runId, recipient, "not sent: the mails to contacts took longer than "
						+ this.settings.deliveryTimeout().toMillis() + " ms (cert-audit.mail.delivery-timeout)"));
				continue;
			}
			try {
				sendWithin(ownerMessage(owner), left);
				deliveries.add(new MailDelivery(Instant.now(), Outcome.SENT, recipient, null));
			}
			catch (MailException | MessagingException ex) {
				log.debug("Run {}: mail to contact {} failed", runId, owner.contact(), ex);
				deliveries.add(ownerFailed(runId, recipient, reason(ex)));
			}
			catch (TimeoutException ex) {
				deliveries.add(ownerFailed(runId, recipient, "the SMTP server " + server(this.sender)
						+ " did not take the mails to contacts within " + this.settings.deliveryTimeout().toMillis()
						+ " ms (cert-audit.mail.delivery-timeout)"));
			}
		}
		if (!actions.byContact().isEmpty()) {
			log.info("Run {}: {} of {} contacts mailed the endpoints they are named for", runId,
					deliveries.stream().filter((delivery) -> delivery.outcome() == Outcome.SENT).count(),
					actions.byContact().size());
		}
		return deliveries;
	}

	private static MailDelivery ownerFailed(long runId, String recipient, String reason) {
		log.warn("Run {}: mail {} not sent: {}", runId, recipient, reason);
		return new MailDelivery(Instant.now(), Outcome.FAILED, recipient, reason);
	}

	private MailDelivery failed(long runId, List<Path> reports, String reason) {
		String recipients = this.settings.recipients();
		log.warn("Run {}: report mail {} not sent, the reports stay in {}: {}", runId, recipients,
				reports.isEmpty() ? "place" : reports.get(0).getParent(), reason);
		return new MailDelivery(Instant.now(), Outcome.FAILED, recipients, reason);
	}

	/**
	 * Sends on a virtual thread of its own, given up once the delivery timeout has passed: the SMTP
	 * client's timeouts bound each read and write, so a server that drips its greeting a byte at a time
	 * would hold the finished run for ever. Interrupting a virtual thread blocked on a socket closes the
	 * socket ({@link java.net.Socket#getInputStream()}), so the connection is dropped with the thread.
	 */
	private void sendWithin(MimeMessage message, Duration timeout) throws TimeoutException {
		FutureTask<Void> sending = new FutureTask<>(() -> this.sender.send(message), null);
		Thread.ofVirtual().name("report-mail").start(sending);
		try {
			sending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw (RuntimeException) ex.getCause();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MailSendException("interrupted while sending", ex);
		}
		finally {
			sending.cancel(true);
		}
	}

	/** The server as spring.mail.host and port name it, for the reason a stalled delivery gives. */
	private static String server(JavaMailSender sender) {
		if (sender instanceof JavaMailSenderImpl smtp && smtp.getHost() != null) {
			return (smtp.getPort() > 0) ? smtp.getHost() + ":" + smtp.getPort() : smtp.getHost();
		}
		return "(spring.mail.host)";
	}

	private MimeMessage message(RunDigest digest, List<Path> reports) throws MessagingException {
		MimeMessage message = this.sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED, "UTF-8");
		helper.setFrom(this.settings.from());
		helper.setTo(this.settings.to().toArray(InternetAddress[]::new));
		helper.setCc(this.settings.cc().toArray(InternetAddress[]::new));
		helper.setSubject(this.settings.subject().render(digest.summary()));
		helper.setSentDate(new Date());
		helper.setText(ReportMailBody.text(digest, reports), ReportMailBody.html(digest, reports));
		for (Path report : reports) {
			if (!Files.isRegularFile(report)) {
				throw new MessagingException("report " + report + " is missing");
			}
			String name = report.getFileName().toString();
			helper.addAttachment(name, new FileSystemResource(report), contentType(name));
		}
		return message;
	}

	private MimeMessage ownerMessage(OwnerDigest owner) throws MessagingException {
		MimeMessage message = this.sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED, "UTF-8");
		helper.setFrom(this.settings.from());
		helper.setTo(owner.contact());
		// the contact answers the team that audits, not the address the audit sends from
		message.setReplyTo(this.settings.to().toArray(InternetAddress[]::new));
		helper.setSubject(ReportMailBody.ownerSubject(owner));
		helper.setSentDate(new Date());
		helper.setText(ReportMailBody.ownerText(owner), ReportMailBody.ownerHtml(owner));
		return message;
	}

	private static String contentType(String fileName) {
		if (fileName.endsWith(".xlsx")) {
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		}
		if (fileName.endsWith(".ics")) {
			// RFC 5545 8.1; without a METHOD it is a file to import, not an invitation to answer
			return "text/calendar; charset=UTF-8";
		}
		return fileName.endsWith(".pdf") ? "application/pdf" : "application/octet-stream";
	}

	/**
	 * The failure in one line, outermost first: "Couldn't connect to host ...: Connection refused".
	 * Jakarta Mail repeats every nested exception inside each message, so each level gives only its first line.
	 */
	static String reason(Throwable failure) {
		Throwable first = failure;
		if (failure instanceof MailSendException send && !send.getFailedMessages().isEmpty()) {
			first = send.getFailedMessages().values().iterator().next();
		}
		Set<String> messages = new LinkedHashSet<>();
		List<Throwable> seen = new ArrayList<>();
		for (Throwable cause = first; cause != null && !seen.contains(cause); cause = cause.getCause()) {
			seen.add(cause);
			String message = cause.getMessage();
			if (message != null && !message.isBlank()) {
				messages.add(message.lines().findFirst().orElse("").replaceAll(";\\s*nested exception is:?$", "").strip());
			}
		}
		messages.remove("");
		return messages.isEmpty() ? first.getClass().getSimpleName() : String.join(": ", messages);
	}

}
