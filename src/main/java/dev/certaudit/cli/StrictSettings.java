package dev.certaudit.cli;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import dev.certaudit.CertAuditProperties;
import dev.certaudit.cli.SettingsCatalogue.Setting;

/**
 * Refuses, before the context starts, a {@code cert-audit.*} setting that does not exist, wherever it
 * was set (command line, {@code application.yml} or any other settings file Spring Boot reads,
 * {@code SPRING_APPLICATION_JSON}, system properties, the environment), and one whose value cannot be
 * used. Spring Boot ignores a key nothing binds, so {@code cert-audit.mail.enable=true} (for
 * {@code enabled}) would leave the mail unsent without a word; and its own account of a bad value is a
 * twenty-line report. Both are told here in one line that names the setting.
 */
final class StrictSettings {

	/** Environment variables scripts/cert-audit reads or sets, which are not settings. */
	private static final Set<String> LAUNCHER_VARIABLES = Set.of("CERT_AUDIT_JAVA_OPTS", CertAuditCli.CALLER_DIR_VARIABLE);

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)");

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of(SettingsCatalogue.PREFIX);

	private StrictSettings() {
	}

	/** @throws SettingsException naming the first unknown setting, else every value that cannot be used */
	static void check(ConfigurableEnvironment environment) {
		refuseUnknown(environment);
		refuseBadValues(environment);
	}

	private static void refuseUnknown(ConfigurableEnvironment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource variables) {
				refuseUnknownVariables(variables, placeholders(environment));
			}
			else if (source instanceof IterableConfigurationPropertySource names) {
				names.stream().filter(PREFIX::isAncestorOf).forEach((name) -> refuseUnknown(source, name));
			}
		}
	}

	private static void refuseUnknown(ConfigurationPropertySource source, ConfigurationPropertyName name) {
		SettingsCatalogue catalogue = SettingsCatalogue.certAudit();
		if (catalogue.find(withoutIndexes(name)).isPresent()) {
			return;
		}
		ConfigurationProperty property = source.getConfigurationProperty(name);
		String where = (property != null) ? where(property.getOrigin()) : "";
		String key = withoutIndexes(name).toString();
		throw new SettingsException("unknown setting " + key + where + catalogue.closest(key)
			.map((setting) -> "; did you mean " + setting.key() + "?")
			.orElse("; 'cert-audit help' and README.md list the settings"));
	}

	/** {@code cert-audit.mail.to[0]} is {@code cert-audit.mail.to}, as a list in YAML is written. */
	private static ConfigurationPropertyName withoutIndexes(ConfigurationPropertyName name) {
		StringBuilder key = new StringBuilder();
		for (int i = 0; i < name.getNumberOfElements(); i++) {
			if (!name.isNumericIndex(i)) {
				key.append((key.length() > 0) ? "." : "").append(name.getElement(i, Form.ORIGINAL));
			}
		}
		return ConfigurationPropertyName.adapt(key, '.');
	}

	/**
	 * Variables named {@code CERT_AUDIT_*} are settings, except those a settings file reads through a
	 * placeholder ({@code CERT_AUDIT_DB_URL} in {@code application.yml}) and the launcher's own.
	 */
	private static void refuseUnknownVariables(SystemEnvironmentPropertySource variables, Set<String> placeholders) {
		SettingsCatalogue catalogue = SettingsCatalogue.certAudit();
		for (String variable : variables.getPropertyNames()) {
			String upper = variable.toUpperCase(Locale.ROOT);
			if (!(upper.startsWith("CERT_AUDIT_") || upper.startsWith("CERTAUDIT_")) || placeholders.contains(variable)
					|| LAUNCHER_VARIABLES.contains(variable) || catalogue.findVariable(upper).isPresent()) {
				continue;
			}
			throw new SettingsException("unknown setting " + variable + " in the environment" + catalogue
				.closestVariable(upper)
				.map((setting) -> "; did you mean " + setting.variable() + " (" + setting.key() + ")?")
				.orElse("; 'cert-audit help' and README.md list the settings"));
		}
	}

	private static Set<String> placeholders(ConfigurableEnvironment environment) {
		Set<String> names = new HashSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable
					&& !(source instanceof SystemEnvironmentPropertySource)) {
				for (String name : enumerable.getPropertyNames()) {
					Matcher matcher = PLACEHOLDER.matcher(String.valueOf(enumerable.getProperty(name)));
					while (matcher.find()) {
						names.add(matcher.group(1));
					}
				}
			}
		}
		return names;
	}

	/** Binds and validates the settings as the context will, to refuse a bad value before it starts. */
	private static void refuseBadValues(ConfigurableEnvironment environment) {
		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			Binder.get(environment)
				.bindOrCreate(SettingsCatalogue.PREFIX, Bindable.of(CertAuditProperties.class),
						new ValidationBindHandler(new SpringValidatorAdapter(validation.getValidator())));
		}
		catch (BindException ex) {
			throw new SettingsException(describe(ex));
		}
	}

	/**
	 * A failed binding in one line: the key, the value as written and what the setting takes
	 * ({@code cert-audit.fetch.retries: 'abc' is not a whole number from 0 to 20}), or the reason a
	 * setting's own check gives.
	 */
	static String describe(BindException failure) {
		if (failure.getCause() instanceof BindValidationException validation) {
			ValidationErrors errors = validation.getValidationErrors();
			return errors.getAllErrors()
				.stream()
				.map((error) -> refused(errors, error))
				.collect(Collectors.joining("; "));
		}
		ConfigurationProperty property = failure.getProperty();
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		if (property != null && !(cause instanceof IllegalArgumentException && isAboutASetting(cause))) {
			return refused(property.getName(), property.getValue(), property.getOrigin(), cause.getMessage());
		}
		return isAboutASetting(cause) ? cause.getMessage() : failure.getName() + ": " + cause.getMessage();
	}

	private static boolean isAboutASetting(Throwable cause) {
		return cause.getMessage() != null && cause.getMessage().startsWith(SettingsCatalogue.PREFIX + ".");
	}

	private static String refused(ValidationErrors errors, ObjectError error) {
		if (!(error instanceof FieldError field)) {
			return errors.getName() + ": " + error.getDefaultMessage();
		}
		// the field is the records' path in Java's names, thresholds.warningDays: the key is dashed
		ConfigurationPropertyName name = ConfigurationPropertyName.of(errors.getName() + "."
				+ Arrays.stream(field.getField().split("\\.")).map(DataObjectPropertyName::toDashedForm).collect(Collectors.joining(".")));
		Optional<ConfigurationProperty> written = errors.getBoundProperties()
			.stream()
			.filter((property) -> property.getName().equals(name))
			.findFirst();
		return refused(name, written.map(ConfigurationProperty::getValue).orElse(field.getRejectedValue()),
				written.map(ConfigurationProperty::getOrigin).orElse(null), field.getDefaultMessage());
	}

	private static String refused(ConfigurationPropertyName name, Object value, Origin origin, String reason) {
		Optional<Setting> setting = SettingsCatalogue.certAudit().find(name);
		String written = "'" + ((value != null) ? value : "") + "'";
		return setting.map((known) -> known.key() + ": " + written + " is not " + known.accepts() + where(origin))
			.orElseGet(() -> name + ": " + written + " is refused" + where(origin) + ": " + reason);
	}

	/** Where a setting was written, after its name; nothing for the command line, where the operator just typed it. */
	static String where(Origin origin) {
		if (origin instanceof PropertySourceOrigin property && property.getOrigin() != null) {
			return where(property.getOrigin());
		}
		if (origin instanceof TextResourceOrigin text && text.getResource() != null) {
			String resource = text.getResource().getDescription();
			return (text.getLocation() != null) ? " (" + resource + " line " + (text.getLocation().getLine() + 1) + ")"
					: " (" + resource + ")";
		}
		if (origin instanceof SystemEnvironmentOrigin variable) {
			return " (" + variable.getProperty() + " in the environment)";
		}
		if (origin instanceof PropertySourceOrigin property) {
			return switch (property.getPropertySource().getName()) {
				case "commandLineArgs" -> "";
				case "systemEnvironment" -> " (" + property.getPropertyName() + " in the environment)";
				case "systemProperties" -> " (a Java system property)";
				case "spring.application.json" -> " (SPRING_APPLICATION_JSON)";
				default -> " (" + property.getPropertySource().getName() + ")";
			};
		}
		return (origin != null) ? " (" + origin + ")" : "";
	}

}
