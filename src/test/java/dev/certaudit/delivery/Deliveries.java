package dev.certaudit.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.probe.CertificateFileWriter;

/**
 * Renewal deliveries as customers and CAs send them, made in the test: a root, an intermediate that
 * names where it is published (AIA), and certificates it issues, packed as zips with odd names in any
 * order, or as PFX files.
 */
final class Deliveries {

	/** Where the intermediate is published; nothing listens there, so nothing is ever fetched. */
	static final String CA_ISSUERS_URL = "http://127.0.0.1:9/renewal-ca.crt";

	final IssuedCertificate root = CertificateGenerator.root("CN=Renewal Test Root");

	final IssuedCertificate intermediate = CertificateGenerator.intermediate("CN=Renewal Test CA", this.root);

	/** The first lines of a key's PEM body: any copy of the key, in whatever form, would hold them. */
	static String keyFingerprint(PrivateKey key) {
		return Base64.getEncoder().encodeToString(key.getEncoded()).substring(0, 64);
	}

	/** A server certificate of the intermediate for {@code names}, valid for 200 days from now. */
	IssuedCertificate certificate(String... names) {
		return certificate(200, names);
	}

	/** A server certificate of the intermediate for {@code names}, valid for {@code days} more days. */
	IssuedCertificate certificate(int days, String... names) {
		return CertificateGenerator.certificate("CN=" + names[0])
			.issuedBy(this.intermediate)
			.dnsNames(names)
			.caIssuersUrl(CA_ISSUERS_URL)
			.validUntil(Instant.now().plus(Duration.ofDays(days)))
			.build();
	}

	/** A zip of the given entries, written in a shuffled order, as a mail attachment or portal download is. */
	static Path zip(Path file, Map<String, byte[]> entries, long seed) {
		List<Map.Entry<String, byte[]>> shuffled = new ArrayList<>(entries.entrySet());
		Collections.shuffle(shuffled, new Random(seed));
		try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
			for (Map.Entry<String, byte[]> entry : shuffled) {
				zip.putNextEntry(new ZipEntry(entry.getKey()));
				zip.write(entry.getValue());
				zip.closeEntry();
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What a CA's portal gives: the certificate, the intermediate and the key the request was made with,
	 * under names that say nothing about what they hold.
	 */
	Map<String, byte[]> portalDownload(IssuedCertificate certificate, PrivateKey key) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("Your Certificate/ServerCertificate (1).crt", text(CertificateFileWriter.pem(certificate.certificate())));
		entries.put("Your Certificate/Intermediate.ca-bundle", der(this.intermediate));
		entries.put("private/KEY_final_v2.txt", text(CertificateFileWriter.traditional(key)));
		entries.put("README.txt", text("Install all three files on each server.\n"));
		return entries;
	}

	static byte[] text(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	static byte[] der(IssuedCertificate certificate) {
		try {
			return certificate.certificate().getEncoded();
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
