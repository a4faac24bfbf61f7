package dev.certaudit.probe;

import java.nio.file.Path;
import java.util.List;

import dev.certaudit.discovery.AuditTarget;
import dev.certaudit.inventory.Protocol;

/**
 * Brings back one target's chain by the means its kind needs: a certificate file is read, a name
 * discovery could not resolve is recorded as such, and every other target is fetched from its endpoint.
 */
public class TargetProbe {

	private final CertificateFetcher fetcher;

	private final CertificateFileReader fileReader;

	public TargetProbe(CertificateFetcher fetcher, CertificateFileReader fileReader) {
		this.fetcher = fetcher;
		this.fileReader = fileReader;
	}

	/**
	 * The target's probe; for a server that gives RSA-only clients another certificate, that one too, as
	 * a target of its own ({@link AuditTarget#rsaVariant}).
	 */
	public List<ProbedTarget> probe(AuditTarget target) {
		ProbeResult probe;
		if (target.target().protocol() == Protocol.FILE) {
			probe = this.fileReader.read(Path.of(target.target().host()));
		}
		else if (target.unresolved() != null) {
			probe = ProbeResult.unresolved(target.unresolved());
		}
		else {
			probe = this.fetcher.fetch(target.target());
			ProbedTarget probed = new ProbedTarget(target, probe);
			return this.fetcher.rsaSecondLook(target.target(), probe)
				.map((rsa) -> List.of(probed, new ProbedTarget(target.rsaVariant(), rsa)))
				.orElse(List.of(probed));
		}
		return List.of(new ProbedTarget(target, probe));
	}

}
