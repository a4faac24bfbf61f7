package dev.certaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseFolderTest {

	@Test
	void embeddedFileDatabaseHasAFolderAndOthersNone() {
		assertThat(DatabaseFolder.of("jdbc:h2:file:./data/cert-audit;DB_CLOSE_ON_EXIT=FALSE"))
			.contains(new DatabaseFolder(Path.of("data").toAbsolutePath(), Path.of("data/cert-audit.mv.db").toAbsolutePath()));
		assertThat(DatabaseFolder.of("jdbc:h2:/var/lib/cert-audit/db")).map(DatabaseFolder::folder)
			.contains(Path.of("/var/lib/cert-audit"));
		assertThat(DatabaseFolder.of("jdbc:h2:mem:test")).isEmpty();
		assertThat(DatabaseFolder.of("jdbc:h2:tcp://db.example.test/cert-audit")).isEmpty();
		assertThat(DatabaseFolder.of("jdbc:postgresql://db.example.test/certaudit")).isEmpty();
	}

	@Test
	void folderToBeMadeUnderAFileIsRefusedNamingBoth(@TempDir Path directory) throws IOException {
		Path file = Files.writeString(directory.resolve("data"), "not a folder");

		assertThatThrownBy(DatabaseFolder.of("jdbc:h2:file:" + file.resolve("sub/cert-audit")).orElseThrow()::check)
			.isInstanceOf(CommandFailedException.class)
			.hasMessage("cannot create the database folder " + file.resolve("sub") + ": " + file
					+ " is a file, not a folder; move it away, or set CERT_AUDIT_DB_URL to a database elsewhere");
	}

	@Test
	void folderYetToBeMadeInAWritableOneIsFine(@TempDir Path directory) {
		assertThatCode(DatabaseFolder.of("jdbc:h2:file:" + directory.resolve("data/cert-audit")).orElseThrow()::check)
			.doesNotThrowAnyException();
	}

}
