package dev.certaudit.report.pdf;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.Collectors;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

import dev.certaudit.analysis.Status;
import dev.certaudit.discovery.NameResolution.Outcome;
import dev.certaudit.history.ChangeKind;
import dev.certaudit.history.EndpointChange;
import dev.certaudit.history.EndpointChange.Side;
import dev.certaudit.history.RunChanges;
import dev.certaudit.inventory.RejectedLine;
import dev.certaudit.report.Headline;
import dev.certaudit.report.Installation;
import dev.certaudit.report.OwnerSummary;
import dev.certaudit.report.PendingFile;
import dev.certaudit.report.ReportDocument;
import dev.certaudit.report.ReportFormatting;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.RunSummary;
import dev.certaudit.report.StatusColours;
import dev.certaudit.report.TrendPoint;
import dev.certaudit.transparency.CtDiscrepancy;

/**
 * The audit for leadership, to read in two minutes: the run in one sentence, headline numbers and the
 * renewal outlook, each owner's share, the trend across runs, the endpoints someone must act on with
 * their owners and what is wrong in plain words, what changed since the previous run, where each
 * certificate served at several places is installed, then every endpoint. Rule ids, exact times, URLs and
 * folders are the workbook's, and discovery shows only as counts in the headline. Everything before the
 * full table comes from the {@link RunSummary}; the full table is filled as rows stream in, and the
 * document is written to disk as pages fill.
 */
public final class PdfReport implements ReportDocument {

	private static final Font TITLE_FONT = new Font(Font.HELVETICA, 18, Font.BOLD);

	private static final Font HEADING_FONT = new Font(Font.HELVETICA, 13, Font.BOLD);

	private static final Font HEADLINE_FONT = new Font(Font.HELVETICA, 12, Font.BOLD);

	private static final Font BODY_FONT = new Font(Font.HELVETICA, 9);

	private static final Font BOLD_FONT = new Font(Font.HELVETICA, 9, Font.BOLD);

	private static final Font TILE_NUMBER_FONT = new Font(Font.HELVETICA, 20, Font.BOLD);

	private static final Font SMALL_FONT = new Font(Font.HELVETICA, 8);

	/**
	 * Points a heading keeps below it on its page: its own line, an introduction, a table's header and a
	 * row or two.
	 */
	private static final float KEEP_WITH_HEADING = 110;

	/**
	 * Owners listed, most needing action first, as many as fit a page with their heading; a count says how
	 * many more there are.
	 */
	private static final int OWNER_LIMIT = 25;

	private static final float[] OWNER_WIDTHS = { 4f, 1.2f, 1.2f, 1.6f, 1.2f };

	private static final List<String> OWNER_HEADERS = List.of("Owner", "Endpoints", "Need action", "Soonest expiry",
			"Days left");

	/** Leadership reads the biggest changes; the workbook's Changes sheet has them all. */
	private static final int CHANGE_LIMIT = 50;

	private static final float[] ACTION_WIDTHS = { 2f, 3.4f, 1.8f, 1.1f, 1.3f, 2.4f, 5f };

	private static final List<String> ACTION_HEADERS = List.of("Status", "Host:Port", "Address", "Days left",
			"Not after", "Owner", "What is wrong");

	/**
	 * In points, of the 770 between the margins, measured in 9-point Helvetica: the table was full, so
	 * the TLS column holds the protocol alone (TLSv1.3), and every other column gave up a little of what
	 * its longest usual text left over: NOT_YET_VALID, a host and port of 34 characters, 192.168.100.100,
	 * a date and a contact's e-mail address still fit on one line, and a plain reason takes two. The suite
	 * and the key exchange are the workbook's; a weak one is a finding here.
	 */
	private static final float[] ENDPOINT_WIDTHS = { 84, 150, 78, 44, 56, 98, 42, 218 };

	private static final List<String> ENDPOINT_HEADERS = List.of("Status", "Host:Port", "Address", "Days left",
			"Not after", "Owner", "TLS", "What is wrong");

	private static final float[] CHANGE_WIDTHS = { 1.8f, 3.4f, 1.8f, 2.4f, 3.6f, 3.6f };

	private static final List<String> CHANGE_HEADERS = List.of("Change", "Host:Port", "Address", "Owner", "Before",
			"Now");

	/** Certificates served at several places shown; the workbook's Installed at sheet has every one. */
	private static final int INSTALLATION_LIMIT = 50;

	/** Places listed per certificate; the Places column gives the full count. */
	private static final int PLACES_SHOWN = 10;

	private static final float[] INSTALLATION_WIDTHS = { 3.4f, 1.3f, 1.1f, 0.9f, 5f, 2.4f };

	private static final List<String> INSTALLATION_HEADERS = List.of("Certificate", "Not after", "Days left",
			"Places", "Where", "Owners");

	/** Differences with the CT export shown; the workbook's Certificate Transparency sheet has them all. */
	private static final int TRANSPARENCY_LIMIT = 60;

	private static final float[] TRANSPARENCY_WIDTHS = { 2.4f, 4.6f, 2.2f, 1.3f, 3f };

	private static final List<String> TRANSPARENCY_HEADERS = List.of("Difference", "Names", "Serial", "Not after",
			"Detail");

	private Document document;

	private PdfWriter writer;

	private PendingFile pending;

	private RunSummary summary;

	/** Null until the first row arrives. */
	private StreamingTable allEndpoints;

	/** The certificate whose places are arriving; null between certificates. */
	private SharedCertificate sharedCertificate;

	/** Null until the first certificate served at several places is complete. */
	private StreamingTable installations;

	private int sharedCertificates;

	private boolean installationsWritten;

	/** Null unless the run is reconciled with a CT export, until its first difference. */
	private StreamingTable transparency;

	private Map<CtDiscrepancy.Kind, Long> transparencyCounts;

	@Override
	public void begin(RunSummary summary, Path file) throws IOException {
		this.summary = summary;
		this.pending = PendingFile.beside(file);
		this.document = new Document(PageSize.A4.rotate(), 36, 36, 36, 48);
		this.writer = PdfWriter.getInstance(this.document, this.pending.out());
		this.writer.setPageEvent(new PageFooter(summary.organisation(), summary.runId(),
				ReportFormatting.dateTime(summary.generatedAt())));
		// what a file manager, a search index and a PDF viewer's title bar show before anyone opens it
		this.document.addTitle(title(summary) + ", run " + summary.runId());
		if (!summary.organisation().isBlank()) {
			this.document.addAuthor(summary.organisation());
		}
		this.document.addSubject(Headline.of(summary));
		this.document.addCreator("cert-audit");
		this.document.open();

		text(title(summary), TITLE_FONT, 0);
		text("Run " + summary.runId() + " · started " + ReportFormatting.dateTime(summary.startedAt())
				+ " · inventories: " + summary.inventories().stream().map(ReportFormatting::withoutFolders)
					.collect(Collectors.joining(", ")), BODY_FONT, 4);
		text(Headline.of(summary), HEADLINE_FONT, 8);
		this.document.add(tiles(summary));
		this.document.add(countsAndOutlook(summary));
		if (summary.namesTried() > 0) {
			text("Discovery: " + summary.namesTried() + " names looked up in DNS, " + summary.names(Outcome.FOUND)
					+ " found, " + summary.names(Outcome.NOT_FOUND) + " not found, " + summary.names(Outcome.FAILED)
					+ " failed (the workbook's Discovery sheet lists them).", BODY_FONT, 8);
		}
		writeOwners(summary.owners());
		writeTrend(summary);
		writeActions(summary);
		writeChanges(summary.changes());
	}

	private static String title(RunSummary summary) {
		return summary.organisation().isBlank() ? "TLS certificate audit"
				: "TLS certificate audit: " + summary.organisation();
	}

	/** The numbers a reader takes away, each in its status colour. */
	private static PdfPTable tiles(RunSummary summary) {
		PdfPTable table = new PdfPTable(7);
		table.setWidthPercentage(100);
		table.setSpacingBefore(10);
		tile(table, summary.total(), "endpoints audited", null);
		tile(table, summary.actionCount(), "need action", summary.actionCount() > 0 ? Status.CRITICAL : Status.OK);
		tile(table, summary.count(Status.EXPIRED), "expired", Status.EXPIRED);
		tile(table, summary.count(Status.CRITICAL) + summary.count(Status.NOT_YET_VALID), "critical",
				Status.CRITICAL);
		tile(table, summary.count(Status.WARNING), "warning", Status.WARNING);
		tile(table, summary.count(Status.ERROR), "error", Status.ERROR);
		tile(table, summary.expiringInOutlook(), "certificates expire in " + RunSummary.OUTLOOK_WEEKS + " weeks",
				null);
		return table;
	}

	private static void tile(PdfPTable table, long number, String label, Status colour) {
		PdfPCell cell = new PdfPCell();
		cell.setPadding(6);
		cell.setBorderColor(Color.LIGHT_GRAY);
		if (colour != null && number > 0) {
			cell.setBackgroundColor(new Color(StatusColours.rgb(colour)));
		}
		PdfPCell numberCell = StreamingTable.cell(Long.toString(number), TILE_NUMBER_FONT);
		numberCell.setBorder(Rectangle.NO_BORDER);
		numberCell.setHorizontalAlignment(Element.ALIGN_CENTER);
		PdfPCell labelCell = StreamingTable.cell(label, SMALL_FONT);
		labelCell.setBorder(Rectangle.NO_BORDER);
		labelCell.setHorizontalAlignment(Element.ALIGN_CENTER);
		PdfPTable inner = new PdfPTable(1);
		inner.setWidthPercentage(100);
		inner.addCell(numberCell);
		inner.addCell(labelCell);
		cell.addElement(inner);
		table.addCell(cell);
	}

	private static PdfPTable countsAndOutlook(RunSummary summary) throws IOException {
		PdfPTable layout = new PdfPTable(new float[] { 1, 2.6f });
		layout.setWidthPercentage(100);
		layout.setSpacingBefore(10);
		PdfPCell counts = new PdfPCell(statusCounts(summary));
		counts.setBorder(Rectangle.NO_BORDER);
		counts.setPaddingRight(16);
		layout.addCell(counts);
		PdfPCell outlook = new PdfPCell();
		outlook.setBorder(Rectangle.NO_BORDER);
		Paragraph caption = new Paragraph("Certificates expiring per week, next " + RunSummary.OUTLOOK_WEEKS
				+ " weeks (" + summary.expiringInOutlook() + " in all)", BOLD_FONT);
		caption.setSpacingAfter(6);
		outlook.addElement(caption);
		outlook.addElement(ExpiryChart.of(summary.expiringByWeek(), summary.thresholds().criticalDays(),
				summary.thresholds().warningDays()));
		layout.addCell(outlook);
		return layout;
	}

	private static PdfPTable statusCounts(RunSummary summary) {
		PdfPTable table = new PdfPTable(new float[] { 2, 1 });
		table.setWidthPercentage(100);
		table.addCell(StreamingTable.cell("Status", BOLD_FONT));
		table.addCell(StreamingTable.cell("Endpoints", BOLD_FONT));
		for (Status status : Status.values()) {
			table.addCell(statusCell(status));
			table.addCell(count(summary.count(status), BODY_FONT));
		}
		table.addCell(StreamingTable.cell("Total", BOLD_FONT));
		table.addCell(count(summary.total(), BOLD_FONT));
		PdfPCell note = StreamingTable.cell("CRITICAL within " + summary.thresholds().criticalDays()
				+ " days of expiry, WARNING within " + summary.thresholds().warningDays() + " days.", SMALL_FONT);
		note.setColspan(2);
		note.setBorder(Rectangle.NO_BORDER);
		table.addCell(note);
		if (summary.judgement() != null) {
			// the thresholds are one of the settings the verdicts followed: the digest names them all, so two
			// runs judged alike say so; a run created before they were recorded names none
			PdfPCell judged = StreamingTable.cell("Judged with settings " + summary.judgement().quotedDigest()
					+ " (listed in the workbook's Settings sheet).", SMALL_FONT);
			judged.setColspan(2);
			judged.setBorder(Rectangle.NO_BORDER);
			table.addCell(judged);
		}
		return table;
	}

	/**
	 * What leadership asks each team about: its endpoints, how many need action, and its next renewal. The
	 * table is short, so it moves to the next page whole, its heading with it, rather than leave a row
	 * behind; its heading is its first header row for that.
	 */
	private void writeOwners(List<OwnerSummary> owners) {
		if (owners.isEmpty()) {
			return;
		}
		PdfPTable table = new PdfPTable(OWNER_WIDTHS);
		table.setWidthPercentage(100);
		table.setSpacingBefore(14);
		PdfPCell title = StreamingTable.cell("By owner", HEADING_FONT);
		title.setColspan(OWNER_WIDTHS.length);
		title.setBorder(Rectangle.NO_BORDER);
		title.setPaddingLeft(0);
		title.setPaddingBottom(5);
		table.addCell(title);
		OWNER_HEADERS.forEach((header) -> table.addCell(StreamingTable.headerCell(header)));
		table.setHeaderRows(2);
		table.setKeepTogether(true);
		for (OwnerSummary owner : owners.subList(0, Math.min(OWNER_LIMIT, owners.size()))) {
			PdfPCell days = StreamingTable.cell((owner.soonestDaysLeft() != null) ? owner.soonestDaysLeft().toString() : "",
					BODY_FONT);
			days.setHorizontalAlignment(Element.ALIGN_RIGHT);
			table.addCell(StreamingTable.cell((owner.owner() != null) ? owner.owner() : "no owner", BODY_FONT));
			table.addCell(count(owner.endpoints(), BODY_FONT));
			table.addCell(count(owner.needAction(), BODY_FONT));
			table.addCell(StreamingTable.cell(ReportFormatting.date(owner.soonestNotAfter()), BODY_FONT));
			table.addCell(days);
		}
		this.document.add(table);
		if (owners.size() > OWNER_LIMIT) {
			List<OwnerSummary> rest = owners.subList(OWNER_LIMIT, owners.size());
			text("… and " + rest.size() + " more owners, with " + rest.stream().mapToLong(OwnerSummary::endpoints).sum()
					+ " endpoints between them.", BODY_FONT, 4);
		}
	}

	/** Whether the estate is getting better: the runs of these inventories side by side, once there are two. */
	private void writeTrend(RunSummary summary) throws IOException {
		List<TrendPoint> trend = summary.trend();
		if (trend.size() < 2) {
			heading("Trend");
			text("This is the first complete run of these inventories: the trend starts with the next one.", BODY_FONT,
					0);
			return;
		}
		heading("Trend: the last " + trend.size() + " runs of these inventories", TrendChart.HEIGHT + 30);
		PdfPCell chart = new PdfPCell();
		chart.setBorder(Rectangle.NO_BORDER);
		chart.addElement(TrendChart.of(trend, summary.thresholds().warningDays()));
		PdfPTable block = new PdfPTable(1);
		block.setWidthPercentage(100);
		block.addCell(chart);
		this.document.add(block);
	}

	private void writeActions(RunSummary summary) {
		heading("Needs action first");
		if (summary.actions().isEmpty()) {
			text("Nothing needs action: every audited endpoint is in good order.", BODY_FONT, 0);
			return;
		}
		StreamingTable table = new StreamingTable(this.document, ACTION_WIDTHS, ACTION_HEADERS);
		for (ReportRow row : summary.actions()) {
			table.addRow(statusCell(row.status()), StreamingTable.cell(place(row), BODY_FONT),
					StreamingTable.cell(row.address(), BODY_FONT), daysLeft(row),
					StreamingTable.cell(ReportFormatting.date(row.notAfter()), BODY_FONT),
					StreamingTable.cell(ReportFormatting.ownerAndContact(row.owner(), row.contact()), BODY_FONT),
					StreamingTable.cell(ReportFormatting.plainReasons(row), BODY_FONT));
		}
		table.finish();
		long more = summary.actionCount() - summary.actions().size();
		if (more > 0) {
			text("… and " + more + " more endpoints needing action: the workbook lists them all.", BODY_FONT, 4);
		}
	}

	private void writeChanges(RunChanges changes) {
		if (changes.previousRunId() == null) {
			heading("Changes");
			text("This is the first complete run of these inventories: the next run will list what changed.",
					BODY_FONT, 0);
			return;
		}
		heading("Changes since run " + changes.previousRunId());
		Map<ChangeKind, Long> counts = changes.counts();
		text(counts.entrySet()
			.stream()
			.map((count) -> count.getValue() + " " + count.getKey().label())
			.collect(Collectors.joining(", ")) + ".", BODY_FONT, 0);
		// a renewal that left the status as it was is routine: counted, not listed
		List<EndpointChange> listed = changes.changes()
			.stream()
			.filter((change) -> change.kind() != ChangeKind.RENEWED
					|| change.before().status() != change.now().status())
			.toList();
		long quietRenewals = changes.changes().size() - listed.size();
		if (quietRenewals > 0) {
			text(quietRenewals + ((quietRenewals == 1) ? " endpoint was" : " endpoints were")
					+ " renewed without a change of status: the workbook's Changes sheet lists them.", BODY_FONT, 0);
		}
		if (listed.isEmpty()) {
			return;
		}
		StreamingTable table = new StreamingTable(this.document, CHANGE_WIDTHS, CHANGE_HEADERS);
		for (EndpointChange change : listed.subList(0, Math.min(CHANGE_LIMIT, listed.size()))) {
			table.addRow(StreamingTable.cell(change.kind().label(), BODY_FONT),
					StreamingTable.cell(place(change.host(), change.port(), change.protocol()), BODY_FONT),
					StreamingTable.cell(change.address(), BODY_FONT), StreamingTable.cell(change.owner(), BODY_FONT),
					StreamingTable.cell(side(change.before()), BODY_FONT),
					StreamingTable.cell(side(change.now()), BODY_FONT));
		}
		table.finish();
		if (listed.size() > CHANGE_LIMIT) {
			text("… and " + (listed.size() - CHANGE_LIMIT) + " more changes: the workbook's Changes sheet lists them all.",
					BODY_FONT, 4);
		}
	}

	private static String side(Side side) {
		if (side == null) {
			return "not audited";
		}
		if (side.serialNumber() == null) {
			return side.status().name();
		}
		return side.status().name() + ", serial " + side.serialNumber() + ", until "
				+ ReportFormatting.date(side.notAfter());
	}

	/**
	 * Certificates served at more than one place, soonest expiry first, so a renewal reaches every place
	 * that serves the old one. Places arrive grouped by certificate; only the current one is held.
	 */
	@Override
	public void addInstallations(List<Installation> installations) {
		for (Installation installation : installations) {
			if (installation.places() < 2) {
				continue;
			}
			if (this.sharedCertificate != null && !this.sharedCertificate.sha256.equals(installation.sha256())) {
				writeSharedCertificate();
			}
			if (this.sharedCertificate == null) {
				this.sharedCertificate = new SharedCertificate(installation);
			}
			this.sharedCertificate.add(installation);
		}
	}

	private void writeSharedCertificate() {
		SharedCertificate certificate = this.sharedCertificate;
		this.sharedCertificate = null;
		if (++this.sharedCertificates > INSTALLATION_LIMIT) {
			return;
		}
		if (this.installations == null) {
			heading("Where each certificate is installed");
			text("Certificates served at more than one place, soonest expiry first: a renewal must reach every one.",
					BODY_FONT, 0);
			this.installations = new StreamingTable(this.document, INSTALLATION_WIDTHS, INSTALLATION_HEADERS);
		}
		Installation first = certificate.first;
		String where = String.join("\n", certificate.places);
		if (first.places() > certificate.places.size()) {
			where += "\n… and " + (first.places() - certificate.places.size()) + " more";
		}
		PdfPCell places = StreamingTable.cell(Long.toString(first.places()), BODY_FONT);
		places.setHorizontalAlignment(Element.ALIGN_RIGHT);
		PdfPCell days = StreamingTable.cell((first.daysLeft() != null) ? first.daysLeft().toString() : "", BODY_FONT);
		days.setHorizontalAlignment(Element.ALIGN_RIGHT);
		this.installations.addRow(
				StreamingTable.cell(first.subject() + "\nSHA-256 " + first.sha256().substring(0, 16) + "…", BODY_FONT),
				StreamingTable.cell(ReportFormatting.date(first.notAfter()), BODY_FONT), days, places,
				StreamingTable.cell(where, BODY_FONT), StreamingTable.cell(String.join(", ", certificate.owners), BODY_FONT));
	}

	/** Ends the section before the next one starts: the document is written in reading order. */
	private void finishInstallations() {
		if (this.installationsWritten) {
			return;
		}
		this.installationsWritten = true;
		if (this.sharedCertificate != null) {
			writeSharedCertificate();
		}
		if (this.installations == null) {
			heading("Where each certificate is installed");
			text("No certificate is served at more than one place.", BODY_FONT, 0);
			return;
		}
		this.installations.finish();
		if (this.sharedCertificates > INSTALLATION_LIMIT) {
			text("… and " + (this.sharedCertificates - INSTALLATION_LIMIT)
					+ " more certificates served at several places: the workbook's Installed at sheet lists every place.",
					BODY_FONT, 4);
		}
	}

	/** Heard at least once when the run is reconciled with a CT export. */
	@Override
	public void addTransparency(List<CtDiscrepancy> differences) {
		finishInstallations();
		if (this.transparencyCounts == null) {
			this.transparencyCounts = new EnumMap<>(CtDiscrepancy.Kind.class);
			heading("Certificate Transparency");
		}
		for (CtDiscrepancy difference : differences) {
			long seen = this.transparencyCounts.values().stream().mapToLong(Long::longValue).sum();
			this.transparencyCounts.merge(difference.kind(), 1L, Long::sum);
			if (seen >= TRANSPARENCY_LIMIT) {
				continue;
			}
			if (this.transparency == null) {
				this.transparency = new StreamingTable(this.document, TRANSPARENCY_WIDTHS, TRANSPARENCY_HEADERS);
			}
			this.transparency.addRow(StreamingTable.cell(difference.kind().label(), BODY_FONT),
					StreamingTable.cell(difference.names(), BODY_FONT),
					StreamingTable.cell(difference.serialNumber(), BODY_FONT),
					StreamingTable.cell(ReportFormatting.date(difference.notAfter()), BODY_FONT),
					StreamingTable.cell(difference.detail(), BODY_FONT));
		}
	}

	/** The counts follow the table, since they are known only once every difference has arrived. */
	private void finishTransparency() {
		if (this.transparencyCounts == null) {
			return;
		}
		Map<CtDiscrepancy.Kind, Long> counts = this.transparencyCounts;
		this.transparencyCounts = null;
		if (this.transparency != null) {
			this.transparency.finish();
		}
		long total = counts.values().stream().mapToLong(Long::longValue).sum();
		if (total == 0) {
			text("The CT export and the audited estate agree: every logged certificate still valid is deployed, and "
					+ "every name is in the inventory.", BODY_FONT, 0);
			return;
		}
		text(Arrays.stream(CtDiscrepancy.Kind.values())
			.map((kind) -> counts.getOrDefault(kind, 0L) + " " + kind.label())
			.collect(Collectors.joining(", ")) + "."
				+ ((total > TRANSPARENCY_LIMIT) ? " The first " + TRANSPARENCY_LIMIT
						+ " are listed; the workbook's Certificate Transparency sheet has them all." : ""),
				BODY_FONT, 4);
	}

	@Override
	public void add(List<ReportRow> rows) {
		finishInstallations();
		finishTransparency();
		if (this.allEndpoints == null && !rows.isEmpty()) {
			heading("All endpoints, soonest expiry first");
			this.allEndpoints = new StreamingTable(this.document, ENDPOINT_WIDTHS, ENDPOINT_HEADERS);
		}
		for (ReportRow row : rows) {
			this.allEndpoints.addRow(statusCell(row.status()),
					StreamingTable.cell(place(row), BODY_FONT),
					StreamingTable.cell(row.address(), BODY_FONT), daysLeft(row),
					StreamingTable.cell(ReportFormatting.date(row.notAfter()), BODY_FONT),
					StreamingTable.cell(ReportFormatting.ownerAndContact(row.owner(), row.contact()), BODY_FONT),
					StreamingTable.cell(row.tlsProtocol(), BODY_FONT),
					StreamingTable.cell(ReportFormatting.plainReasons(row), BODY_FONT));
		}
	}

	@Override
	public void finish() throws IOException {
		try {
			finishInstallations();
			finishTransparency();
			if (this.allEndpoints == null) {
				heading("All endpoints");
				text("The inventories named no endpoint to audit.", BODY_FONT, 0);
			}
			else {
				this.allEndpoints.finish();
			}
			if (!this.summary.rejectedLines().isEmpty()) {
				writeRejectedLines();
			}
			this.document.close();
			this.pending.publish();
		}
		finally {
			close();
		}
	}

	private void writeRejectedLines() {
		heading("Inventory lines skipped");
		text("These lines could not be read, so the endpoints they name were not audited.", BODY_FONT, 0);
		StreamingTable table = new StreamingTable(this.document, new float[] { 1, 3 }, List.of("Origin", "Reason"));
		for (RejectedLine line : this.summary.rejectedLines()) {
			table.addRow(StreamingTable.cell(ReportFormatting.withoutFolders(line.origin()), BODY_FONT),
					StreamingTable.cell(line.reason(), BODY_FONT));
		}
		table.finish();
	}

	/** Drops the half-written file; the document is abandoned, since closing it would lay out pages. */
	@Override
	public void close() {
		if (this.pending != null) {
			this.pending.close();
			this.pending = null;
		}
	}

	/** One certificate's first places and distinct owners, as many as the PDF shows. */
	private static final class SharedCertificate {

		private final String sha256;

		private final Installation first;

		private final List<String> places = new ArrayList<>();

		private final Set<String> owners = new LinkedHashSet<>();

		SharedCertificate(Installation first) {
			this.sha256 = first.sha256();
			this.first = first;
		}

		void add(Installation installation) {
			if (this.places.size() < PLACES_SHOWN) {
				String where = place(installation.host(), installation.port(), installation.protocol()) + " "
						+ installation.protocol();
				this.places.add((installation.address() != null && !installation.address().equals(installation.host()))
						? where + " (" + installation.address() + ")" : where);
			}
			if (installation.owner() != null && !installation.owner().isBlank() && this.owners.size() < PLACES_SHOWN) {
				this.owners.add(installation.owner());
			}
		}

	}

	private static String place(ReportRow row) {
		return place(row.host(), row.port(), row.protocol());
	}

	/**
	 * An endpoint as the PDF names it: a certificate file by its name alone, without the folders the
	 * workbook shows, since the PDF travels beyond the machine.
	 */
	private static String place(String host, int port, String protocol) {
		return ReportFormatting.hostAndPort("FILE".equals(protocol) ? ReportFormatting.withoutFolders(host) : host,
				port, protocol);
	}

	private void heading(String text) {
		heading(text, KEEP_WITH_HEADING);
	}

	/**
	 * Starts the next page instead when less than {@code keepWith} points are left below the heading, so
	 * no heading ends a page without what it heads. Every section is added as tables, which OpenPDF lays
	 * out as they come, so the writer's position is where the heading would go.
	 */
	private void heading(String text, float keepWith) {
		if (this.writer.getVerticalPosition(true) - this.document.bottom() < keepWith) {
			this.document.newPage();
		}
		text(text, HEADING_FONT, 14);
	}

	/**
	 * Text goes into a borderless one-cell table because OpenPDF draws paragraphs and tables on separate
	 * layers of a page: mixed, every heading would come before all table text when the PDF is searched,
	 * copied or read aloud.
	 */
	private void text(String text, Font font, float spacingBefore) {
		PdfPCell cell = StreamingTable.cell(text, font);
		cell.setBorder(Rectangle.NO_BORDER);
		cell.setPaddingLeft(0);
		cell.setPaddingBottom(5);
		PdfPTable block = new PdfPTable(1);
		block.setWidthPercentage(100);
		block.setSpacingBefore(spacingBefore);
		block.addCell(cell);
		this.document.add(block);
	}

	private static PdfPCell daysLeft(ReportRow row) {
		PdfPCell cell = StreamingTable.cell(row.daysLeft() == null ? "" : row.daysLeft().toString(), BODY_FONT);
		cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
		return cell;
	}

	private static PdfPCell statusCell(Status status) {
		PdfPCell cell = StreamingTable.cell(status.name(), BODY_FONT);
		cell.setBackgroundColor(new Color(StatusColours.rgb(status)));
		return cell;
	}

	private static PdfPCell count(long count, Font font) {
		PdfPCell cell = StreamingTable.cell(Long.toString(count), font);
		cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
		return cell;
	}

}
