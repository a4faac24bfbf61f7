package dev.certaudit.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.certaudit.inventory.Echo;

/**
 * A parsed command line: the verb, its arguments and options, and the {@code --name=value} settings
 * handed to Spring Boot (any {@code --cert-audit.*}, {@code --spring.*}, {@code --logging.*}).
 */
record Invocation(String verb, List<String> arguments, Map<String, List<String>> options,
		List<String> springArguments) {

	private static final Set<String> SPRING_PREFIXES = Set.of("cert-audit.", "spring.", "logging.", "server.");

	/**
	 * Secrets and the environment variables they are taken from: a command line is visible to every
	 * user of the machine ({@code ps}, {@code /proc}), so a secret there is refused rather than used.
	 */
	private static final Map<String, String> SECRETS = Map.of("cert-audit.cert-files.password",
			"CERT_AUDIT_CERT_FILES_PASSWORD", "cert-audit.trust.extra-store-password",
			"CERT_AUDIT_TRUST_EXTRA_STORE_PASSWORD", "spring.datasource.password", "CERT_AUDIT_DB_PASSWORD",
			"spring.mail.password", "SPRING_MAIL_PASSWORD", "spring.rabbitmq.password", "SPRING_RABBITMQ_PASSWORD");

	static Invocation parse(String[] args) {
		String verb = null;
		List<String> arguments = new ArrayList<>();
		Map<String, List<String>> options = new HashMap<>();
		List<String> spring = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--")) {
				String body = arg.substring(2);
				if (SPRING_PREFIXES.stream().anyMatch(body::startsWith)) {
					String setting = (body.indexOf('=') < 0) ? body : body.substring(0, body.indexOf('='));
					if (SECRETS.containsKey(setting)) {
						throw new UsageException("--" + setting + " is not taken on the command line, where other users"
								+ " of the machine can read it; set " + SECRETS.get(setting) + " in the environment instead");
					}
					spring.add(arg);
					continue;
				}
				int equals = body.indexOf('=');
				options.computeIfAbsent((equals < 0) ? body : body.substring(0, equals), (k) -> new ArrayList<>())
					.add((equals < 0) ? "" : body.substring(equals + 1));
			}
			else if (arg.equals("-h")) {
				options.computeIfAbsent("help", (k) -> new ArrayList<>()).add("");
			}
			else if (verb == null) {
				verb = arg;
			}
			else {
				arguments.add(arg);
			}
		}
		return new Invocation((verb != null) ? verb : "help", arguments, options, spring);
	}

	boolean flag(String name) {
		return this.options.containsKey(name);
	}

	/** Every value given to a repeatable option, in order. */
	List<String> values(String name) {
		return this.options.getOrDefault(name, List.of());
	}

	Integer intOption(String name) {
		List<String> values = values(name);
		if (values.isEmpty()) {
			return null;
		}
		String value = values.get(values.size() - 1);
		try {
			return Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--" + name + " needs a number, got " + Echo.quote(value));
		}
	}

	/** Arguments to a verb that takes none are mistakes, not silently ignored. */
	void allowNoArguments() {
		if (!this.arguments.isEmpty()) {
			throw new UsageException(this.verb + " takes no arguments, got " + String.join(" ", this.arguments));
		}
	}

	/** Options this verb does not know are mistakes, not silently ignored. */
	void allowOnly(String... names) {
		for (String option : this.options.keySet()) {
			if (!List.of(names).contains(option)) {
				throw new UsageException("unknown option --" + option + " for " + Echo.quote(this.verb));
			}
		}
	}

}
