package dev.certaudit.analysis;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import dev.certaudit.probe.ProbeOutcome;

/**
 * Everything the rules may look at for one endpoint.
 * @param host the name clients use, checked against the leaf
 * @param presented the chain as the server sent it, leaf first; empty unless fetched and parsed
 * @param validation null when there is no chain to validate
 * @param now the instant the run judges validity at, so one run judges every endpoint alike
 */
public record Evidence(String host, ProbeOutcome outcome, String fetchDetail, List<X509Certificate> presented,
		ChainValidation validation, Instant now) {

	public Evidence {
		presented = List.copyOf(presented);
	}

	public boolean hasChain() {
		return !this.presented.isEmpty();
	}

	public X509Certificate leaf() {
		return this.presented.get(0);
	}

}
