package dev.certaudit.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import dev.certaudit.analysis.Status;
import dev.certaudit.inventory.RejectedLine;
import dev.certaudit.notify.MailActionQueries.ContactActions;
import dev.certaudit.notify.MailActionQueries.MailActions;
import dev.certaudit.notify.MailActionQueries.UnusableContact;
import dev.certaudit.notify.MailDelivery.Outcome;
import dev.certaudit.probe.PlainTcpServer;
import dev.certaudit.report.ReportFixtures;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.RunSummary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/** Delivery outcomes against SMTP servers on loopback: GreenMail, and a stub that refuses every recipient. */
class ReportMailerTest {

	@RegisterExtension
	static final GreenMailExtension SMTP = new GreenMailExtension(
			new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("cert-audit@example.test", "cert-audit", "s3cret"));

	@TempDir
	Path reports;

	@Test
	void loginRefusedIsAFailedDeliveryWithTheServersReason() throws Exception {
		ReportMailer mailer = new ReportMailer(settings(false), sender(SMTP.getSmtp().getPort(), "cert-audit", "wrong"));

		MailDelivery delivery = mailer.deliver(digest(ReportFixtures.summary()), reportFiles());

		assertThat(delivery.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(delivery.detail()).isEqualTo("Authentication failed: 535 5.7.8  Authentication credentials invalid");
		assertThat(SMTP.getReceivedMessages()).isEmpty();
	}

	@Test
	void refusedRecipientIsAFailedDeliveryWithTheServersReason() throws Exception {
		try (RefusingSmtpServer server = new RefusingSmtpServer()) {
			ReportMailer mailer = new ReportMailer(settings(false), sender(server.port(), null, null));

			MailDelivery delivery = mailer.deliver(digest(ReportFixtures.summary()), reportFiles());

			assertThat(delivery.outcome()).isEqualTo(Outcome.FAILED);
			assertThat(delivery.detail()).startsWith("Invalid Addresses")
				.contains("550 5.1.1 <ops@example.test>: Recipient address rejected: User unknown");
		}
	}

	@Test
	void serverThatNeverAnswersIsAFailedDeliveryOnceTheReadTimeoutPasses() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
			List<Socket> held = new CopyOnWriteArrayList<>();
			Thread.ofVirtual().start(() -> {
				try {
					held.add(silent.accept());
				}
				catch (IOException ex) {
					// closed by the test
				}
			});
			JavaMailSenderImpl sender = sender(silent.getLocalPort(), null, null);
			sender.getJavaMailProperties().setProperty("mail.smtp.timeout", "500");
			ReportMailer mailer = new ReportMailer(settings(false), sender);
			long started = System.nanoTime();

			MailDelivery delivery = mailer.deliver(digest(ReportFixtures.summary()), reportFiles());

			assertThat(delivery.outcome()).isEqualTo(Outcome.FAILED);
			assertThat(delivery.detail()).contains("Read timed out");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
			for (Socket socket : held) {
				socket.close();
			}
		}
	}

	@Test
	@Timeout(60)
	void serverThatDripsItsGreetingIsAFailedDeliveryOnceTheDeliveryTimeoutPassesAndIsHungUpOn() throws Exception {
		CountDownLatch hungUp = new CountDownLatch(1);
		try (PlainTcpServer dripping = PlainTcpServer.start(PlainTcpServer.dripsAnSmtpGreeting(hungUp))) {
			// each byte comes well within the 5 s read timeout: only a deadline on the whole delivery ends it
			ReportMailer mailer = new ReportMailer(settings(false, Duration.ofSeconds(1)),
					sender(dripping.port(), null, null));

			MailDelivery delivery = mailer.deliver(digest(ReportFixtures.summary()), reportFiles());

			assertThat(delivery.outcome()).isEqualTo(Outcome.FAILED);
			assertThat(delivery.detail()).isEqualTo("the SMTP server 127.0.0.1:" + dripping.port()
					+ " did not take the mail within 1000 ms (cert-audit.mail.delivery-timeout)");
			assertThat(hungUp.await(20, TimeUnit.SECONDS)).as("the connection was closed").isTrue();
		}
	}

	@Test
	void missingReportIsAFailedDeliveryNamingIt() throws Exception {
		ReportMailer mailer = new ReportMailer(settings(false), sender(SMTP.getSmtp().getPort(), null, null));
		Path missing = this.reports.resolve("cert-audit-2026-05-22.pdf");

		MailDelivery delivery = mailer.deliver(digest(ReportFixtures.summary()), List.of(missing));

		assertThat(delivery.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(delivery.detail()).isEqualTo("report " + missing + " is missing");
		assertThat(SMTP.getReceivedMessages()).isEmpty();
	}

	@Test
	void onlyOnProblemsStillMailsARunThatSkippedInventoryLines() throws Exception {
		ReportMailer mailer = new ReportMailer(settings(true), sender(SMTP.getSmtp().getPort(), null, null));
		RunSummary allOkButSkippedALine = ReportFixtures.summaryOfCounts(7, List.of("hosts.txt"),
				Map.of(Status.OK, 2L), List.of(new RejectedLine("hosts.txt:3", "x y", "bad")));

		MailDelivery delivery = mailer.deliver(digest(allOkButSkippedALine), reportFiles());

		assertThat(delivery.outcome()).isEqualTo(Outcome.SENT);
		assertThat(delivery.detail()).isNull();
		assertThat(SMTP.getReceivedMessages()).hasSize(1);
	}

	@Test
	void onlyOnProblemsSkipsARunWithNothingToActOn() throws Exception {
		ReportMailer mailer = new ReportMailer(settings(true), sender(SMTP.getSmtp().getPort(), null, null));
		RunSummary allOk = ReportFixtures.summaryOfCounts(7, List.of("hosts.txt"),
				Map.of(Status.OK, 2L), List.of());

		MailDelivery delivery = mailer.deliver(digest(allOk), reportFiles());

		assertThat(delivery.outcome()).isEqualTo(Outcome.SKIPPED);
		assertThat(delivery.detail()).isEqualTo("skipped: nothing to report");
		assertThat(SMTP.getReceivedMessages()).isEmpty();
	}

	@Test
	void eachContactGetsOneMailWithOnlyItsEndpointsAndItsRepliesGoToTheTeam() throws Exception {
		ReportMailer mailer = new ReportMailer(settings(false), sender(SMTP.getSmtp().getPort(), null, null));
		ReportRow vendors = actionRow("shop.example.org", "pki@vendor.example.test");
		ReportRow ours = actionRow("intranet.example.org", "web@example.test");
		MailActions actions = new MailActions(new ActionList(List.of(), List.of(vendors, ours), 2),
				List.of(new ContactActions(new InternetAddress("pki@vendor.example.test"),
						new ActionList(List.of(), List.of(vendors), 1)),
						new ContactActions(new InternetAddress("web@example.test"),
								new ActionList(List.of(), List.of(ours), 1))),
				List.of());

		List<MailDelivery> deliveries = mailer.deliverToOwners(ReportFixtures.summary(), actions);

		assertThat(deliveries).extracting(MailDelivery::outcome, MailDelivery::recipients)
			.containsExactly(tuple(Outcome.SENT, "to pki@vendor.example.test"), tuple(Outcome.SENT, "to web@example.test"));
		MimeMessage[] vendorMail = SMTP.getReceivedMessagesForDomain("vendor.example.test");
		assertThat(vendorMail).hasSize(1);
		assertThat(vendorMail[0].getReplyTo()).extracting((address) -> ((InternetAddress) address).getAddress())
			.containsExactly("ops@example.test");
		assertThat(vendorMail[0].getSubject())
			.isEqualTo("Example Org: 1 TLS endpoint you are the contact for needs action (audit of 2026-05-22)");
		assertThat(GreenMailUtil.getBody(vendorMail[0])).contains("shop.example.org").doesNotContain("intranet");
		assertThat(SMTP.getReceivedMessages()).hasSize(2);
	}

	@Test
	void contactThatIsNoMailAddressIsASkippedMailNamingItsEndpointNotAFailure() throws Exception {
		ReportMailer mailer = new ReportMailer(settings(false), sender(SMTP.getSmtp().getPort(), null, null));
		MailActions actions = new MailActions(ActionList.NONE, List.of(),
				List.of(new UnusableContact("jane", "shop.example.org:443", "Missing final '@domain'", 3)));

		List<MailDelivery> deliveries = mailer.deliverToOwners(ReportFixtures.summary(), actions);

		assertThat(deliveries).singleElement().satisfies((delivery) -> {
			assertThat(delivery.outcome()).isEqualTo(Outcome.SKIPPED);
			assertThat(delivery.recipients()).isEqualTo("to jane");
			assertThat(delivery.detail()).isEqualTo("skipped: contact=jane of shop.example.org:443 and 2 more endpoints"
					+ " is not a mail address (Missing final '@domain')");
		});
		assertThat(SMTP.getReceivedMessages()).isEmpty();
	}

	@Test
	void mailOnWithoutAnSmtpServerIsRefused() throws Exception {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReportMailer(settings(false), null))
			.withMessage("cert-audit.mail.enabled is true but no SMTP server is set: set spring.mail.host (and port)");
	}

	@Test
	void mailOffNeedsNoSmtpServer() {
		assertThat(new ReportMailer(MailSettings.disabled(), null).enabled()).isFalse();
	}

	private static MailSettings settings(boolean onlyOnProblems) throws Exception {
		return settings(onlyOnProblems, Duration.ofMinutes(2));
	}

	private static MailSettings settings(boolean onlyOnProblems, Duration deliveryTimeout) throws Exception {
		return new MailSettings(true, new InternetAddress("cert-audit@example.test"),
				List.of(new InternetAddress("ops@example.test")), List.of(), SubjectTemplate.parse("audit {run}"),
				onlyOnProblems, deliveryTimeout, false);
	}

	private static JavaMailSenderImpl sender(int port, String username, String password) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		sender.setUsername(username);
		sender.setPassword(password);
		Properties properties = new Properties();
		properties.setProperty("mail.smtp.connectiontimeout", "5000");
		properties.setProperty("mail.smtp.timeout", "5000");
		properties.setProperty("mail.smtp.auth", String.valueOf(username != null));
		sender.setJavaMailProperties(properties);
		return sender;
	}

	private static RunDigest digest(RunSummary summary) {
		return new RunDigest(summary, ActionList.NONE);
	}

	private static ReportRow actionRow(String host, String contact) {
		return new ReportRow(1, host, 443, "TLS", "192.0.2.1", "web-team", contact, "", Status.CRITICAL, 3, null,
				Instant.parse("2026-05-25T08:00:00Z"), null, null, List.of(), null, null, List.of(), List.of(), null, 1,
				null, null, null);
	}

	private List<Path> reportFiles() throws IOException {
		return List.of(Files.writeString(this.reports.resolve("cert-audit-2026-05-22.xlsx"), "workbook"),
				Files.writeString(this.reports.resolve("cert-audit-2026-05-22.pdf"), "pdf"));
	}

	/** An SMTP server on loopback that accepts the sender and refuses every recipient. */
	static final class RefusingSmtpServer implements AutoCloseable {

		private final ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());

		RefusingSmtpServer() throws IOException {
			Thread.ofVirtual().start(() -> {
				while (!this.socket.isClosed()) {
					try (Socket client = this.socket.accept()) {
						converse(client);
					}
					catch (IOException ex) {
						return;
					}
				}
			});
		}

		private static void converse(Socket client) throws IOException {
			client.setSoTimeout(5000);
			BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
			PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII);
			out.print("220 stub.example.test ESMTP\r\n");
			out.flush();
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				String command = line.toUpperCase();
				if (command.startsWith("RCPT")) {
					out.print("550 5.1.1 " + line.substring(line.indexOf('<'))
							+ ": Recipient address rejected: User unknown\r\n");
				}
				else if (command.startsWith("QUIT")) {
					out.print("221 bye\r\n");
					out.flush();
					return;
				}
				else {
					out.print("250 ok\r\n");
				}
				out.flush();
			}
		}

		int port() {
			return this.socket.getLocalPort();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
