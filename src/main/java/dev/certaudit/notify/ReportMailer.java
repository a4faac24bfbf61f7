package dev.certaudit.notify;

import java.nio.file.Files;
import java.nio.file.Path;
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

import dev.certaudit.notify.MailDelivery.Outcome;

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

	/** @param reports the files to attach, in the order they are listed */
	public MailDelivery deliver(RunDigest digest, List<Path> reports) {
		long runId = digest.summary().runId();
		String recipients = this.settings.recipients();
		if (this.settings.onlyOnProblems() && !digest.hasProblems()) {
			log.info("Run {}: every endpoint is OK, so no report mail (cert-audit.mail.only-on-problems)", runId);
			return new MailDelivery(Instant.now(), Outcome.SKIPPED, recipients, "skipped: nothing to report");
		}
		try {
			sendWithinDeadline(message(digest, reports));
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
	private void sendWithinDeadline(MimeMessage message) throws TimeoutException {
		FutureTask<Void> sending = new FutureTask<>(() -> this.sender.send(message), null);
		Thread.ofVirtual().name("report-mail").start(sending);
		try {
			sending.get(this.settings.deliveryTimeout().toNanos(), TimeUnit.NANOSECONDS);
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

	private static String contentType(String fileName) {
		if (fileName.endsWith(".xlsx")) {
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
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
