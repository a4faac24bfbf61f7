package dev.certaudit.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.analysis.Status;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.demo.LoopbackTlsServer;
import dev.certaudit.probe.Pem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code cert-audit.mail.per-owner}, each {@code contact=} address of the inventory gets a mail of
 * its own listing only its endpoints that need action, beside the full mail; an endpoint that broke
 * since the previous run of the same inventory comes first in both.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class OwnerMailTest extends AuditJobTestSupport {

	/** Issues the portal's certificate, trusted beside the estate's root. */
	static final IssuedCertificate PORTAL_ROOT = CertificateGenerator.root("CN=Owner Mail Test Root");

	@RegisterExtension
	static final GreenMailExtension SMTP = new GreenMailExtension(
			new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withPerMethodLifecycle(false);

	@Autowired
	AuditLauncher launcher;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:owner-mail;DB_CLOSE_DELAY=-1");
		estateProperties(registry);
		registry.add("cert-audit.trust.extra-store", OwnerMailTest::trustedRoots);
		// no black hole here, and a cold JVM on a loaded machine may take over a second for its first handshakes
		registry.add("cert-audit.fetch.handshake-timeout", () -> "20s");
		registry.add("cert-audit.organisation", () -> "Example Org");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
		registry.add("cert-audit.mail.enabled", () -> "true");
		registry.add("cert-audit.mail.from", () -> "cert-audit@example.test");
		registry.add("cert-audit.mail.to", () -> "ops@example.test");
		registry.add("cert-audit.mail.per-owner", () -> "true");
	}

	@Test
	void eachContactIsMailedOnlyItsEndpointsThatNeedActionNewlyFailingFirst(CapturedOutput output) throws Exception {
		Path inventory = ESTATE.directory().resolve("owner-mail.txt");
		RunOutcome first;
		try (LoopbackTlsServer portal = LoopbackTlsServer.start(0,
				CertificateGenerator.server("portal.test", PORTAL_ROOT, 200))) {
			Files.writeString(inventory, String.join("\n",
					"portal.test:" + portal.port() + " address=127.0.0.1 owner=web contact=pki@vendor.example.test",
					line("valid.test", "contact=quiet@example.test"),
					line("expired.test", "contact=pki@vendor.example.test"),
					line("expiring.test", "contact=pki@vendor.example.test,web@example.test"),
					line("self-signed.test", "contact=web@example.test"),
					line("wrong-name.test", "contact=jane"),
					line("closed.test", "")) + "\n");
			first = this.launcher.audit(hosts(inventory), 4, AuditLauncher.StartMode.NEW);
			assertThat(first.completed()).isTrue();
			assertThat(statusByHost(first.runId())).containsEntry("portal.test", Status.OK);
		}
		SMTP.purgeEmailFromAllMailboxes();

		// the same inventory the next night, with the portal's server gone
		RunOutcome outcome = this.launcher.audit(hosts(inventory), 4, AuditLauncher.StartMode.NEW);

		assertThat(outcome.completed()).isTrue();
		String vendor = onlyMailTo("pki@vendor.example.test");
		assertThat(vendor).contains("TLS certificate audit of Example Org", "Newly failing since the previous audit (run "
				+ first.runId() + "):\n- ERROR portal.test:", "expired.test:", "expiring.test:", "What to do:")
			.doesNotContain("self-signed.test", "valid.test", "wrong-name.test", "closed.test", "owner team-");
		assertThat(vendor.indexOf("portal.test")).isLessThan(vendor.indexOf("expired.test"));
		String web = onlyMailTo("web@example.test");
		assertThat(web).contains("expiring.test:", "self-signed.test:")
			.doesNotContain("portal.test", "expired.test:", "wrong-name.test");
		assertThat(mailsTo("quiet@example.test")).isEmpty();
		String full = onlyMailTo("ops@example.test");
		assertThat(full).contains("TLS certificate audit of Example Org, run " + outcome.runId(),
				"1 newly failing since run " + first.runId(), "- ERROR portal.test:", "self-signed.test:",
				"wrong-name.test:", "closed.test:");
		assertThat(full.indexOf("portal.test")).isLessThan(full.indexOf("closed.test"));
		assertThat(SMTP.getReceivedMessages()).hasSize(3);

		assertThat(this.jdbc.queryForList("SELECT status || ' ' || recipients FROM mail_delivery WHERE run_id = ?",
				String.class, outcome.runId()))
			.containsExactlyInAnyOrder("SENT to ops@example.test", "SENT to pki@vendor.example.test",
					"SENT to web@example.test", "SKIPPED to jane");
		assertThat(outcome.mail()).matches("mail sent to 3 recipients, 1 skipped: contact=jane of wrong-name.test:\\d+ is"
				+ " not a mail address \\(Missing final '@domain'\\)");
		assertThat(output).containsPattern("WARN .*ReportMailer - Run " + outcome.runId()
				+ ": no mail to a contact: contact=jane of wrong-name.test:\\d+ is not a mail address \\(Missing final '@domain'\\)");
	}

	/** The plain-text body of the one mail the address received. */
	private static String onlyMailTo(String address) throws Exception {
		List<String> received = mailsTo(address);
		assertThat(received).as("mails to " + address).hasSize(1);
		return received.get(0);
	}

	/** The plain-text bodies of the mails the address received. */
	private static List<String> mailsTo(String address) throws Exception {
		List<String> bodies = new ArrayList<>();
		for (MimeMessage message : SMTP.getReceivedMessages()) {
			if (Arrays.stream(message.getRecipients(RecipientType.TO))
				.anyMatch((to) -> ((InternetAddress) to).getAddress().equals(address))) {
				bodies.add(plainText(message));
			}
		}
		return bodies;
	}

	private static String plainText(Part part) throws Exception {
		if (part.isMimeType("text/plain")) {
			return ((String) part.getContent()).replace("\r\n", "\n");
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String text = plainText(multipart.getBodyPart(i));
				if (text != null) {
					return text;
				}
			}
		}
		return null;
	}

	private static String line(String host, String contact) {
		return host + ":" + ESTATE.cases().get(host).port() + " address=127.0.0.1 owner=team-" + host.replace(".test", "")
				+ (contact.isEmpty() ? "" : " " + contact);
	}

	/** The estate's root and the portal's, in one PEM bundle. */
	private static String trustedRoots() {
		try {
			Path bundle = Files.createTempFile("owner-mail-roots", ".pem");
			Files.writeString(bundle, Files.readString(ESTATE.caFile()) + Pem.encode(PORTAL_ROOT.certificate()));
			return bundle.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
