package dev.certaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.certaudit.analysis.Status;
import dev.certaudit.report.excel.ExcelReport;

class ExcelReportTest {

	private static final int STATUS = 7;

	private static final int DAYS_LEFT = 8;

	private static final int NOT_AFTER = 10;

	private static final DataFormatter FORMATTER = new DataFormatter();

	static {
		// a link's cell shows its text, not its HYPERLINK formula
		FORMATTER.setUseCachedValuesForFormulaCells(true);
	}

	@TempDir
	Path dir;

	@Test
	void workbookHasSheetsInReadingOrder() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			List<String> names = new ArrayList<>();
			workbook.forEach(sheet -> names.add(sheet.getSheetName()));
			assertThat(names).containsExactly("Summary", "History", "By owner", "Certificates", "Findings", "Chains",
					"Installed at", "Changes", "Discovery", "Errors", "Settings");
		}
	}

	@Test
	void summaryStatesRunCountsEveryStatusIncludingZerosAndChanges() throws IOException {
		List<ReportRow> rows = ReportFixtures.rows().stream().filter(row -> row.status() != Status.CRITICAL).toList();
		try (XSSFWorkbook workbook = write(ReportFixtures.summaryOf(rows, ReportFixtures.REJECTED_LINES), rows)) {
			List<String> lines = texts(workbook.getSheet("Summary"));
			// then a blank line and the table of contents
			assertThat(lines.subList(0, lines.indexOf(""))).containsExactly("Organisation|Example Org", "Run id|42",
					"Started at (UTC)|2026-05-22 08:00", "Generated at (UTC)|2026-05-22 08:17",
					"Inventories|hosts.csv", "|domains.txt", "Judged with settings|1a2b3c4d5e6f", "Total endpoints|6", "ERROR|1", "EXPIRED|1",
					"NOT_YET_VALID|1", "CRITICAL|0", "WARNING|1", "OK|2", "Need action|4",
					"Certificates expiring in 13 weeks|1", "Compared with|run 41 of 2026-05-21", "Newly failing|1", "Newly fixed|0",
					"Renewed|1", "New endpoint|1", "Disappeared|1", "Rejected inventory lines|2",
					"Names looked up in DNS|3", "Names found|2", "Names not found|1", "Names failed|0");
		}
	}

	@Test
	void byOwnerSheetHasOneRowPerOwnerWithItsCountsAndSoonestExpiry() throws IOException {
		Map<Status, Long> none = new EnumMap<>(Status.class);
		Stream.of(Status.values()).forEach(status -> none.put(status, 0L));
		Map<Status, Long> unowned = new EnumMap<>(none);
		unowned.put(Status.ERROR, 1L);
		unowned.put(Status.OK, 2L);
		List<OwnerSummary> owners = new ArrayList<>(ReportFixtures.owners());
		owners.add(new OwnerSummary(null, 3, 1, Instant.parse("2027-02-01T00:00:00Z"), 255, unowned));
		Path file = dir.resolve("owners.xlsx");
		try (ExcelReport report = new ExcelReport()) {
			report.begin(ReportFixtures.summary(), file);
			report.addOwners(owners.subList(0, 1));
			report.addOwners(owners.subList(1, 2));
			report.add(ReportFixtures.rows());
			report.finish();
		}
		try (XSSFWorkbook workbook = read(file)) {
			assertThat(texts(workbook.getSheet("By owner"))).containsExactly(
					"Owner|Endpoints|Need action|Soonest expiry (UTC)|Days left|ERROR|EXPIRED|NOT_YET_VALID|CRITICAL"
							+ "|WARNING|OK",
					"web-team|7|5|2026-05-19 12:30|-3|1|1|1|1|1|2", "(no owner)|3|1|2027-02-01 00:00|255|1|0|0|0|0|2");
			assertThat(DateUtil.isCellDateFormatted(workbook.getSheet("By owner").getRow(1).getCell(3))).isTrue();
		}
	}

	@Test
	void certificatesSheetHasHeaderAndOneRowPerEndpointInArrivalOrder() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			List<String> lines = texts(workbook.getSheet("Certificates"));
			assertThat(lines.getFirst()).isEqualTo("Host|Port|Protocol|Address|Owner|Contact|Env|Status|Days left"
					+ "|Not before (UTC)|Not after (UTC)|Subject|Issuer|SANs|Serial|SHA-256|TLS protocol|Cipher suite"
					+ "|Key exchange|Findings|Error|Attempts");
			assertThat(lines.subList(1, lines.size())).map(line -> line.substring(0, line.indexOf('|')))
				.containsExactlyElementsOf(ReportFixtures.rows().stream().map(ReportRow::host).toList());
			assertThat(lines.get(1)).isEqualTo("old.example.org|443|https|192.0.2.2|web-team|" + ReportFixtures.CONTACT
					+ "|prod|EXPIRED|-3|2025-04-17 12:30|2026-05-19 12:30|CN=old.example.org|CN=Example Issuing CA"
					+ "|old.example.org, www.old.example.org|3ea|" + "%064x".formatted(2) + "|TLSv1.2|"
					+ ReportFixtures.OLD_SUITE + "|secp256r1|e_certificate_expired, w_sha1_signature||1");
		}
	}

	@Test
	void eachLabelKeyOfTheRunIsAColumnOwnerContactAndEnvFirstThenTheRestAlphabetically() throws IOException {
		List<ReportRow> rows = List.of(labelled(ReportFixtures.rows().get(0), "ops", "ops@example.org",
				"contact=ops@example.org owner=ops tags=shop,public zone=dmz"),
				labelled(ReportFixtures.rows().get(1), "web", null, "cost-centre=42 env=prod owner=web"),
				labelled(ReportFixtures.rows().get(2), null, null, ""));
		RunSummary labelled = ReportFixtures.summaryOf(rows, List.of());
		assertThat(labelled.labelKeys()).containsExactly("owner", "contact", "env", "cost-centre", "tags", "zone");
		try (XSSFWorkbook workbook = write(labelled, rows)) {
			List<String> lines = texts(workbook.getSheet("Certificates"));
			assertThat(lines.getFirst()).startsWith(
					"Host|Port|Protocol|Address|Owner|Contact|Env|Cost-centre|Tags|Zone|Status|Days left|");
			assertThat(lines.subList(1, lines.size())).map(line -> line.substring(0, line.indexOf("|CN=")))
				.containsExactly(
						"old.example.org|443|https|192.0.2.2|ops|ops@example.org|||shop,public|dmz|EXPIRED|-3"
								+ "|2025-04-17 12:30|2026-05-19 12:30",
						"soon.example.org|443|https|192.0.2.4|web||prod|42|||CRITICAL|5|2025-04-25 09:00|2026-05-27 09:00",
						"warn.example.org|443|https|192.0.2.5|||||||WARNING|20|2025-05-10 09:00|2026-06-11 09:00");
		}
	}

	/** The row with other labels, as the job reads them: owner and contact among them. */
	private static ReportRow labelled(ReportRow row, String owner, String contact, String labels) {
		return new ReportRow(row.targetId(), row.host(), row.port(), row.protocol(), row.address(), owner, contact,
				labels, row.status(), row.daysLeft(), row.notBefore(), row.notAfter(), row.subject(), row.issuer(),
				row.subjectAltNames(), row.serialNumber(), row.sha256(), row.findings(), row.chain(), row.error(),
				row.attempts(), row.tlsProtocol(), row.cipherSuite(), row.keyExchange());
	}

	@Test
	void certificatesSheetIsSortedByDaysLeftWithUnfetchedEndpointsLast() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			Sheet sheet = workbook.getSheet("Certificates");
			List<Double> daysLeft = new ArrayList<>();
			for (int i = 1; i <= sheet.getLastRowNum(); i++) {
				Cell cell = sheet.getRow(i).getCell(DAYS_LEFT);
				daysLeft.add(cell == null ? null : cell.getNumericCellValue());
			}
			assertThat(daysLeft).containsExactly(-3.0, 5.0, 20.0, 200.0, 300.0, 400.0, null);
		}
	}

	@Test
	void certificatesSheetHasRealDateCells() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			Cell notAfter = workbook.getSheet("Certificates").getRow(1).getCell(NOT_AFTER);
			assertThat(notAfter.getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(DateUtil.isCellDateFormatted(notAfter)).isTrue();
			assertThat(notAfter.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 5, 19, 12, 30));
			assertThat(notAfter.getCellStyle().getAlignment()).isEqualTo(HorizontalAlignment.CENTER);
		}
	}

	@Test
	void endpointWithoutCertificateHasBlankCertificateCellsAndItsError() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			assertThat(texts(workbook.getSheet("Certificates")).getLast())
				.isEqualTo("down.example.org|443|https|192.0.2.1|web-team||prod|ERROR|||||||||||||connect timed out after 5s|5");
			Row row = workbook.getSheet("Certificates").getRow(ReportFixtures.rows().size());
			assertThat(row.getCell(NOT_AFTER)).isNull();
		}
	}

	@Test
	void certificatesSheetShowsTheProtocolSuiteAndKeyExchangeEachHandshakeAgreed() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			Sheet sheet = workbook.getSheet("Certificates");
			List<String> header = List.of(texts(sheet).getFirst().split("\\|"));
			int protocol = header.indexOf("TLS protocol");
			List<String> handshakes = new ArrayList<>();
			for (int i = 1; i <= sheet.getLastRowNum(); i++) {
				Row row = sheet.getRow(i);
				handshakes.add(row.getCell(0).getStringCellValue() + " " + FORMATTER.formatCellValue(row.getCell(protocol))
						+ " " + FORMATTER.formatCellValue(row.getCell(protocol + 1)) + " "
						+ FORMATTER.formatCellValue(row.getCell(protocol + 2)));
			}
			assertThat(header.subList(protocol, protocol + 3)).containsExactly("TLS protocol", "Cipher suite",
					"Key exchange");
			assertThat(handshakes).containsExactly(
					"old.example.org TLSv1.2 " + ReportFixtures.OLD_SUITE + " secp256r1",
					"soon.example.org TLSv1.3 " + ReportFixtures.MODERN_SUITE + " x25519",
					"warn.example.org TLSv1.3 " + ReportFixtures.MODERN_SUITE + " x25519",
					"fine.example.org TLSv1.3 " + ReportFixtures.MODERN_SUITE + " x25519",
					"also-fine.example.org TLSv1.3 " + ReportFixtures.MODERN_SUITE + " x25519",
					"early.example.org TLSv1.3 " + ReportFixtures.MODERN_SUITE + " x25519",
					"down.example.org   ");
		}
	}

	@Test
	void statusCellsAreFilledByStatus() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			Sheet sheet = workbook.getSheet("Certificates");
			XSSFCellStyle expired = (XSSFCellStyle) sheet.getRow(1).getCell(STATUS).getCellStyle();
			XSSFCellStyle warning = (XSSFCellStyle) sheet.getRow(3).getCell(STATUS).getCellStyle();
			XSSFCellStyle ok = (XSSFCellStyle) sheet.getRow(4).getCell(STATUS).getCellStyle();
			assertThat(expired.getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
			assertThat(expired.getFillForegroundColorColor().getARGBHex()).isEqualTo(argb(Status.EXPIRED))
				.isNotEqualTo(ok.getFillForegroundColorColor().getARGBHex());
			assertThat(warning.getFillForegroundColorColor().getARGBHex()).isEqualTo(argb(Status.WARNING));
			assertThat(ok.getFillForegroundColorColor().getARGBHex()).isEqualTo(argb(Status.OK));
		}
	}

	@Test
	void tableSheetsKeepABoldHeaderFrozenAndFilterEveryRow() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			XSSFSheet certificates = workbook.getSheet("Certificates");
			assertThat(certificates.getPaneInformation().isFreezePane()).isTrue();
			assertThat(certificates.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
			assertThat(certificates.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:V8");
			assertThat(workbook.getFontAt(certificates.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold())
				.isTrue();
			for (String name : List.of("Findings", "Chains", "Changes", "Discovery", "Errors")) {
				XSSFSheet sheet = workbook.getSheet(name);
				assertThat(sheet.getPaneInformation().isFreezePane()).as(name).isTrue();
				assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).as(name)
					.endsWith(Integer.toString(sheet.getLastRowNum() + 1));
			}
			assertThat(workbook.getSheet("Findings").getCTWorksheet().getAutoFilter().getRef())
				.isEqualTo("A1:K" + (1 + ReportFixtures.findingCount()));
		}
	}

	@Test
	void findingsSheetHasOneRowPerFindingWithItsOwner() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			List<String> lines = texts(workbook.getSheet("Findings"));
			assertThat(lines).hasSize(1 + ReportFixtures.findingCount());
			assertThat(lines.get(0)).isEqualTo("Host|Port|Protocol|Address|Owner|Status|Not after (UTC)|Rule|Severity"
					+ "|Message|Remediation");
			assertThat(lines.subList(1, 3)).containsExactly(
					"old.example.org|443|https|192.0.2.2|web-team|EXPIRED|2026-05-19 12:30|e_certificate_expired|CRITICAL"
							+ "|Rule e_certificate_expired matched|Renew the certificate",
					"old.example.org|443|https|192.0.2.2|web-team|EXPIRED|2026-05-19 12:30|w_sha1_signature|WARNING"
							+ "|Rule w_sha1_signature matched|Renew the certificate");
			Row early = workbook.getSheet("Findings").getRow(lines.size() - 1);
			assertThat(early.getCell(0).getStringCellValue()).isEqualTo("early.example.org");
			assertThat(early.getCell(5).getCellStyle().getFillForegroundColorColor())
				.isEqualTo(workbook.getSheet("Certificates").getRow(6).getCell(STATUS).getCellStyle()
					.getFillForegroundColorColor());
			assertThat(DateUtil.isCellDateFormatted(early.getCell(6))).isTrue();
		}
	}

	@Test
	void chainsSheetListsEachPresentedCertificateInOrder() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			List<String> lines = texts(workbook.getSheet("Chains"));
			assertThat(lines).containsExactly(
					"Host|Port|Address|Position|Role|Subject|Issuer|Serial|Not before (UTC)|Not after (UTC)|Key"
							+ "|Signature algorithm|SHA-256",
					"old.example.org|443|192.0.2.2|0|leaf|CN=old.example.org|CN=Example Issuing CA|1a2b"
							+ "|2025-04-17 12:30|2026-05-19 12:30|RSA 2048|SHA256withRSA|" + "aa".repeat(32),
					"old.example.org|443|192.0.2.2|1|intermediate|CN=Example Issuing CA|CN=Example Root|77"
							+ "|2024-01-01 00:00|2034-01-01 00:00|EC 384|SHA384withECDSA|" + "bb".repeat(32));
			assertThat(DateUtil.isCellDateFormatted(workbook.getSheet("Chains").getRow(1).getCell(9))).isTrue();
		}
	}

	@Test
	void changesSheetListsWhatChangedSinceThePreviousRun() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			List<String> lines = texts(workbook.getSheet("Changes"));
			assertThat(lines).containsExactly(
					"Change|Host|Port|Protocol|Address|Owner|Status before|Status now|Serial before|Serial now"
							+ "|Not after before (UTC)|Not after now (UTC)",
					"newly failing|old.example.org|443|TLS|192.0.2.2|web-team|OK|EXPIRED|19|19|2026-05-19 12:30"
							+ "|2026-05-19 12:30",
					"renewed|fine.example.org|443|TLS|192.0.2.6|web-team|WARNING|OK|0f|10|2026-06-01 09:00"
							+ "|2026-12-08 09:00",
					"new endpoint|early.example.org|443|TLS|192.0.2.3|web-team||NOT_YET_VALID||33||2027-06-26 00:00",
					"disappeared|gone.example.org|443|TLS|192.0.2.9|it-ops|OK||44||2027-01-01 00:00");
		}
	}

	@Test
	void errorsSheetListsRejectedLinesAndUnreachableEndpoints() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			assertThat(texts(workbook.getSheet("Errors"))).containsExactly(
					"Kind|Where|Address|Owner|Reason|Inventory line",
					"inventory line|hosts.csv:12|||port is missing|mail.example.org;smtp",
					"inventory line|domains.txt:3|||not a valid host name|exa mple.org",
					"endpoint|down.example.org:443 https|192.0.2.1|web-team|connect timed out after 5s");
		}
	}

	@Test
	void discoverySheetListsEveryNameTriedWithItsAnswerAndWhereItCameFrom() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			assertThat(texts(workbook.getSheet("Discovery"))).containsExactly(
					"Name|Result|Source|Addresses|CNAME chain|Detail",
					"mail.example.test|FOUND|HOSTS_FILE|192.0.2.10, 2001:db8::10",
					"shop.example.test|FOUND|DNS|192.0.2.20|shop.example.test -> shops.saas.test|AAAA lookup failed: REFUSED",
					"vpn.example.test|NOT_FOUND|DNS|||NXDOMAIN");
		}
	}

	@Test
	void finishReplacesAnEarlierReportAndLeavesNoTemporaryFile() throws IOException {
		Path file = dir.resolve("audit.xlsx");
		Files.writeString(file, "stale");
		try (ExcelReport report = new ExcelReport()) {
			report.begin(ReportFixtures.summary(), file);
			report.add(ReportFixtures.rows());
			report.finish();
		}
		try (Stream<Path> files = Files.list(dir); XSSFWorkbook workbook = read(file)) {
			assertThat(files).containsExactly(file);
			assertThat(workbook.getSheet("Certificates").getLastRowNum()).isEqualTo(ReportFixtures.rows().size());
		}
	}

	@Test
	void installedAtSheetListsEveryPlaceOfEachCertificateTogether() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			List<String> lines = texts(workbook.getSheet("Installed at"));
			String shared = "5a".repeat(32) + "|CN=shop.example.org|2026-06-01 09:00|10|4|";
			assertThat(lines).containsExactly(
					"SHA-256|Subject|Not after (UTC)|Days left|Places|Host|Port|Protocol|Address|Owner",
					shared + "api.example.org|443|TLS|192.0.2.30|api-team",
					shared + "shop.example.org|443|TLS|192.0.2.20|web-team",
					shared + "shop.example.org|443|TLS|2001:db8::20|web-team",
					shared + "shop.example.org|8443|TLS|192.0.2.20|web-team",
					"6b".repeat(32) + "|CN=intranet.example.org|2026-09-01 09:00|102|1|intranet.example.org|443|TLS|192.0.2.40|it-ops");
		}
	}

	@Test
	void ctReconciliationIsTheLastSheetAndOnlyWhenTheRunHasOne() throws IOException {
		Path file = dir.resolve("audit.xlsx");
		try (ExcelReport report = new ExcelReport()) {
			report.begin(ReportFixtures.summary(), file);
			report.addTransparency(ReportFixtures.transparency().subList(0, 1));
			report.addTransparency(ReportFixtures.transparency().subList(1, 3));
			report.add(ReportFixtures.rows());
			report.finish();
		}
		try (XSSFWorkbook workbook = read(file)) {
			assertThat(workbook.getSheetAt(workbook.getNumberOfSheets() - 1).getSheetName())
				.isEqualTo("Certificate Transparency");
			assertThat(texts(workbook.getSheet("Certificate Transparency"))).containsExactly(
					"Difference|Names|Serial|Issuer|Not after (UTC)|CT id|Detail",
					"issued, never seen deployed|spare.example.org|5ca1ab1e|C=US, O=Example, CN=Public CA|2026-07-01 00:00|123456",
					"deployed, not in the CT export|api.example.org|0ddba11|CN=Public CA|2026-08-01 00:00||api.example.org:443 and 1 more",
					"name in CT, not in the inventory|forgotten.example.org|||||looked up in DNS: not found");
		}
	}

	@Test
	void settingsSheetListsEverySettingTheRunJudgedByInTheOrderRecorded() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			assertThat(texts(workbook.getSheet("Settings"))).containsExactly("Setting|Value",
					"fetch.handshake-timeout|PT10S", "fetch.retries|2", "thresholds.critical-days|7",
					"thresholds.warning-days|30", "trust.anchors|sha256:0123456789abcdef (147 certificates)",
					"revocation.enabled|false");
		}
	}

	/** A run created before cert-audit recorded its settings has none to list, and its Summary says so. */
	@Test
	void runThatRecordedNoSettingsHasNoSettingsSheetAndItsSummarySaysSo() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summaryWithoutJudgement(), ReportFixtures.rows())) {
			assertThat(workbook.getSheet("Settings")).isNull();
			assertThat(texts(workbook.getSheet("Summary"))).contains(
					"Judged with settings|not recorded (the run was created before cert-audit recorded them)")
				.noneMatch((line) -> line.startsWith("Settings|"));
		}
	}

	@Test
	void closeWithoutFinishWritesNothing() throws IOException {
		try (ExcelReport report = new ExcelReport()) {
			report.begin(ReportFixtures.summary(), dir.resolve("audit.xlsx"));
			report.add(ReportFixtures.rows());
		}
		try (Stream<Path> files = Files.list(dir)) {
			assertThat(files).isEmpty();
		}
	}

	private XSSFWorkbook write(RunSummary summary, List<ReportRow> rows) throws IOException {
		Path file = dir.resolve("audit.xlsx");
		try (ExcelReport report = new ExcelReport()) {
			report.begin(summary, file);
			report.addOwners(ReportFixtures.owners());
			report.addDiscovery(ReportFixtures.discoveredNames());
			List<Installation> installations = ReportFixtures.installations();
			report.addInstallations(installations.subList(0, 2));
			report.addInstallations(installations.subList(2, installations.size()));
			report.add(rows.subList(0, rows.size() / 2));
			report.add(rows.subList(rows.size() / 2, rows.size()));
			report.finish();
		}
		return read(file);
	}

	static XSSFWorkbook read(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return new XSSFWorkbook(in);
		}
	}

	/** Each row as its cells' displayed text joined by "|", blank cells as empty text. */
	private static List<String> texts(Sheet sheet) {
		List<String> lines = new ArrayList<>();
		for (Row row : sheet) {
			StringBuilder line = new StringBuilder();
			for (int column = 0; column < row.getLastCellNum(); column++) {
				line.append(column == 0 ? "" : "|").append(FORMATTER.formatCellValue(row.getCell(column)));
			}
			lines.add(line.toString());
		}
		return lines;
	}

	private static String argb(Status status) {
		return "FF%06X".formatted(StatusColours.rgb(status));
	}

}
