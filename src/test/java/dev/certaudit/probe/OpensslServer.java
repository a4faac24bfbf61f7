package dev.certaudit.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.certaudit.demo.IssuedCertificate;

/**
 * {@code openssl s_server} on a loopback port, an implementation nobody here wrote, configured as the
 * servers of real estates are; stopped when closed.
 */
public final class OpensslServer implements AutoCloseable {

	private final Process process;

	private final int port;

	private OpensslServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts {@code openssl s_server -accept PORT ARGS} and waits until it accepts connections.
	 * @param args the configuration, with files written by {@link #pem} and {@link #key}
	 */
	public static OpensslServer start(List<String> args) throws IOException, InterruptedException {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port));
		command.addAll(args);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		OpensslServer server = new OpensslServer(process, port);
		BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		CompletableFuture<Boolean> accepting = CompletableFuture.supplyAsync(() -> {
			try {
				StringBuilder said = new StringBuilder();
				for (String line; (line = output.readLine()) != null;) {
					if (line.contains("ACCEPT")) {
						// keep reading, or s_server blocks on a full pipe; the pipe closes with the process
						Thread.ofVirtual().start(() -> {
							try {
								output.transferTo(Writer.nullWriter());
							}
							catch (IOException ex) {
								// the server was stopped
							}
						});
						return true;
					}
					said.append(line).append('\n');
				}
				throw new IllegalStateException("openssl s_server " + args + " did not start:\n" + said);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		try {
			accepting.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			server.close();
			throw new IllegalStateException("openssl s_server did not start: " + ex.getMessage(), ex);
		}
		return server;
	}

	public int port() {
		return this.port;
	}

	/** Writes certificates as one PEM file, in the order given. */
	public static Path pem(Path file, X509Certificate... certificates) throws IOException {
		StringBuilder text = new StringBuilder();
		for (X509Certificate certificate : certificates) {
			text.append(Pem.encode(certificate));
		}
		return Files.writeString(file, text);
	}

	/** Writes a certificate's private key as unencrypted PKCS#8 PEM. */
	public static Path key(Path file, IssuedCertificate certificate) throws IOException {
		PrivateKey key = certificate.keyPair().getPrivate();
		return Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(key.getEncoded())
				+ "\n-----END PRIVATE KEY-----\n");
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
