package dev.certaudit.history;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFolderTest {

	@Test
	void folderOfAnH2FileDatabaseIsFoundInItsUrl() {
		assertThat(DatabaseFolder.h2Folder("jdbc:h2:file:./data/cert-audit;DB_CLOSE_ON_EXIT=FALSE"))
			.contains(Path.of("data").toAbsolutePath());
		assertThat(DatabaseFolder.h2Folder("jdbc:h2:/srv/cert-audit/db/audit")).contains(Path.of("/srv/cert-audit/db"));
		assertThat(DatabaseFolder.h2Folder("jdbc:h2:~/cert-audit/audit"))
			.contains(Path.of(System.getProperty("user.home"), "cert-audit"));
	}

	@Test
	void otherDatabasesHaveNoFolderToMake() {
		assertThat(DatabaseFolder.h2Folder("jdbc:h2:mem:audit;DB_CLOSE_DELAY=-1")).isEmpty();
		assertThat(DatabaseFolder.h2Folder("jdbc:h2:tcp://db.example.test/audit")).isEmpty();
		assertThat(DatabaseFolder.h2Folder("jdbc:postgresql://127.0.0.1:5432/test")).isEmpty();
	}

}
