package dev.certaudit.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import dev.certaudit.probe.Pem;

/**
 * The renewals the demo hands its operator to check before installing them ({@code check-delivery}):
 * one for the mail certificate that expires in 5 days, as a CA's portal gives it (certificate, key and
 * intermediate in files whose names say little), and one for webmail whose intermediate was left out
 * and whose key belongs to another request.
 */
public final class DemoDeliveries {

	/** A folder: what the mail team unpacked from the CA's mail. */
	public static final String MAIL = "delivery";

	/** A zip as the customer sent it. */
	public static final String WEBMAIL = "delivery-webmail.zip";

	private static final BouncyCastleProvider BC = new BouncyCastleProvider();

	private DemoDeliveries() {
	}

	/** Writes both deliveries into {@code directory}, issued by {@code issuer}, which is published at {@code caIssuersUrl}. */
	public static void write(Path directory, IssuedCertificate issuer, String caIssuersUrl) throws IOException {
		IssuedCertificate mail = renewal("mail.demo.cert-audit.test", issuer, caIssuersUrl);
		Path folder = Files.createDirectories(directory.resolve(MAIL));
		Files.writeString(folder.resolve("mail_demo_cert-audit_test.crt"), Pem.encode(mail.certificate()));
		Files.writeString(folder.resolve("private.key"), traditional(mail.keyPair().getPrivate()));
		Files.write(folder.resolve("DemoIssuingCA.cer"), der(issuer));
		Files.writeString(folder.resolve("README.txt"), "Your renewed certificate for mail.demo.cert-audit.test.\n");
		IssuedCertificate webmail = renewal("webmail.demo.cert-audit.test", issuer, caIssuersUrl);
		try (OutputStream out = Files.newOutputStream(directory.resolve(WEBMAIL)); ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("webmail/cert.pem"));
			zip.write(Pem.encode(webmail.certificate()).getBytes(StandardCharsets.US_ASCII));
			// last year's key, kept in the same folder: the classic mistake of a renewal
			zip.putNextEntry(new ZipEntry("webmail/key.pem"));
			zip.write(traditional(CertificateGenerator.ecKeyPair().getPrivate())
				.getBytes(StandardCharsets.US_ASCII));
		}
	}

	/** Issued today for a year, as a CA issues a renewal. */
	private static IssuedCertificate renewal(String name, IssuedCertificate issuer, String caIssuersUrl) {
		return CertificateGenerator.certificate("CN=" + name)
			.issuedBy(issuer)
			.dnsNames(name)
			.caIssuersUrl(caIssuersUrl)
			.validFrom(Instant.now().minus(Duration.ofHours(1)))
			.validUntil(Instant.now().plus(Duration.ofDays(365)))
			.build();
	}

	/** {@code EC PRIVATE KEY}, the form OpenSSL writes a new key in when it makes the request. */
	private static String traditional(PrivateKey key) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(KeyFactory.getInstance(key.getAlgorithm(), BC)
				.generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded())));
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("Cannot write the demo key", ex);
		}
		return text.toString();
	}

	private static byte[] der(IssuedCertificate certificate) throws IOException {
		try {
			return certificate.certificate().getEncoded();
		}
		catch (CertificateEncodingException ex) {
			throw new IOException("Cannot encode the demo issuing CA", ex);
		}
	}

}
