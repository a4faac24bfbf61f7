package dev.certaudit.delivery;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.certaudit.analysis.ChainValidator;
import dev.certaudit.analysis.TrustAnchors;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.DemoDeliveries;
import dev.certaudit.demo.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

/** The deliveries the demo hands out show what the README's walk-through says they show. */
class DemoDeliveriesTest {

	@TempDir
	Path directory;

	@Test
	void mailRenewalIsCompleteAndWebmailLacksItsIntermediateAndItsKey() throws Exception {
		IssuedCertificate root = CertificateGenerator.root("CN=Demo Root");
		IssuedCertificate issuer = CertificateGenerator.intermediate("CN=Demo Issuing CA", root);
		DemoDeliveries.write(this.directory, issuer, "http://127.0.0.1:9/demo-issuing-ca.crt");
		ChainValidator validator = new ChainValidator(TrustAnchors.of(Set.of(root.certificate())));
		DeliveryReader reader = new DeliveryReader(new DeliveredFileParser(null));

		DeliveredChain mail = DeliveredChain
			.assemble(reader.read(this.directory.resolve(DemoDeliveries.MAIL)), validator, Instant.now())
			.orElseThrow();
		assertThat(mail.keyMatches()).isTrue();
		assertThat(mail.installed()).hasSize(2).last().isEqualTo(issuer.certificate());
		assertThat(mail.validation().trusted()).isTrue();

		DeliveredChain webmail = DeliveredChain
			.assemble(reader.read(this.directory.resolve(DemoDeliveries.WEBMAIL)), validator, Instant.now())
			.orElseThrow();
		assertThat(webmail.keyDelivered()).isTrue();
		assertThat(webmail.keyMatches()).isFalse();
		assertThat(webmail.intermediateMissing()).isTrue();
		assertThat(webmail.caIssuersUrl()).isEqualTo("http://127.0.0.1:9/demo-issuing-ca.crt");
	}

}
