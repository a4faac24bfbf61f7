package dev.certaudit.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

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

	@Test
	void reportAndTheFoldersMadeForItAreForOwnerAndGroupOnly() throws Exception {
		Path report = this.reports.resolve("reports/7/cert-audit-2026-05-22.pdf");

		try (PendingFile pending = PendingFile.beside(report)) {
			pending.out().write("%PDF".getBytes(StandardCharsets.US_ASCII));
			assertThat(Files.getPosixFilePermissions(onlyTemporary(report.getParent()))).isEqualTo(allowed("rw-r-----"));
			pending.publish();
		}

		assertThat(Files.getPosixFilePermissions(report)).isEqualTo(allowed("rw-r-----"));
		assertThat(Files.getPosixFilePermissions(report.getParent())).isEqualTo(allowed("rwxr-x---"));
		assertThat(Files.getPosixFilePermissions(report.getParent().getParent())).isEqualTo(allowed("rwxr-x---"));
	}

	private static Path onlyTemporary(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			List<Path> temporary = files.toList();
			assertThat(temporary).hasSize(1);
			return temporary.get(0);
		}
	}

	/** What the process's umask leaves of the permissions asked for (all of them under the usual 022). */
	private Set<PosixFilePermission> allowed(String asked) throws IOException {
		Path probe = Files.createDirectory(this.reports.resolve("umask-probe-" + asked),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
		Set<PosixFilePermission> allowed = EnumSet.copyOf(PosixFilePermissions.fromString(asked));
		allowed.retainAll(Files.getPosixFilePermissions(probe));
		Files.delete(probe);
		return allowed;
	}

}
