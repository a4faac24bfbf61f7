package dev.certaudit.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import dev.certaudit.CertAuditProperties;
import dev.certaudit.analysis.intermediates.IntermediateBundle;
import dev.certaudit.history.RunJudgement;

/**
 * The settings that decide an endpoint's verdict: how it is fetched (timeouts, retries, politeness, chain
 * length, the RSA second look), the expiry thresholds, the trust anchors and the intermediates at hand,
 * and revocation. A run records them when it is created ({@code run_judgement}), so every process that
 * works on it, a worker in particular, judges by the run's settings rather than its own: one whose
 * settings differ refuses the work. Trust material is named by the SHA-256 of its certificates, not by
 * its path, so workers may keep the same roots in another place; the JDK's own roots count, since a
 * worker on another JDK trusts other roots.
 * @param lines one {@code setting=value} per line, in a fixed order
 */
public record JudgementSettings(List<String> lines) {

	public JudgementSettings {
		lines = List.copyOf(lines);
	}

	public static JudgementSettings of(CertAuditProperties properties) {
		CertAuditProperties.Fetch fetch = properties.fetch();
		CertAuditProperties.Trust trust = properties.trust();
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("fetch.connect-timeout", fetch.connectTimeout());
		settings.put("fetch.dialogue-timeout", fetch.dialogueTimeout());
		settings.put("fetch.handshake-timeout", fetch.handshakeTimeout());
		settings.put("fetch.retries", fetch.retries());
		settings.put("fetch.retry-backoff", fetch.retryBackoff());
		settings.put("fetch.retry-backoff-max", fetch.retryBackoffMax());
		settings.put("fetch.per-address-concurrency", fetch.perAddressConcurrency());
		settings.put("fetch.per-address-gap", fetch.perAddressGap());
		settings.put("fetch.max-chain-length", fetch.maxChainLength());
		settings.put("fetch.rsa-second-look", fetch.rsaSecondLook());
		settings.put("thresholds.critical-days", properties.thresholds().criticalDays());
		settings.put("thresholds.warning-days", properties.thresholds().warningDays());
		settings.put("trust.anchors", fingerprint(trust.trustAnchors()
			.anchors()
			.stream()
			.map((anchor) -> anchor.getTrustedCert())
			.toList()));
		settings.put("trust.intermediates", (trust.intermediates() != null)
				? fingerprint(IntermediateBundle.read(trust.intermediates()).certificates()) : "none");
		settings.put("trust.fetch-aia", trust.fetchAia());
		settings.put("trust.aia-timeout", trust.aiaTimeout());
		settings.put("trust.max-intermediates", trust.maxIntermediates());
		settings.put("revocation.enabled", properties.revocation().enabled());
		settings.put("revocation.timeout", properties.revocation().timeout());
		return new JudgementSettings(settings.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue()).toList());
	}

	/** Reads what {@link #text()} wrote. */
	public static JudgementSettings parse(String text) {
		return new JudgementSettings(text.lines().toList());
	}

	public String text() {
		return String.join("\n", this.lines);
	}

	/** SHA-256 of the settings, hexadecimal: what reports quote to tell two runs' settings apart. */
	public String digest() {
		return HexFormat.of().formatHex(sha256(text().getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * How a process's settings differ from these, the run's: {@code setting: the run's value, the
	 * process's value} for each that differs.
	 */
	public List<String> differences(JudgementSettings process) {
		Map<String, String> theirs = byName(process.lines);
		List<String> differences = new ArrayList<>();
		byName(this.lines).forEach((name, value) -> {
			String their = theirs.remove(name);
			if (!value.equals(their)) {
				differences.add(name + ": run " + value + ", this process " + Objects.requireNonNullElse(their, "none"));
			}
		});
		theirs.forEach((name, value) -> differences.add(name + ": run none, this process " + value));
		return differences;
	}

	private static Map<String, String> byName(List<String> lines) {
		Map<String, String> byName = new LinkedHashMap<>();
		for (String line : lines) {
			RunJudgement.Setting setting = RunJudgement.Setting.parse(line);
			byName.put(setting.name(), setting.value());
		}
		return byName;
	}

	/** The same certificates, in whatever order and from whatever files, give the same fingerprint. */
	private static String fingerprint(Collection<X509Certificate> certificates) {
		TreeSet<String> digests = new TreeSet<>();
		for (X509Certificate certificate : certificates) {
			try {
				digests.add(HexFormat.of().formatHex(sha256(certificate.getEncoded())));
			}
			catch (CertificateEncodingException ex) {
				throw new IllegalStateException("A trusted certificate cannot be encoded: " + ex.getMessage(), ex);
			}
		}
		String all = HexFormat.of()
			.formatHex(sha256(String.join("\n", digests).getBytes(StandardCharsets.US_ASCII)));
		return "sha256:" + all.substring(0, 16) + " (" + digests.size() + " certificates)";
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
		}
	}

}
