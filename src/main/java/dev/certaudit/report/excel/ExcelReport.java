package dev.certaudit.report.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.certaudit.analysis.Status;
import dev.certaudit.discovery.NameResolution;
import dev.certaudit.discovery.NameResolution.Outcome;
import dev.certaudit.history.ChangeKind;
import dev.certaudit.history.EndpointChange;
import dev.certaudit.history.EndpointChange.Side;
import dev.certaudit.history.RunChanges;
import dev.certaudit.inventory.RejectedLine;
import dev.certaudit.inventory.Target;
import dev.certaudit.report.FindingView;
import dev.certaudit.report.Installation;
import dev.certaudit.report.OwnerSummary;
import dev.certaudit.report.PresentedCertificate;
import dev.certaudit.report.ReportDocument;
import dev.certaudit.report.ReportFiles;
import dev.certaudit.report.ReportFormatting;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.RunSummary;
import dev.certaudit.report.excel.SheetWriter.Column;
import dev.certaudit.transparency.CtDiscrepancy;

/**
 * The whole audit as a workbook for the people who sort, filter and print it: the trend across runs, each owner's share, every
 * endpoint, every finding, every certificate presented, every place each certificate is installed, what
 * changed since the previous run, every name discovery tried, everything that could not be audited and
 * the settings the run judged by (a run created before they were recorded has no Settings sheet).
 * SXSSF keeps only a window of rows per sheet in memory and spills the rest to temporary files, which is
 * why every sheet is created up front and only appended to, and why a finding links to its endpoint
 * with a formula (see {@link RowWriter#link}).
 */
public final class ExcelReport implements ReportDocument {

	private static final Logger log = LoggerFactory.getLogger(ExcelReport.class);

	private static final int ROW_WINDOW = 100;

	/** The endpoint; then a column for each label key of the run, then {@link #CERTIFICATE_COLUMNS}. */
	private static final List<Column> ENDPOINT_COLUMNS = List.of(new Column("Host", 32), new Column("Port", 7),
			new Column("Protocol", 10), new Column("Address", 20));

	/** What the handshake agreed sits just before the rule ids, so a weak suite reads beside its finding. */
	private static final List<Column> CERTIFICATE_COLUMNS = List.of(new Column("Status", 15),
			new Column("Days left", 10), new Column("Not before (UTC)", 17), new Column("Not after (UTC)", 17),
			new Column("Subject", 40),
			new Column("Issuer", 40), new Column("SANs", 50), new Column("Serial", 24), new Column("SHA-256", 20),
			new Column("TLS protocol", 12), new Column("Cipher suite", 40), new Column("Key exchange", 18),
			new Column("Findings", 30), new Column("Error", 50), new Column("Attempts", 10));

	/** What a filter on one rule needs beside it: whose endpoint, how bad, and until when its certificate holds. */
	private static final List<Column> FINDING_COLUMNS = List.of(new Column("Host", 32), new Column("Port", 7),
			new Column("Protocol", 10), new Column("Address", 20), new Column("Owner", 18), new Column("Status", 15),
			new Column("Not after (UTC)", 17), new Column("Rule", 40), new Column("Severity", 10),
			new Column("Message", 60), new Column("Remediation", 60));

	/** Then a count for each status, in {@link Status} order. */
	private static final List<Column> OWNER_COLUMNS = List.of(new Column("Owner", 24), new Column("Endpoints", 10),
			new Column("Need action", 12), new Column("Soonest expiry (UTC)", 20), new Column("Days left", 10));

	private static final List<Column> CHAIN_COLUMNS = List.of(new Column("Host", 32), new Column("Port", 7),
			new Column("Address", 20), new Column("Position", 9), new Column("Role", 13), new Column("Subject", 40),
			new Column("Issuer", 40), new Column("Serial", 24), new Column("Not before (UTC)", 17),
			new Column("Not after (UTC)", 17), new Column("Key", 10), new Column("Signature algorithm", 20),
			new Column("SHA-256", 20));

	private static final List<Column> INSTALLATION_COLUMNS = List.of(new Column("SHA-256", 20),
			new Column("Subject", 40), new Column("Not after (UTC)", 17), new Column("Days left", 10),
			new Column("Places", 8), new Column("Host", 32), new Column("Port", 7), new Column("Protocol", 10),
			new Column("Address", 20), new Column("Owner", 18));

	private static final List<Column> TRANSPARENCY_COLUMNS = List.of(new Column("Difference", 30),
			new Column("Names", 50), new Column("Serial", 24), new Column("Issuer", 40),
			new Column("Not after (UTC)", 17), new Column("CT id", 12), new Column("Detail", 40));

	private static final List<Column> CHANGE_COLUMNS = List.of(new Column("Change", 15), new Column("Host", 32),
			new Column("Port", 7), new Column("Protocol", 10), new Column("Address", 20), new Column("Owner", 18),
			new Column("Status before", 14), new Column("Status now", 14), new Column("Serial before", 24),
			new Column("Serial now", 24), new Column("Not after before (UTC)", 20),
			new Column("Not after now (UTC)", 20));

	private static final List<Column> DISCOVERY_COLUMNS = List.of(new Column("Name", 36), new Column("Result", 12),
			new Column("Source", 12), new Column("Addresses", 40), new Column("CNAME chain", 50),
			new Column("Detail", 40));

	private static final List<Column> ERROR_COLUMNS = List.of(new Column("Kind", 14), new Column("Where", 40),
			new Column("Address", 20), new Column("Owner", 18), new Column("Reason", 60),
			new Column("Inventory line", 50));

	/** What each sheet holds, for the Summary's table of contents. */
	private static final Map<String, String> CONTENTS = Map.ofEntries(
			Map.entry("History", "the last runs of these inventories: endpoints by status, need action, expiring"),
			Map.entry("By owner", "each owner's endpoints, what needs action and the soonest expiry"),
			Map.entry("Certificates", "every endpoint, soonest expiry first"),
			Map.entry("Findings", "every rule an endpoint broke, with its endpoint"),
			Map.entry("Chains", "every certificate each endpoint presented, in the order sent"),
			Map.entry("Installed at", "every place each certificate is served, one certificate after another"),
			Map.entry("Changes", "what changed since the previous run"),
			Map.entry("Discovery", "every name looked up and what it resolved to"),
			Map.entry("Errors", "endpoints that could not be audited and inventory lines skipped"),
			Map.entry("Settings", "the settings the run judged its endpoints by: fetching, expiry, trust, revocation"),
			Map.entry("Certificate Transparency", "where the Certificate Transparency export and the run disagree"));

	/** A table longer than a sheet goes on in "Chains (2)" (see {@link SheetWriter}). */
	private static final Pattern OVERFLOW = Pattern.compile("(.+) \\(\\d+\\)");

	private SXSSFWorkbook workbook;

	private ExcelStyles styles;

	private DaysLeftColours daysLeftColours;

	private Path file;

	/** Heads every printed page, so a page that strays from the rest can still be placed. */
	private String pageHeader;

	/** Ends with a table of contents once every sheet exists. */
	private SheetWriter summarySheet;

	private SheetWriter owners;

	private SheetWriter certificates;

	/** A column of Certificates each, between the endpoint and its status. */
	private List<String> labelKeys;

	private SheetWriter findings;

	private SheetWriter chains;

	private SheetWriter installedAt;

	private SheetWriter changes;

	private SheetWriter discovery;

	private SheetWriter errors;

	/** Null unless the run is reconciled with a CT export: the sheet is the last one, and only then. */
	private SheetWriter transparency;

	@Override
	public void begin(RunSummary summary, Path file) {
		this.file = file;
		this.workbook = new SXSSFWorkbook(ROW_WINDOW);
		this.styles = new ExcelStyles(this.workbook.getXSSFWorkbook());
		this.daysLeftColours = new DaysLeftColours(summary.thresholds(), this.styles);
		describe(summary);
		writeSummary(summary);
		HistorySheet.write(this.workbook, this.styles, summary);
		List<Column> ownerColumns = new ArrayList<>(OWNER_COLUMNS);
		Stream.of(Status.values())
			.forEach((status) -> ownerColumns.add(new Column(status.name(), Math.max(9, status.name().length() + 2))));
		this.owners = SheetWriter.table(this.workbook, "By owner", ownerColumns, 1, this.styles.header);
		this.labelKeys = summary.labelKeys();
		List<Column> certificateColumns = new ArrayList<>(ENDPOINT_COLUMNS);
		this.labelKeys.forEach((key) -> certificateColumns.add(new Column(capitalised(key), labelWidth(key))));
		certificateColumns.addAll(CERTIFICATE_COLUMNS);
		this.certificates = SheetWriter.table(this.workbook, "Certificates", certificateColumns, 1, this.styles.header);
		this.findings = SheetWriter.table(this.workbook, "Findings", FINDING_COLUMNS, 1, this.styles.header);
		this.chains = SheetWriter.table(this.workbook, "Chains", CHAIN_COLUMNS, 1, this.styles.header);
		// the certificate's columns come first, too wide to keep in view beside the host
		this.installedAt = SheetWriter.table(this.workbook, "Installed at", INSTALLATION_COLUMNS, 0,
				this.styles.header);
		this.changes = SheetWriter.table(this.workbook, "Changes", CHANGE_COLUMNS, 2, this.styles.header);
		this.discovery = SheetWriter.table(this.workbook, "Discovery", DISCOVERY_COLUMNS, 1, this.styles.header);
		this.errors = SheetWriter.table(this.workbook, "Errors", ERROR_COLUMNS, 2, this.styles.header);
		summary.changes().changes().forEach(this::writeChange);
		for (RejectedLine line : summary.rejectedLines()) {
			this.errors.append()
				.text("inventory line")
				.text(line.origin())
				.text(null)
				.text(null)
				.text(line.reason())
				.text(line.line());
		}
		if (summary.judgement() != null) {
			SettingsSheet.write(this.workbook, this.styles, summary.judgement());
		}
	}

	/** File managers, mail clients and search show these instead of "Apache POI". */
	private void describe(RunSummary summary) {
		String organisation = summary.organisation();
		String date = ReportFormatting.date(summary.startedAt());
		POIXMLProperties properties = this.workbook.getXSSFWorkbook().getProperties();
		properties.getCoreProperties()
			.setTitle(organisation.isBlank() ? "cert-audit report " + date
					: "cert-audit report " + organisation + " " + date);
		properties.getCoreProperties().setCreator(organisation.isBlank() ? "cert-audit" : organisation);
		properties.getExtendedProperties().setApplication("cert-audit");
		// "&" starts a code in a page header (&A is the sheet's name), so a literal one is doubled
		this.pageHeader = (organisation.isBlank() ? "" : organisation.replace("&", "&&") + " · ") + "cert-audit run "
				+ summary.runId() + " · &A";
	}

	private void writeSummary(RunSummary summary) {
		// values narrow, so each number sits by its label; longer text (an inventory's path, what a sheet
		// holds) runs on into the empty columns beside it
		SheetWriter sheet = SheetWriter.plain(this.workbook, "Summary", 34, 24);
		this.summarySheet = sheet;
		if (!summary.organisation().isBlank()) {
			sheet.append().text("Organisation", this.styles.header).text(summary.organisation());
		}
		sheet.append().text("Run id", this.styles.header).number(summary.runId());
		sheet.append().text("Started at (UTC)", this.styles.header).dateTime(summary.startedAt(), this.styles.dateTime);
		sheet.append().text("Generated at (UTC)", this.styles.header).dateTime(summary.generatedAt(), this.styles.dateTime);
		for (int i = 0; i < summary.inventories().size(); i++) {
			sheet.append().text((i == 0) ? "Inventories" : null, this.styles.header).text(summary.inventories().get(i));
		}
		sheet.append()
			.text("Judged with settings", this.styles.header)
			.text((summary.judgement() != null) ? summary.judgement().quotedDigest()
					: "not recorded (the run was created before cert-audit recorded them)");
		sheet.append().text("Total endpoints", this.styles.header).number(summary.total());
		for (Status status : Status.values()) {
			sheet.append().text(status.name(), this.styles.status(status)).number(summary.count(status));
		}
		sheet.append().text("Need action", this.styles.header).number(summary.actionCount());
		sheet.append()
			.text("Certificates expiring in " + RunSummary.OUTLOOK_WEEKS + " weeks", this.styles.header)
			.number(summary.expiringInOutlook());
		RunChanges runChanges = summary.changes();
		if (runChanges.previousRunId() == null) {
			sheet.append().text("Changes", this.styles.header).text("first complete run of these inventories");
		}
		else {
			sheet.append()
				.text("Compared with", this.styles.header)
				.text("run " + runChanges.previousRunId() + " of "
						+ ReportFormatting.date(runChanges.previousRunStartedAt()));
			for (Map.Entry<ChangeKind, Long> count : runChanges.counts().entrySet()) {
				sheet.append().text(capitalised(count.getKey().label()), this.styles.header).number(count.getValue());
			}
		}
		sheet.append().text("Rejected inventory lines", this.styles.header).number(summary.rejectedLines().size());
		sheet.append().text("Names looked up in DNS", this.styles.header).number(summary.namesTried());
		for (Outcome outcome : Outcome.values()) {
			sheet.append()
				.text("Names " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' '), this.styles.header)
				.number(summary.names(outcome));
		}
	}

	/** Every other sheet in workbook order, each a link to it, with what it holds. */
	private void writeContents() {
		this.summarySheet.append();
		this.summarySheet.append().text("Sheets", this.styles.header);
		for (Sheet sheet : this.workbook) {
			String name = sheet.getSheetName();
			if (!name.equals("Summary")) {
				Matcher overflow = OVERFLOW.matcher(name);
				String contents = overflow.matches() ? overflow.group(1) + " continued (a sheet holds 1,048,576 rows)"
						: CONTENTS.get(name);
				this.summarySheet.append().sheetLink(name, this.styles.link).text(contents);
			}
		}
	}

	private static int labelWidth(String key) {
		return switch (key) {
			case "owner" -> 18;
			case "contact" -> 26;
			default -> 14;
		};
	}

	private static String capitalised(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private void writeChange(EndpointChange change) {
		Side before = change.before();
		Side now = change.now();
		this.changes.append()
			.text(change.kind().label())
			.text(change.host())
			.number(change.port())
			.text(change.protocol())
			.text(change.address())
			.text(change.owner())
			.text((before != null) ? before.status().name() : null,
					(before != null) ? this.styles.status(before.status()) : null)
			.text((now != null) ? now.status().name() : null, (now != null) ? this.styles.status(now.status()) : null)
			.text((before != null) ? before.serialNumber() : null)
			.text((now != null) ? now.serialNumber() : null)
			.dateTime((before != null) ? before.notAfter() : null, this.styles.dateTime)
			.dateTime((now != null) ? now.notAfter() : null, this.styles.dateTime);
	}

	@Override
	public void addOwners(List<OwnerSummary> owners) {
		for (OwnerSummary owner : owners) {
			RowWriter row = this.owners.append()
				.text((owner.owner() != null) ? owner.owner() : "(no owner)")
				.number(owner.endpoints())
				.number(owner.needAction())
				.dateTime(owner.soonestNotAfter(), this.styles.dateTime)
				.number(owner.soonestDaysLeft());
			for (Status status : Status.values()) {
				row.number(owner.countsByStatus().get(status));
			}
		}
	}

	@Override
	public void addDiscovery(List<NameResolution> names) {
		for (NameResolution name : names) {
			this.discovery.append()
				.text(name.name())
				.text(name.outcome().name())
				.text(name.source().name())
				.text(String.join(", ", name.addresses()))
				.text(String.join(" -> ", name.cnameChain()))
				.text(name.detail());
		}
	}

	/** One row per place, so a filter on the SHA-256 shows everything one renewal must reach. */
	@Override
	public void addInstallations(List<Installation> installations) {
		for (Installation installation : installations) {
			this.installedAt.append()
				.text(installation.sha256())
				.text(installation.subject())
				.dateTime(installation.notAfter(), this.styles.dateTime)
				.number(installation.daysLeft())
				.number(installation.places())
				.text(installation.host())
				.number(installation.port())
				.text(installation.protocol())
				.text(installation.address())
				.text(installation.owner());
		}
	}

	@Override
	public void addTransparency(List<CtDiscrepancy> differences) {
		if (this.transparency == null) {
			this.transparency = SheetWriter.table(this.workbook, "Certificate Transparency", TRANSPARENCY_COLUMNS, 2,
					this.styles.header);
		}
		for (CtDiscrepancy difference : differences) {
			this.transparency.append()
				.text(difference.kind().label())
				.text(difference.names())
				.text(difference.serialNumber())
				.text(difference.issuer())
				.dateTime(difference.notAfter(), this.styles.dateTime)
				.number(difference.ctId())
				.text(difference.detail());
		}
	}

	@Override
	public void add(List<ReportRow> rows) {
		for (ReportRow row : rows) {
			RowWriter endpoint = this.certificates.append()
				.text(row.host())
				.number(row.port())
				.text(row.protocol())
				.text(row.address());
			Map<String, String> labels = Target.labels(row.labels());
			for (String key : this.labelKeys) {
				endpoint.text(switch (key) {
					case "owner" -> row.owner();
					case "contact" -> row.contact();
					default -> labels.get(key);
				});
			}
			endpoint.text(row.status().name(), this.styles.status(row.status()))
				.number(row.daysLeft())
				.dateTime(row.notBefore(), this.styles.dateTime)
				.dateTime(row.notAfter(), this.styles.dateTime)
				.text(row.subject())
				.text(row.issuer())
				.text(ReportFormatting.subjectAltNames(row))
				.text(row.serialNumber())
				.text(row.sha256())
				.text(row.tlsProtocol())
				.text(row.cipherSuite())
				.text(row.keyExchange())
				.text(ReportFormatting.ruleIds(row))
				.text(row.error())
				.number(row.attempts());
			String endpointRow = this.certificates.lastRowAddress();
			for (FindingView finding : row.findings()) {
				this.findings.append()
					.link(row.host(), endpointRow, this.styles.link)
					.number(row.port())
					.text(row.protocol())
					.text(row.address())
					.text(row.owner())
					.text(row.status().name(), this.styles.status(row.status()))
					.dateTime(row.notAfter(), this.styles.dateTime)
					.text(finding.ruleId())
					.text(finding.severity().name())
					.text(finding.message())
					.text(finding.remediation());
			}
			for (PresentedCertificate certificate : row.chain()) {
				this.chains.append()
					.text(row.host())
					.number(row.port())
					.text(row.address())
					.number(certificate.position())
					.text(role(certificate))
					.text(certificate.subject())
					.text(certificate.issuer())
					.text(certificate.serialNumber())
					.dateTime(certificate.notBefore(), this.styles.dateTime)
					.dateTime(certificate.notAfter(), this.styles.dateTime)
					.text(certificate.key())
					.text(certificate.signatureAlgorithm())
					.text(certificate.sha256());
			}
			if (row.status() == Status.ERROR) {
				this.errors.append()
					.text("endpoint")
					.text(ReportFormatting.hostAndPort(row) + " " + row.protocol())
					.text(row.address())
					.text(row.owner())
					.text(ReportFormatting.findingsOrError(row));
			}
		}
	}

	private static String role(PresentedCertificate certificate) {
		if (certificate.position() == 0) {
			return "leaf";
		}
		return certificate.selfSigned() ? "root" : "intermediate";
	}

	@Override
	public void finish() throws IOException {
		writeContents();
		for (SheetWriter table : tables()) {
			table.filterAllRows();
			table.printAllRows(lastPrintedColumn(table));
		}
		for (SheetWriter table : List.of(this.owners, this.certificates, this.installedAt)) {
			int daysLeft = table.column("Days left");
			table.forEachSheet((sheet, lastRow) -> this.daysLeftColours.apply(sheet, daysLeft, lastRow));
		}
		for (Sheet sheet : this.workbook) {
			sheet.getHeader().setCenter(this.pageHeader);
			sheet.getFooter().setRight("page &P of &N");
		}
		Path temporary = ReportFiles.temporaryBeside(this.file);
		try {
			try (OutputStream out = Files.newOutputStream(temporary)) {
				this.workbook.write(out);
			}
			ReportFiles.publish(temporary, this.file);
		}
		finally {
			ReportFiles.discard(temporary);
			close();
		}
	}

	/**
	 * Certificates prints as the renewal plan: the endpoint, whose it is, its status and validity. All its
	 * 20-odd columns on one page's width would print too small to read, and each finding's text prints on
	 * Findings. The other tables print whole.
	 */
	private int lastPrintedColumn(SheetWriter table) {
		return (table == this.certificates) ? table.column("Not after (UTC)") : table.columns() - 1;
	}

	private List<SheetWriter> tables() {
		return Stream.of(this.owners, this.certificates, this.findings, this.chains, this.installedAt, this.changes,
				this.discovery, this.errors, this.transparency)
			.filter(Objects::nonNull)
			.toList();
	}

	@Override
	public void close() {
		if (this.workbook == null) {
			return;
		}
		// In POI 5.5 close() also deletes the temporary sheet files (dispose() is deprecated), but it shuts
		// them before flushing the rows still in memory and logs that as a failure; flushing first spares
		// an abandoned run that false alarm.
		try {
			try {
				for (Sheet sheet : this.workbook) {
					((SXSSFSheet) sheet).flushRows();
				}
			}
			finally {
				this.workbook.close();
			}
		}
		catch (IOException ex) {
			log.warn("Could not release the workbook's temporary files", ex);
		}
		this.workbook = null;
	}

}
