package dev.certaudit;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import dev.certaudit.cli.CertAuditCli;

@SpringBootApplication
@EnableConfigurationProperties(CertAuditProperties.class)
public class CertAuditApplication {

	public static void main(String[] args) {
		System.exit(CertAuditCli.run(args));
	}

}
