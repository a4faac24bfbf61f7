package dev.certaudit.delivery;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.ChainProblem;
import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.ChainValidator;
import dev.certaudit.analysis.intermediates.IntermediateLookup;
import dev.certaudit.probe.CertificateFileReader;

/**
 * The certificate a delivery is for, paired with its private key across files, and its chain as it
 * will be installed: the leaf, then each intermediate in turn up to the root, which is left out because
 * clients use their own copy of it (RFC 8446 4.4.2 lets a server omit it). What else was delivered is
 * named, so the operator knows which file holds what.
 * @param leafKey the private key of the leaf, held only to write the PKCS#12; null when none was delivered
 * @param keyFiles the files the leaf's private key was found in; empty without one
 * @param otherKeys the delivered private keys that are not the leaf's
 * @param intermediates the delivered CA certificates from the leaf's issuer up, root excluded
 * @param root the self-signed root the delivery sent above them, or null
 * @param validation the path from the leaf and the intermediates to a trust anchor
 * @param caIssuersUrl the AIA caIssuers URL of the certificate whose issuer is missing, when one is
 */
record DeliveredChain(Delivery delivery, X509Certificate leaf, PrivateKey leafKey, List<String> keyFiles,
		List<DeliveredKey> otherKeys, List<X509Certificate> intermediates, X509Certificate root,
		ChainValidation validation, String caIssuersUrl) {

	DeliveredChain {
		keyFiles = List.copyOf(keyFiles);
		otherKeys = List.copyOf(otherKeys);
		intermediates = List.copyOf(intermediates);
	}

	/** Leaf first, then the intermediates: what the servers will send, and what chain.pem holds. */
	List<X509Certificate> installed() {
		return Stream.concat(Stream.of(this.leaf), this.intermediates.stream()).toList();
	}

	boolean keyDelivered() {
		return this.leafKey != null || !this.otherKeys.isEmpty();
	}

	boolean keyMatches() {
		return this.leafKey != null;
	}

	boolean intermediateMissing() {
		return this.validation.problem() == ChainProblem.MISSING_INTERMEDIATE;
	}

	/**
	 * @return the delivery's certificate and chain, or empty when it holds no end-entity certificate
	 */
	static Optional<DeliveredChain> assemble(Delivery delivery, ChainValidator validator, Instant now) {
		Set<X509Certificate> certificates = new LinkedHashSet<>();
		List<DeliveredKey> keys = new ArrayList<>();
		for (DeliveredFile file : delivery.files()) {
			certificates.addAll(file.certificates());
			file.privateKeys().forEach((key) -> keys.add(new DeliveredKey(file.name(), key)));
		}
		List<X509Certificate> endEntities = certificates.stream()
			.filter((c) -> !Certificates.isCertificateAuthority(c))
			.toList();
		if (endEntities.isEmpty()) {
			return Optional.empty();
		}
		// the certificate whose key came with it; else the newest, as a delivery that also holds last
		// year's certificate is for this year's
		X509Certificate leaf = endEntities.stream()
			.filter((c) -> keys.stream().anyMatch((key) -> key.belongsTo(c)))
			.findFirst()
			.orElseGet(() -> endEntities.stream().max(Comparator.comparing(X509Certificate::getNotBefore)).orElseThrow());
		List<X509Certificate> path = Certificates.issuerPath(Stream
			.concat(Stream.of(leaf), certificates.stream().filter(Certificates::isCertificateAuthority))
			.toList());
		X509Certificate root = (path.size() > 1 && Certificates.isSelfSigned(path.getLast())) ? path.getLast() : null;
		List<X509Certificate> intermediates = path.subList(1, (root != null) ? path.size() - 1 : path.size());
		List<X509Certificate> installed = Stream.concat(Stream.of(leaf), intermediates.stream()).toList();
		ChainValidation validation = validator.validate(installed, now);
		String caIssuersUrl = null;
		if (validation.problem() == ChainProblem.MISSING_INTERMEDIATE) {
			caIssuersUrl = (validation.recovery() != null && validation.recovery().caIssuersUrl() != null)
					? validation.recovery().caIssuersUrl()
					: IntermediateLookup.caIssuersUrl(installed.getLast()).orElse(null);
		}
		List<DeliveredKey> leafKeys = keys.stream().filter((key) -> key.belongsTo(leaf)).toList();
		return Optional.of(new DeliveredChain(delivery, leaf,
				leafKeys.isEmpty() ? null : leafKeys.getFirst().key(),
				leafKeys.stream().map(DeliveredKey::file).distinct().toList(),
				keys.stream().filter((key) -> !key.belongsTo(leaf)).toList(), intermediates, root, validation,
				caIssuersUrl));
	}

	/**
	 * What each file of the delivery holds, in words, by file name.
	 * @param replaced the certificate the delivery replaces, whose key a delivery may hold by mistake; or null
	 */
	Map<String, List<String>> holdings(X509Certificate replaced) {
		Map<String, List<String>> holdings = new LinkedHashMap<>();
		for (DeliveredFile file : this.delivery.files()) {
			List<String> holds = new ArrayList<>();
			file.certificates().forEach((c) -> holds.add(role(c)));
			for (PrivateKey key : file.privateKeys()) {
				holds.add(CertificateFileReader.belongsTo(key, this.leaf.getPublicKey())
						? "the private key of the certificate"
						: "a private key, not the certificate's: " + owner(new DeliveredKey(file.name(), key), replaced));
			}
			for (int request = 0; request < file.requests(); request++) {
				holds.add("a certificate request (CSR), not installed");
			}
			if (file.unreadable() != null) {
				holds.add("unreadable: " + file.unreadable());
			}
			if (file.ignored() != null) {
				holds.add("left aside: " + file.ignored());
			}
			holdings.put(file.name(), holds);
		}
		return holdings;
	}

	/**
	 * Whose a private key that is not the leaf's is: the replaced certificate's, another delivered
	 * certificate's, or, when neither, that of another certificate request.
	 */
	String owner(DeliveredKey key, X509Certificate replaced) {
		if (replaced != null && key.belongsTo(replaced)) {
			return "the old certificate's key";
		}
		return this.delivery.files()
			.stream()
			.flatMap((file) -> file.certificates().stream())
			.filter(key::belongsTo)
			.findFirst()
			.map((c) -> "the key of " + Certificates.subject(c))
			.orElse("the key of another certificate request");
	}

	private String role(X509Certificate certificate) {
		String subject = Certificates.subject(certificate);
		if (certificate.equals(this.leaf)) {
			return "the certificate " + subject;
		}
		if (this.intermediates.contains(certificate)) {
			return "intermediate " + subject;
		}
		if (certificate.equals(this.root)) {
			return "root " + subject + ", not installed: clients use their own copy";
		}
		return (Certificates.isCertificateAuthority(certificate) ? "CA certificate " : "another certificate ") + subject
				+ ", not on the certificate's chain, not installed";
	}

	/** A private key and the file it came in; the key itself is never shown. */
	record DeliveredKey(String file, PrivateKey key) {

		boolean belongsTo(X509Certificate certificate) {
			return CertificateFileReader.belongsTo(this.key, certificate.getPublicKey());
		}

		@Override
		public String toString() {
			return "DeliveredKey[file=" + this.file + "]";
		}

	}

	@Override
	public String toString() {
		return "DeliveredChain[leaf=" + Certificates.subject(this.leaf) + ", keyFiles=" + this.keyFiles
				+ ", intermediates=" + this.intermediates.size() + ", validation=" + this.validation + "]";
	}

}
