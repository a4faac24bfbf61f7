package dev.certaudit.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.certaudit.cli.SettingsCatalogue.Setting;

/**
 * Reads each relative path where whoever wrote it stood. The launcher runs cert-audit in its checkout,
 * so the defaults and the paths of its settings files ({@code reports}, {@code data},
 * {@code jobs/prefixes.txt}) stay there, as the README says; a path the operator typed (on the command
 * line, in the environment, as a system property or in {@code SPRING_APPLICATION_JSON}) is read from the
 * directory the command was started in, which the launcher passes on. Every path setting is made
 * absolute, so that every message and summary names the file wherever it is read.
 */
final class OperatorPaths {

	static final String SOURCE_NAME = "cert-audit paths made absolute";

	/** Where the operator writes settings by hand, as opposed to a settings file beside the checkout. */
	private static final Set<String> TYPED = Set.of("commandLineArgs", StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
			StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, "spring.application.json");

	private static final String DATASOURCE_URL = "spring.datasource.url";

	/** A whole value that is one placeholder, {@code ${CERT_AUDIT_DB_URL:...}}: the variable's, when set. */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(:.*)?}");

	private OperatorPaths() {
	}

	static void anchor(ConfigurableEnvironment environment, Path callerDirectory) {
		Path workingDirectory = Path.of("").toAbsolutePath();
		Map<String, Object> absolute = new LinkedHashMap<>();
		for (Setting setting : SettingsCatalogue.certAudit().settings()) {
			if (setting.isPath()) {
				Optional<Written> written = written(environment, setting.name());
				written.or(() -> setting.defaultValue().map((value) -> new Written(value, false)))
					.filter((value) -> !value.text().isBlank() && !Path.of(value.text()).isAbsolute())
					.ifPresent((value) -> absolute.put(setting.key(),
							(value.typed() ? callerDirectory : workingDirectory).resolve(value.text()).normalize().toString()));
			}
		}
		written(environment, ConfigurationPropertyName.of(DATASOURCE_URL)).filter(Written::typed)
			.flatMap((value) -> DatabaseFolder.anchoredUrl(value.text(), callerDirectory))
			.ifPresent((url) -> absolute.put(DATASOURCE_URL, url));
		if (!absolute.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, absolute));
		}
	}

	/** The value that wins for a setting, placeholders resolved, and whether the operator typed it. */
	private static Optional<Written> written(ConfigurableEnvironment environment, ConfigurationPropertyName name) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			if (property != null && property.getValue() != null) {
				String raw = String.valueOf(property.getValue());
				return Optional.of(new Written(environment.resolvePlaceholders(raw),
						typed(source.getUnderlyingSource()) || fromTypedVariable(raw)));
			}
		}
		return Optional.empty();
	}

	private static boolean typed(Object source) {
		return source instanceof PropertySource<?> propertySource && TYPED.contains(propertySource.getName());
	}

	private static boolean fromTypedVariable(String raw) {
		Matcher matcher = PLACEHOLDER.matcher(raw.strip());
		return matcher.matches() && System.getenv(matcher.group(1)) != null;
	}

	private record Written(String text, boolean typed) {
	}

}
