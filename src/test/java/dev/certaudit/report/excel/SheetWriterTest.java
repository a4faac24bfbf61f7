package dev.certaudit.report.excel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SheetWriterTest {

	@Test
	void tableLongerThanASheetGoesOnInSheetsBesideItWithTheSameHeader() throws Exception {
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(10)) {
			// a sheet of four rows stands for Excel's 1,048,576
			SheetWriter chains = new SheetWriter(workbook, "Chains",
					List.of(20, 10), List.of(new SheetWriter.Column("Host", 20), new SheetWriter.Column("Depth", 10)),
					workbook.createCellStyle(), 1, 4);
			workbook.createSheet("Installed at");
			List<String> addresses = new ArrayList<>();
			IntStream.rangeClosed(1, 7).forEach((i) -> {
				chains.append().text("host" + i).number(i);
				addresses.add(chains.lastRowAddress());
			});
			assertThat(addresses).containsExactly("Chains!A2", "Chains!A3", "Chains!A4", "'Chains (2)'!A2",
					"'Chains (2)'!A3", "'Chains (2)'!A4", "'Chains (3)'!A2");
			chains.filterAllRows();
			workbook.write(file);
			workbook.dispose();
		}

		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.toByteArray()))) {
			assertThat(IntStream.range(0, workbook.getNumberOfSheets()).mapToObj(workbook::getSheetName))
				.containsExactly("Chains", "Chains (2)", "Chains (3)", "Installed at");
			assertThat(column(workbook.getSheet("Chains"))).containsExactly("Host", "host1", "host2", "host3");
			assertThat(column(workbook.getSheet("Chains (2)"))).containsExactly("Host", "host4", "host5", "host6");
			assertThat(column(workbook.getSheet("Chains (3)"))).containsExactly("Host", "host7");
			assertThat(workbook.getSheet("Chains (3)").getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:B2");
		}
	}

	private static List<String> column(Sheet sheet) {
		return IntStream.rangeClosed(0, sheet.getLastRowNum())
			.mapToObj((i) -> sheet.getRow(i).getCell(0).getStringCellValue())
			.toList();
	}

}
