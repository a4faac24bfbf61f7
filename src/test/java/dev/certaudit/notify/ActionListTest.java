package dev.certaudit.notify;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Status;
import dev.certaudit.history.ChangeKind;
import dev.certaudit.history.EndpointChange;
import dev.certaudit.history.EndpointChange.Side;
import dev.certaudit.history.RunChanges;
import dev.certaudit.report.ReportRow;

import static org.assertj.core.api.Assertions.assertThat;

class ActionListTest {

	@Test
	void newlyFailingEndpointsComeFirstWhateverTheirUrgencyAndTheRestFillTheLimit() {
		RunChanges changes = new RunChanges(41L, Instant.parse("2026-05-21T02:00:00Z"), List.of(newlyFailing("late.example.org", "192.0.2.9"),
				new EndpointChange(ChangeKind.RENEWED, "b.example.org", 443, "TLS", "192.0.2.2", null, side(), side())));
		ActionList.Builder builder = new ActionList.Builder(3, changes);
		for (String host : List.of("a.example.org", "b.example.org", "c.example.org", "d.example.org")) {
			builder.add(row(host, "192.0.2.1"));
		}
		builder.add(row("late.example.org", "192.0.2.9"));

		ActionList list = builder.build();

		assertThat(list.newlyFailing()).extracting(ReportRow::host).containsExactly("late.example.org");
		assertThat(list.others()).extracting(ReportRow::host).containsExactly("a.example.org", "b.example.org");
		assertThat(list.total()).isEqualTo(5);
		assertThat(list.unlisted()).isEqualTo(2);
	}

	@Test
	void anEndpointIsNewlyFailingOnlyAtTheAddressThatBroke() {
		ActionList.Builder builder = new ActionList.Builder(10,
				new RunChanges(41L, Instant.parse("2026-05-21T02:00:00Z"), List.of(newlyFailing("app.example.org", "192.0.2.9"))));
		builder.add(row("app.example.org", "192.0.2.8"));
		builder.add(row("app.example.org", "192.0.2.9"));

		ActionList list = builder.build();

		assertThat(list.newlyFailing()).extracting(ReportRow::address).containsExactly("192.0.2.9");
		assertThat(list.others()).extracting(ReportRow::address).containsExactly("192.0.2.8");
	}

	private static EndpointChange newlyFailing(String host, String address) {
		return new EndpointChange(ChangeKind.NEWLY_FAILING, host, 443, "TLS", address, null, side(), side());
	}

	private static Side side() {
		return new Side(Status.OK, "1", "aa".repeat(32), Instant.parse("2027-01-01T00:00:00Z"));
	}

	private static ReportRow row(String host, String address) {
		return new ReportRow(1, host, 443, "TLS", address, null, null, "", Status.CRITICAL, 3, null, null, null, null,
				List.of(), null, null, List.of(), List.of(), null, 1, null, null, null);
	}

}
