package dev.certaudit.job;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

import dev.certaudit.history.AuditRun;

import static org.assertj.core.api.Assertions.assertThat;

/** Telling a run whose process still works on it from one left behind by a dead process. */
class RunOwnerTest {

	private static final String HOST = "audit-host";

	private static final Predicate<String> NO_LEASE_ALIVE = (lease) -> false;

	@Test
	void runOfThisLiveProcessIsAlive() {
		JobExecution execution = executionStartedAt(LocalDateTime.now());

		assertThat(AuditLauncher.ownerAlive(ownedBy(ProcessHandle.current().pid(), HOST), execution, HOST,
				NO_LEASE_ALIVE))
			.isTrue();
	}

	@Test
	void runWhosePidIsGoneIsDead() throws Exception {
		Process ended = new ProcessBuilder("true").start();
		ended.waitFor(10, TimeUnit.SECONDS);

		assertThat(AuditLauncher.ownerAlive(ownedBy(ended.pid(), HOST), executionStartedAt(LocalDateTime.now()), HOST, NO_LEASE_ALIVE))
			.isFalse();
	}

	@Test
	void pidReusedByAProcessStartedAfterTheRunIsNotItsOwner() throws Exception {
		JobExecution yesterday = executionStartedAt(LocalDateTime.now().minusDays(1));
		Process newcomer = new ProcessBuilder("sleep", "30").start();
		try {
			assertThat(newcomer.isAlive()).isTrue();

			assertThat(AuditLauncher.ownerAlive(ownedBy(newcomer.pid(), HOST), yesterday, HOST, NO_LEASE_ALIVE))
				.isFalse();
		}
		finally {
			newcomer.destroyForcibly();
		}
	}

	@Test
	void runOwnedOnAnotherHostWithoutALeaseCountsAsAliveAsItCannotBeAsked() {
		assertThat(AuditLauncher.ownerAlive(ownedBy(1, "other-host"), executionStartedAt(LocalDateTime.now()), HOST, NO_LEASE_ALIVE))
			.isTrue();
	}

	@Test
	void runOwnedOnAnotherHostIsAliveWhileItsOwnerRenewsItsLease() {
		AuditRun run = new AuditRun(1, Instant.now(), List.of("hosts:/tmp/hosts.txt"), "manager-pod-1", 1, "lease-1");
		JobExecution execution = executionStartedAt(LocalDateTime.now());

		assertThat(AuditLauncher.ownerAlive(run, execution, HOST, "lease-1"::equals)).isTrue();
		assertThat(AuditLauncher.ownerAlive(run, execution, HOST, NO_LEASE_ALIVE)).isFalse();
	}

	private static AuditRun ownedBy(long pid, String host) {
		return new AuditRun(1, Instant.now(), List.of("hosts:/tmp/hosts.txt"), host, pid, null);
	}

	private static JobExecution executionStartedAt(LocalDateTime start) {
		JobExecution execution = MetaDataInstanceFactory.createJobExecution();
		execution.setStartTime(start);
		return execution;
	}

}
