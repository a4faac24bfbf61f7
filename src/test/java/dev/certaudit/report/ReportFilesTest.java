package dev.certaudit.report;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFilesTest {

	@TempDir
	Path reports;

	@Test
	void halfWrittenFilesOfAKilledRunAreRemovedAndTheReportsKept() throws Exception {
		Path leftover = Files.writeString(this.reports.resolve(".cert-audit-2026-05-22.xlsx.4b1c.tmp"), "half");
		Path report = Files.writeString(this.reports.resolve("cert-audit-2026-05-22.pdf"), "whole");
		Path other = Files.writeString(this.reports.resolve(".someone-elses.tmp"), "theirs");

		ReportFiles.discardLeftovers(this.reports);

		assertThat(leftover).doesNotExist();
		assertThat(report).exists();
		assertThat(other).exists();
	}

}
