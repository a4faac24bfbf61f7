package dev.certaudit.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AliveFileTest {

	@Test
	void aliveFileIsWrittenAgainWhileTheProcessRunsAndRemovedWhenItEnds(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("probes/alive");

		try (AliveFile alive = AliveFile.start(file)) {
			assertThat(file).as("there as soon as the process has started").exists();
			Files.delete(file);
			Instant deadline = Instant.now().plus(AliveFile.INTERVAL.multipliedBy(6));
			while (!Files.exists(file)) {
				assertThat(Instant.now()).as("written again within an interval").isBefore(deadline);
				Thread.sleep(100);
			}
		}

		assertThat(file).as("gone with the process").doesNotExist();
	}

	@Test
	void noFileSetWritesNone() {
		assertThat(AliveFile.start(null)).isNull();
	}

}
