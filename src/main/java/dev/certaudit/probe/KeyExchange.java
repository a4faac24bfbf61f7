package dev.certaudit.probe;

/**
 * How a handshake agreed its keys: an (EC)DHE group, or RSA key transport, which has no forward secrecy.
 * @param group the named group ({@code x25519}, {@code secp256r1}, {@code ffdhe2048} ...), {@code DH} for
 * a finite-field group the server chose itself, or {@code RSA} for RSA key transport
 * @param bits the size of the group's prime or curve field, or of the server's RSA key for key transport
 */
public record KeyExchange(String group, int bits) {

	public static final String CUSTOM_DH = "DH";

	public static final String RSA = "RSA";

	/** A finite-field Diffie-Hellman group, named or the server's own. */
	public boolean finiteFieldDh() {
		return CUSTOM_DH.equals(this.group) || this.group.startsWith("ffdhe");
	}

	/** As reports show it: {@code x25519}, {@code DH 1024 bits}, {@code RSA key transport}. */
	@Override
	public String toString() {
		if (RSA.equals(this.group)) {
			return "RSA key transport";
		}
		return CUSTOM_DH.equals(this.group) ? "DH " + this.bits + " bits" : this.group;
	}

}
