package dev.certaudit.cli;

import java.nio.file.Path;
import java.util.Optional;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * What the command line checks once Spring Boot has gathered the settings from everywhere it reads
 * them, and before anything starts: no unknown or unusable settings, relative paths read where they
 * were written, and a database folder this user can write. It runs after the environment post
 * processors, which load application.yml and SPRING_APPLICATION_JSON, and after logging is set up from
 * them: a failure here is then reported by the command line alone, where before it Spring Boot would
 * log the failure's stack trace to an unconfigured console.
 */
final class StartChecks implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** After EnvironmentPostProcessorApplicationListener (+10) and LoggingApplicationListener (+20). */
	private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 25;

	private final Path callerDirectory;

	private Optional<DatabaseFolder> databaseFolder = Optional.empty();

	StartChecks(Path callerDirectory) {
		this.callerDirectory = callerDirectory;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		StrictSettings.check(environment);
		OperatorPaths.anchor(environment, this.callerDirectory);
		this.databaseFolder = DatabaseFolder.of(environment.getProperty("spring.datasource.url"));
		this.databaseFolder.ifPresent(DatabaseFolder::check);
	}

	/** The embedded database's folder, once the settings are known; for the message of a failure. */
	Optional<DatabaseFolder> databaseFolder() {
		return this.databaseFolder;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
