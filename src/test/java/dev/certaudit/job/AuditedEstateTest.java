package dev.certaudit.job;

import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.certaudit.discovery.AuditTarget;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The estates the database's benchmark writes are the ones its report says they are. */
class AuditedEstateTest {

	private static final AuditedEstate FARM = AuditedEstate.farm();

	private static final AuditedEstate PUBLIC_CA = AuditedEstate.publicCa();

	@Test
	void farmEstateHasTheFarmsFindingsAndShortChains() {
		assertThat(FARM.findingsPerEndpoint()).isCloseTo(0.13, within(0.005));
		assertThat(FARM.chainPemPerEndpoint()).isBetween(1200.0, 1700.0);
	}

	@Test
	void publicCaEstateHasAboutOneFindingPerEndpointAndChainsOfPublicCas() {
		assertThat(PUBLIC_CA.findingsPerEndpoint()).isCloseTo(1.0, within(0.05));
		assertThat(PUBLIC_CA.chainPemPerEndpoint()).isBetween(3300.0, 4500.0);
	}

	@Test
	void targetsAreDealtTheMixAndATargetAlwaysTheSameEndpoint() {
		double dealt = LongStream.range(0, 20_000)
			.mapToObj((i) -> PUBLIC_CA.audit(target(i * 1_000_000)))
			.mapToInt((audited) -> audited.assessed().getFirst().assessment().findings().size())
			.average()
			.orElseThrow();

		assertThat(dealt).isCloseTo(PUBLIC_CA.findingsPerEndpoint(), within(0.03));
		assertThat(PUBLIC_CA.audit(target(42_000_000)).assessed())
			.isEqualTo(PUBLIC_CA.audit(target(42_000_000)).assessed());
	}

	private static AuditTarget target(long targetId) {
		return new AuditTarget(1, targetId, targetId / 1000,
				new Target("endpoint.estate.test", 443, Protocol.TLS, "10.0.0.1", Map.of(), "estate.txt:1"), null, null);
	}

}
