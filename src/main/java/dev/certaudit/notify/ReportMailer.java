package dev.certaudit.notify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import dev.certaudit.notify.MailDelivery.Outcome;

/**
 * Mails a run's reports with a summary of what they say. A mail that cannot be delivered is a
 * {@link Outcome#FAILED} delivery with the reason, logged as a warning, never an exception: the audit
 * is done and its reports are on disk, and an SMTP outage must not turn a finished run into a failed one.
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
			this.sender.send(message(digest, reports));
			log.info("Run {}: reports mailed {}", runId, recipients);
			return new MailDelivery(Instant.now(), Outcome.SENT, recipients, null);
		}
		catch (MailException | MessagingException ex) {
			String reason = reason(ex);
			log.warn("Run {}: report mail {} not sent, the reports stay in {}: {}", runId, recipients,
					reports.isEmpty() ? "place" : reports.get(0).getParent(), reason);
			log.debug("Run {}: report mail failure", runId, ex);
			return new MailDelivery(Instant.now(), Outcome.FAILED, recipients, reason);
		}
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
