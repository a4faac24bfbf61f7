package dev.certaudit.job;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

import dev.certaudit.history.AuditRun;

import static org.assertj.core.api.Assertions.assertThat;

/** Telling a run whose process still works on it from one left behind by a dead process. */
class RunOwnerTest {

	private static final String HOST = "audit-host";

	@Test
	void runOfThisLiveProcessIsAlive() {
		JobExecution execution = executionStartedAt(LocalDateTime.now());

		assertThat(AuditLauncher.ownerAlive(ownedBy(ProcessHandle.current().pid(), HOST), execution, HOST)).isTrue();
	}

	@Test
	void runWhosePidIsGoneIsDead() throws Exception {
		Process ended = new ProcessBuilder("true").start();
		ended.waitFor(10, TimeUnit.SECONDS);

		assertThat(AuditLauncher.ownerAlive(ownedBy(ended.pid(), HOST), executionStartedAt(LocalDateTime.now()), HOST))
			.isFalse();
	}

	@Test
	void pidReusedByAProcessStartedAfterTheRunIsNotItsOwner() throws Exception {
		JobExecution yesterday = executionStartedAt(LocalDateTime.now().minusDays(1));
		Process newcomer = new ProcessBuilder("sleep", "30").start();
		try {
			assertThat(newcomer.isAlive()).isTrue();

			assertThat(AuditLauncher.ownerAlive(ownedBy(newcomer.pid(), HOST), yesterday, HOST)).isFalse();
		}
		finally {
			newcomer.destroyForcibly();
		}
	}

	@Test
	void runOwnedOnAnotherHostCountsAsAliveAsItCannotBeAsked() {
		assertThat(AuditLauncher.ownerAlive(ownedBy(1, "other-host"), executionStartedAt(LocalDateTime.now()), HOST))
			.isTrue();
	}

	private static AuditRun ownedBy(long pid, String host) {
		return new AuditRun(1, Instant.now(), List.of("hosts:/tmp/hosts.txt"), host, pid);
	}

	private static JobExecution executionStartedAt(LocalDateTime start) {
		JobExecution execution = MetaDataInstanceFactory.createJobExecution();
		execution.setStartTime(start);
		return execution;
	}

}
