package dev.certaudit.cli;

/**
 * A {@code cert-audit.*} setting that does not exist or whose value cannot be used, found before
 * anything starts; a usage error (exit 64) told in one line that names the setting.
 */
class SettingsException extends RuntimeException {

	SettingsException(String message) {
		super(message);
	}

}
