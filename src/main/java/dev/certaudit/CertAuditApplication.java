package dev.certaudit;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import dev.certaudit.cli.CertAuditCli;
import dev.certaudit.cli.ExitCodes;

@SpringBootApplication
@EnableConfigurationProperties(CertAuditProperties.class)
public class CertAuditApplication {

	/**
	 * Exits with the command's code. Whatever escapes it (a class missing from a broken build) exits 3,
	 * not the JVM's 1, which means "warnings only" and which a scheduler counts as success.
	 */
	public static void main(String[] args) {
		int code;
		try {
			code = CertAuditCli.run(args);
		}
		catch (Throwable ex) {
			System.err.println("cert-audit: cannot run: " + ex + "; build it again (scripts/cert-audit help)");
			code = ExitCodes.RUN_FAILED;
		}
		System.exit(code);
	}

}
