package dev.certaudit.delivery;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.certaudit.CertAuditProperties;
import dev.certaudit.analysis.AnalysisEngine;
import dev.certaudit.analysis.Assessment;
import dev.certaudit.analysis.Certificates;
import dev.certaudit.history.AuditRun;
import dev.certaudit.job.AuditLauncher;
import dev.certaudit.job.AuditRefusedException;
import dev.certaudit.probe.ProbeResult;
import dev.certaudit.report.ReportFormatting;

/**
 * {@code check-delivery}: before a renewed certificate is installed, reads what was delivered, pairs the
 * certificate with its key, builds its chain, judges it with the audit's rules, finds the certificate it
 * replaces and every place a completed run found that one served, and says whether the delivery covers
 * them all. It writes the files to install beside a PDF and a JSON verdict, and records nothing in the
 * database: the private key is only read to check it, and written only into the PKCS#12.
 */
@Service
public class DeliveryCheck {

	private final CertAuditProperties properties;

	private final AnalysisEngine engine;

	private final AuditLauncher launcher;

	private final ReplacedCertificates replacedCertificates;

	DeliveryCheck(CertAuditProperties properties, AnalysisEngine analysisEngine, AuditLauncher launcher,
			ReplacedCertificates replacedCertificates) {
		this.properties = properties;
		this.engine = analysisEngine;
		this.launcher = launcher;
		this.replacedCertificates = replacedCertificates;
	}

	/**
	 * @param replaces the certificate it replaces, as a SHA-256 fingerprint or {@code host[:port]}; null
	 * to find the served certificate whose names it covers best
	 * @param runId the completed run whose places count; null for the latest completed run
	 * @return 0 ready, 2 not ready, 3 the delivery could not be read
	 * @throws AuditRefusedException when the run or the replaced certificate named cannot be used
	 */
	public int check(Path delivery, String replaces, Long runId, PrintStream out) {
		return check(delivery, replaces, runId, out, Instant.now());
	}

	int check(Path source, String replaces, Long runId, PrintStream out, Instant now) {
		String password = this.properties.certFiles().password();
		Delivery delivery;
		try {
			delivery = new DeliveryReader(new DeliveredFileParser(password)).read(source);
		}
		catch (DeliveryUnreadableException ex) {
			out.println("unreadable: " + ex.getMessage());
			return DeliveryVerdict.UNREADABLE;
		}
		out.println("check-delivery: " + source.toAbsolutePath().normalize());
		if (!delivery.unreadable().isEmpty()) {
			delivery.unreadable().forEach((file) -> out.println("  " + file.name() + ": " + file.unreadable()));
			out.println("unreadable: " + delivery.unreadable().size() + " of the delivered files could not be read");
			return DeliveryVerdict.UNREADABLE;
		}
		Optional<DeliveredChain> assembled = DeliveredChain.assemble(delivery, this.engine.chainValidator(), now);
		if (assembled.isEmpty()) {
			files(out, delivery);
			out.println("unreadable: the delivery holds no server certificate, only "
					+ (delivery.files().isEmpty() ? "nothing at all" : "CA certificates, keys or other files"));
			return DeliveryVerdict.UNREADABLE;
		}
		DeliveredChain chain = assembled.get();
		X509Certificate leaf = chain.leaf();
		// judged as a certificate file is: every rule of the audit but the name check, which is per place
		Assessment assessment = this.engine.assess(null, ProbeResult.file(chain.installed(), now, 0, null), now);
		AuditRun run = (runId != null) ? this.launcher.completedRun(runId)
				: this.launcher.completedRuns().stream().findFirst().orElse(null);
		if (run == null && replaces != null) {
			throw new AuditRefusedException("there is no completed run to find the certificate --replaces names in");
		}
		ReplacedCertificate replaced = (run != null)
				? this.replacedCertificates.find(leaf, replaces, run.runId()).orElse(null) : null;
		DeliveryVerdict verdict = DeliveryVerdict.judge(now, chain, assessment, (run != null) ? run.runId() : null,
				replaced);
		Path directory = this.properties.reportsDir()
			.resolve("check-delivery-" + ReportFormatting.date(now) + "-" + Certificates.sha256(leaf).substring(0, 12));
		Written written;
		try {
			written = write(directory, verdict, password);
		}
		catch (IOException ex) {
			throw new AuditRefusedException("cannot write " + directory + ": " + ex.getMessage());
		}
		print(out, written.verdict(), directory, written.files());
		return written.verdict().exitCode();
	}

	/** The verdict with what writing added to it, and the names of the files written. */
	private record Written(DeliveryVerdict verdict, List<String> files) {
	}

	/** The files to install, then the verdict as JSON and PDF, which list them. */
	private static Written write(Path directory, DeliveryVerdict checked, String password) throws IOException {
		DeliveredChain chain = checked.chain();
		DeliveryVerdict verdict = checked;
		List<String> written = new ArrayList<>();
		Files.createDirectories(directory);
		InstallationFiles.writeChain(directory, chain);
		written.add(InstallationFiles.CHAIN);
		// an earlier check of the same certificate today may have written one: the folder says what this check found
		Files.deleteIfExists(directory.resolve(InstallationFiles.PKCS12));
		if (chain.keyMatches()) {
			if (password == null || password.isEmpty()) {
				verdict = verdict.withNote("no " + InstallationFiles.PKCS12 + " written: set CERT_AUDIT_CERT_FILES_PASSWORD"
						+ " to the password it should have, and check again");
			}
			else {
				InstallationFiles.writePkcs12(directory, chain, password.toCharArray());
				written.add(InstallationFiles.PKCS12);
				verdict = verdict.withNote(InstallationFiles.PKCS12 + " holds the private key and the chain, with the"
						+ " password in CERT_AUDIT_CERT_FILES_PASSWORD: keep it as you keep the key");
			}
		}
		written.add(VerdictJson.FILE);
		written.add(VerdictPdf.FILE);
		VerdictJson.write(directory, verdict, written);
		VerdictPdf.write(directory, verdict, written);
		return new Written(verdict, written);
	}

	private static void print(PrintStream out, DeliveryVerdict verdict, Path directory, List<String> written) {
		DeliveredChain chain = verdict.chain();
		X509Certificate leaf = chain.leaf();
		files(out, verdict.holdings());
		out.println("  certificate: " + Certificates.subject(leaf) + ", names " + String.join(", ",
				CertificateComparison.names(leaf)) + "; valid " + ReportFormatting.date(leaf.getNotBefore().toInstant())
				+ " to " + ReportFormatting.date(leaf.getNotAfter().toInstant()) + "; " + Certificates.keyDescription(leaf)
				+ "; SHA-256 " + Certificates.sha256(leaf));
		out.println("  chain: " + verdict.chainLine());
		ReplacedCertificate replaced = verdict.replaced();
		if (replaced != null) {
			out.println("  replaces: " + replaced.served().subject() + ", expires "
					+ ReportFormatting.date(replaced.served().notAfter()) + ", SHA-256 " + replaced.sha256() + " ("
					+ replaced.chosen() + ")");
			out.println("  compared with it: " + verdict.comparison().summary());
			out.println("  places of the old certificate in run " + replaced.runId() + " (" + replaced.places().size() + "):");
			for (Place place : replaced.places()) {
				out.printf("    %-12s %s%n", place.coveredBy(leaf) ? "covered" : "NOT COVERED", DeliveryVerdict.describe(place));
			}
		}
		verdict.notes().forEach((note) -> out.println("  note: " + note));
		out.println("  written to " + directory + ": " + String.join(", ", written));
		if (replaced != null && verdict.ready()) {
			out.println("  once installed, see each place serve it: cert-audit audit --only-places-of=" + replaced.sha256());
		}
		out.println(verdict.headline());
	}

	private static void files(PrintStream out, Delivery delivery) {
		delivery.files().forEach((file) -> out.println("  " + file.name() + ": " + ((file.ignored() != null)
				? "left aside: " + file.ignored() : file.certificates().size() + " certificates")));
	}

	private static void files(PrintStream out, Map<String, List<String>> holdings) {
		out.println("  files:");
		holdings.forEach((name, holds) -> out.println("    " + name + ": " + String.join("; ", holds)));
	}

}
