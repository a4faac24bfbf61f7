package dev.certaudit.history;

import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.certaudit.analysis.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Run-to-run changes read from the project's tables, as two nightly runs of one inventory leave them. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:run-comparison;DB_CLOSE_DELAY=-1")
@Import(RecordedRuns.class)
class RunComparisonTest {

	private static final String NIGHTLY = "hosts:/etc/cert-audit/hosts.txt";

	@Autowired
	RecordedRuns runs;

	@Autowired
	RunComparison comparison;

	@Test
	void secondRunReportsFailingFixedRenewedNewAndDisappearedEndpoints() {
		AuditRun before = this.runs.newRun(NIGHTLY);
		endpoint(before, 1, "mail.example.test", "192.0.2.1", Status.OK, "0a", "aa");
		endpoint(before, 2, "vpn.example.test", "192.0.2.2", Status.EXPIRED, "0b", "bb");
		endpoint(before, 3, "www.example.test", "192.0.2.3", Status.WARNING, "0c", "cc");
		endpoint(before, 4, "old.example.test", "192.0.2.4", Status.OK, "0d", "dd");
		endpoint(before, 5, "same.example.test", "192.0.2.5", Status.OK, "0e", "ee");
		AuditRun now = this.runs.newRun(NIGHTLY);
		endpoint(now, 1, "mail.example.test", "192.0.2.1", Status.ERROR, null, null);
		endpoint(now, 2, "vpn.example.test", "192.0.2.2", Status.OK, "1b", "b2");
		endpoint(now, 3, "www.example.test", "192.0.2.3", Status.OK, "1c", "c2");
		endpoint(now, 4, "new.example.test", "192.0.2.9", Status.OK, "1d", "d2");
		endpoint(now, 5, "same.example.test", "192.0.2.5", Status.OK, "0e", "ee");

		RunChanges changes = this.comparison.sincePrevious(now);

		assertThat(changes.previousRunId()).isEqualTo(before.runId());
		assertThat(changes.changes()).extracting(EndpointChange::kind, EndpointChange::host)
			.containsExactly(tuple(ChangeKind.NEWLY_FAILING, "mail.example.test"),
					tuple(ChangeKind.NEWLY_FIXED, "vpn.example.test"), tuple(ChangeKind.RENEWED, "vpn.example.test"),
					tuple(ChangeKind.RENEWED, "www.example.test"), tuple(ChangeKind.NEW_ENDPOINT, "new.example.test"),
					tuple(ChangeKind.DISAPPEARED, "old.example.test"));
		EndpointChange renewed = changes.changes().get(3);
		assertThat(renewed.before().serialNumber()).isEqualTo("0c");
		assertThat(renewed.now().serialNumber()).isEqualTo("1c");
		assertThat(renewed.owner()).isEqualTo("ops");
		assertThat(changes.changes().get(4).before()).isNull();
		assertThat(changes.changes().get(5).now()).isNull();
		assertThat(changes.counts()).containsEntry(ChangeKind.RENEWED, 2L).containsEntry(ChangeKind.NEWLY_FIXED, 1L);
	}

	/** A name DNS did not answer for has no address; answered again, it is the same endpoint, fixed. */
	@Test
	void nameThatResolvesAgainIsTheSameEndpointNowFixed() {
		String inventory = "hosts:/srv/dns-outage.txt";
		AuditRun before = this.runs.newRun(inventory);
		target(before, 1, "portal.example.test", null).assessed(Status.ERROR).save();
		endpoint(before, 2, "mail.example.test", "192.0.2.1", Status.OK, "0a", "aa");
		AuditRun now = this.runs.newRun(inventory);
		endpoint(now, 1, "portal.example.test", "192.0.2.7", Status.OK, "0b", "bb");
		endpoint(now, 2, "mail.example.test", "192.0.2.1", Status.OK, "0a", "aa");

		RunChanges changes = this.comparison.sincePrevious(now);

		assertThat(changes.changes()).extracting(EndpointChange::kind, EndpointChange::host, EndpointChange::address)
			.containsExactly(tuple(ChangeKind.NEWLY_FIXED, "portal.example.test", "192.0.2.7"));
		assertThat(changes.changes().getFirst().before().status()).isEqualTo(Status.ERROR);
	}

	/** And the other way: every address of a name that no longer resolves is the one endpoint, now failing. */
	@Test
	void nameThatNoLongerResolvesIsTheSameEndpointNowFailing() {
		String inventory = "hosts:/srv/dns-outage-now.txt";
		AuditRun before = this.runs.newRun(inventory);
		endpoint(before, 1, "portal.example.test", "192.0.2.7", Status.OK, "0b", "bb");
		endpoint(before, 2, "portal.example.test", "2001:db8::7", Status.OK, "0b", "bb");
		AuditRun now = this.runs.newRun(inventory);
		target(now, 1, "portal.example.test", null).assessed(Status.ERROR).save();

		RunChanges changes = this.comparison.sincePrevious(now);

		assertThat(changes.changes()).extracting(EndpointChange::kind, EndpointChange::host, EndpointChange::address)
			.containsExactly(tuple(ChangeKind.NEWLY_FAILING, "portal.example.test", null));
	}

	/** Another port or protocol of the name is another endpoint, resolved or not. */
	@Test
	void nameWithoutAddressIsMatchedOnlyOnItsOwnPortAndProtocol() {
		String inventory = "hosts:/srv/dns-outage-ports.txt";
		AuditRun before = this.runs.newRun(inventory);
		this.runs.endpoint(before, 1, "portal.example.test", 8443).labels("owner=ops").assessed(Status.ERROR).save();
		AuditRun now = this.runs.newRun(inventory);
		endpoint(now, 1, "portal.example.test", "192.0.2.7", Status.OK, "0b", "bb");

		RunChanges changes = this.comparison.sincePrevious(now);

		assertThat(changes.changes()).extracting(EndpointChange::kind, EndpointChange::port)
			.containsExactly(tuple(ChangeKind.NEW_ENDPOINT, 443), tuple(ChangeKind.DISAPPEARED, 8443));
	}

	@Test
	void runsOfOtherInventoriesAndUnfinishedRunsAreNoBaseline() {
		String inventory = "hosts:/srv/renewal-audit.txt";
		AuditRun first = this.runs.newRun(inventory);
		endpoint(first, 1, "mail.example.test", "192.0.2.1", Status.OK, "0a", "aa");
		AuditRun unfinished = this.runs.newRun(inventory);
		endpoint(unfinished, 1, "mail.example.test", "192.0.2.1", Status.OK, "0a", "aa");
		target(unfinished, 2, "vpn.example.test", "192.0.2.2").save();
		AuditRun other = this.runs.newRun("hosts:/srv/other.txt");
		endpoint(other, 1, "mail.example.test", "192.0.2.1", Status.OK, "0a", "aa");
		AuditRun latest = this.runs.newRun(inventory);
		endpoint(latest, 1, "mail.example.test", "192.0.2.1", Status.OK, "0a", "aa");

		RunChanges changes = this.comparison.sincePrevious(latest);
		assertThat(changes.previousRunId()).isEqualTo(first.runId());
		// as the database keeps it, to the microsecond
		assertThat(changes.previousRunStartedAt()).isCloseTo(first.createdAt(), within(1, ChronoUnit.MILLIS));
		assertThat(changes.changes()).isEmpty();
		assertThat(this.comparison.sincePrevious(first)).isEqualTo(RunChanges.FIRST_RUN);
	}

	private static org.assertj.core.groups.Tuple tuple(Object... values) {
		return org.assertj.core.groups.Tuple.tuple(values);
	}

	private void endpoint(AuditRun run, long targetId, String host, String address, Status status, String serial,
			String sha256) {
		target(run, targetId, host, address).assessed(status).identifiedBy(serial, sha256).save();
	}

	private RecordedRuns.Endpoint target(AuditRun run, long targetId, String host, String address) {
		return this.runs.endpoint(run, targetId, host, 443).addressOverride(address).labels("owner=ops");
	}

}
