package dev.certaudit.history;

import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The settings each run judges its endpoints by ({@code run_judgement}), as text of one
 * {@code setting=value} per line, recorded once when the run is created.
 */
@Repository
public class JudgementStore {

	private final JdbcTemplate jdbc;

	public JudgementStore(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	public void record(long runId, String digest, String settings) {
		this.jdbc.update("INSERT INTO run_judgement (run_id, digest, settings) VALUES (?, ?, ?)", runId, digest, settings);
	}

	/** The run's settings; none for a run created before they were recorded. */
	public Optional<String> settings(long runId) {
		return this.jdbc.queryForList("SELECT settings FROM run_judgement WHERE run_id = ?", String.class, runId)
			.stream()
			.findFirst();
	}

	/** The run's settings with their digest, as its reports name them; none for a run that recorded none. */
	public Optional<RunJudgement> judgement(long runId) {
		return this.jdbc
			.query("SELECT digest, settings FROM run_judgement WHERE run_id = ?",
					(rs, row) -> RunJudgement.of(rs.getString("digest"), rs.getString("settings")), runId)
			.stream()
			.findFirst();
	}

}
