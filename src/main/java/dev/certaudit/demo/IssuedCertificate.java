package dev.certaudit.demo;

import java.security.KeyPair;
import java.security.cert.X509Certificate;

/** A generated certificate with the key pair it certifies, so it can sign others or serve TLS. */
public record IssuedCertificate(X509Certificate certificate, KeyPair keyPair) {
}
