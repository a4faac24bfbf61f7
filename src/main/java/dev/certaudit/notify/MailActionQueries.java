package dev.certaudit.notify;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.certaudit.analysis.Status;
import dev.certaudit.report.ReportFormatting;
import dev.certaudit.report.ReportQueries;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.RunSummary;

/**
 * Reads the endpoints a run's mails list, in one pass over those that need action: the full mail's
 * list and, when each contact is mailed, every contact's own. Only the listed rows are kept, and only
 * they get their findings read, so memory follows the lists, not the estate.
 */
@Repository
public class MailActionQueries {

	/** Most urgent first, then soonest expiry: the order of the reports' action list. */
	private static final String NEEDING_ACTION = ReportQueries.ROW_SELECT + " " + ReportQueries.ROW_FROM
			+ " WHERE t.run_id = ? AND a.status <> ? ORDER BY a.status_rank, a.days_left NULLS LAST, t.target_id";

	private static final int FETCH_SIZE = 500;

	/** Rows whose findings are read in one query. */
	private static final int DETAILS_BATCH = 1000;

	private final JdbcTemplate jdbc;

	private final ReportQueries reportQueries;

	public MailActionQueries(DataSource dataSource, ReportQueries reportQueries) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.reportQueries = reportQueries;
	}

	/**
	 * @param listed the most rows the full mail lists
	 * @param listedPerContact the most rows a contact's mail lists; 0 when contacts are not mailed
	 */
	public MailActions read(RunSummary summary, int listed, int listedPerContact) {
		ActionList.Builder all = new ActionList.Builder(listed, summary.changes());
		Map<String, ContactList> byContact = new LinkedHashMap<>();
		Map<String, UnusableContact> unusable = new LinkedHashMap<>();
		this.jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(NEEDING_ACTION);
			statement.setLong(1, summary.runId());
			statement.setString(2, Status.OK.name());
			statement.setFetchSize(FETCH_SIZE);
			return statement;
		}, (ResultSet rs) -> {
			ReportRow row = ReportQueries.ROW_MAPPER.mapRow(rs, 0);
			all.add(row);
			if (listedPerContact > 0 && row.contact() != null && !row.contact().isBlank()) {
				addToContacts(row, summary, listedPerContact, byContact, unusable);
			}
		});
		List<ActionList.Builder> contactBuilders = byContact.values().stream().map(ContactList::actions).toList();
		Function<ActionList, ActionList> withFindings = findings(summary.runId(), all, contactBuilders);
		return new MailActions(withFindings.apply(all.build()),
				byContact.values()
					.stream()
					.map((contact) -> new ContactActions(contact.address(), withFindings.apply(contact.actions().build())))
					.toList(),
				List.copyOf(unusable.values()));
	}

	private static void addToContacts(ReportRow row, RunSummary summary, int listedPerContact,
			Map<String, ContactList> byContact, Map<String, UnusableContact> unusable) {
		try {
			for (InternetAddress address : ContactAddresses.parse(row.contact())) {
				byContact.computeIfAbsent(address.getAddress().toLowerCase(Locale.ROOT),
						(key) -> new ContactList(address, new ActionList.Builder(listedPerContact, summary.changes())))
					.actions()
					.add(row);
			}
		}
		catch (AddressException ex) {
			unusable.merge(row.contact(),
					new UnusableContact(row.contact(), ReportFormatting.hostAndPort(row), ex.getMessage(), 1),
					(known, another) -> known.withOneMore());
		}
	}

	/** Reads the findings and chains of every listed row, a batch at a time, and hands lists back with them. */
	private Function<ActionList, ActionList> findings(long runId, ActionList.Builder all,
			List<ActionList.Builder> contacts) {
		Map<Long, ReportRow> listed = new HashMap<>();
		all.build().listed().forEach((row) -> listed.put(row.targetId(), row));
		contacts.forEach((contact) -> contact.build().listed().forEach((row) -> listed.put(row.targetId(), row)));
		Map<Long, ReportRow> detailed = new HashMap<>();
		List<ReportRow> rows = new ArrayList<>(listed.values());
		for (int from = 0; from < rows.size(); from += DETAILS_BATCH) {
			this.reportQueries.withDetails(runId, rows.subList(from, Math.min(rows.size(), from + DETAILS_BATCH)))
				.forEach((row) -> detailed.put(row.targetId(), row));
		}
		return (list) -> list.map((row) -> detailed.get(row.targetId()));
	}

	private record ContactList(InternetAddress address, ActionList.Builder actions) {
	}

	/** What a run's mails list: the full mail's endpoints, each contact's, and the contacts that are no address. */
	public record MailActions(ActionList all, List<ContactActions> byContact, List<UnusableContact> unusable) {

		public MailActions {
			byContact = List.copyOf(byContact);
			unusable = List.copyOf(unusable);
		}

	}

	/** The endpoints one contact address is named for that need action. */
	public record ContactActions(InternetAddress contact, ActionList actions) {
	}

	/**
	 * A {@code contact=} label that is not a mail address, with the first endpoint that names it.
	 * @param endpoints how many endpoints needing action name it
	 */
	public record UnusableContact(String label, String endpoint, String reason, long endpoints) {

		UnusableContact withOneMore() {
			return new UnusableContact(this.label, this.endpoint, this.reason, this.endpoints + 1);
		}

	}

}
