package dev.certaudit.report;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.certaudit.analysis.Thresholds;
import dev.certaudit.history.AuditRun;
import dev.certaudit.history.RecordedRuns;

import static org.assertj.core.api.Assertions.assertThat;

/** What a run's reports were written with, as {@code report} reads it back. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:report-settings;DB_CLOSE_DELAY=-1")
@Import(RecordedRuns.class)
class ReportSettingsStoreTest {

	private static final ReportSettings TODAY = new ReportSettings("Today's Org", Thresholds.DEFAULTS,
			List.of(ReportFormat.values()), null, 30);

	@Autowired
	RecordedRuns runs;

	@Autowired
	ReportSettingsStore store;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void recordedSettingsComeBackWhateverTodaysAre() {
		AuditRun run = this.runs.newRun("hosts:/srv/recorded.txt");
		ReportSettings recorded = new ReportSettings("Example Org", new Thresholds(10, 60),
				List.of(ReportFormat.PDF, ReportFormat.JSON), "/srv/ct/crt.sh.json", 45);

		this.store.record(run.runId(), new ReportSettings("", Thresholds.DEFAULTS, List.of(ReportFormat.CSV), null, 30));
		this.store.record(run.runId(), recorded);

		assertThat(this.store.recorded(run.runId(), TODAY)).isEqualTo(recorded);
	}

	@Test
	void runAuditedBeforeSettingsWereRecordedTakesTodaysWithTheCtEntriesItStored() {
		AuditRun reconciled = this.runs.newRun("hosts:/srv/before-reconciled.txt");
		this.jdbc.update("INSERT INTO ct_entry (run_id, entry_id, serial_number, names, not_after)"
				+ " VALUES (?, 1, 'c0ffee', 'spare.example.test', ?)", reconciled.runId(),
				OffsetDateTime.parse("2099-01-01T00:00:00Z"));
		AuditRun plain = this.runs.newRun("hosts:/srv/before.txt");

		ReportSettings withCt = this.store.recorded(reconciled.runId(), TODAY);
		ReportSettings withoutCt = this.store.recorded(plain.runId(), TODAY);

		assertThat(withCt.organisation()).isEqualTo("Today's Org");
		assertThat(withCt.formats()).isEqualTo(TODAY.formats());
		assertThat(withCt.reconciledWithCt()).isTrue();
		assertThat(withoutCt).isEqualTo(TODAY);
	}

}
