package dev.certaudit.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a delivery: a folder (with its subfolders), a zip, or one file. A zip is read where it lies,
 * entry by entry, and never unpacked to disk; what it may unpack to is bounded, so a zip bomb or a
 * mistaken archive of a whole server costs a refusal, not the machine's memory.
 */
final class DeliveryReader {

	/** Far above any certificate, key or bundle; a larger file is none of them and is not read. */
	static final int MAX_FILE_BYTES = 1024 * 1024;

	/** A delivery is a handful of files; a thousand is something else. */
	static final int MAX_FILES = 1000;

	/** What all the files of a delivery, zip entries unpacked, may add up to. */
	static final long MAX_TOTAL_BYTES = 32L * 1024 * 1024;

	/** Folders deeper than this are not followed: no delivery nests its files so far down. */
	private static final int MAX_DEPTH = 8;

	private final DeliveredFileParser parser;

	DeliveryReader(DeliveredFileParser parser) {
		this.parser = parser;
	}

	Delivery read(Path path) throws DeliveryUnreadableException {
		Budget budget = new Budget();
		List<DeliveredFile> files = new ArrayList<>();
		try {
			if (Files.isDirectory(path)) {
				for (Path file : folder(path)) {
					readFile(file, path.relativize(file).toString(), files, budget);
				}
			}
			else if (Files.isRegularFile(path)) {
				readFile(path, path.getFileName().toString(), files, budget);
			}
			else {
				throw new DeliveryUnreadableException(path + " is neither a file nor a folder");
			}
		}
		catch (IOException ex) {
			throw new DeliveryUnreadableException("cannot read " + path + ": " + ex.getMessage());
		}
		files.sort(Comparator.comparing(DeliveredFile::name));
		return new Delivery(path, files);
	}

	private static List<Path> folder(Path path) throws IOException, DeliveryUnreadableException {
		try (Stream<Path> walk = Files.walk(path, MAX_DEPTH)) {
			List<Path> files = walk.filter(Files::isRegularFile).limit(MAX_FILES + 1L).sorted().toList();
			if (files.size() > MAX_FILES) {
				throw new DeliveryUnreadableException(path + " holds more than " + MAX_FILES
						+ " files: not a certificate delivery");
			}
			return files;
		}
	}

	private void readFile(Path file, String name, List<DeliveredFile> files, Budget budget)
			throws IOException, DeliveryUnreadableException {
		if (isZip(file)) {
			readZip(file, name, files, budget);
			return;
		}
		budget.count(name);
		if (Files.size(file) > MAX_FILE_BYTES) {
			files.add(tooLarge(name));
			return;
		}
		byte[] bytes = Files.readAllBytes(file);
		budget.spend(bytes.length, name);
		files.add(this.parser.parse(name, bytes));
	}

	private void readZip(Path zip, String name, List<DeliveredFile> files, Budget budget)
			throws DeliveryUnreadableException {
		try (ZipFile archive = new ZipFile(zip.toFile())) {
			if (archive.size() > MAX_FILES) {
				throw new DeliveryUnreadableException(name + " holds " + archive.size() + " entries, more than "
						+ MAX_FILES + ": not a certificate delivery");
			}
			Enumeration<? extends ZipEntry> entries = archive.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				if (entry.isDirectory()) {
					continue;
				}
				String entryName = name + ": " + entry.getName();
				budget.count(entryName);
				if (isZipName(entry.getName())) {
					files.add(DeliveredFile.ignored(entryName, "a zip inside the zip is not opened: unpack it first"));
					continue;
				}
				// the size the entry declares may lie: what it unpacks to is counted as it is read
				byte[] bytes;
				try (InputStream in = archive.getInputStream(entry)) {
					bytes = in.readNBytes(MAX_FILE_BYTES + 1);
				}
				if (bytes.length > MAX_FILE_BYTES) {
					files.add(tooLarge(entryName));
					continue;
				}
				budget.spend(bytes.length, entryName);
				files.add(this.parser.parse(entryName, bytes));
			}
		}
		catch (ZipException ex) {
			throw new DeliveryUnreadableException(name + " is not a zip that can be read (" + ex.getMessage()
					+ "); an encrypted zip must be unpacked first");
		}
		catch (IOException ex) {
			throw new DeliveryUnreadableException("cannot read " + name + ": " + ex.getMessage());
		}
	}

	private static DeliveredFile tooLarge(String name) {
		return DeliveredFileParser.notCertificates(name, "larger than 1 MiB, which no certificate or key file is");
	}

	private static boolean isZip(Path file) throws IOException {
		if (isZipName(file.getFileName().toString())) {
			return true;
		}
		try (InputStream in = Files.newInputStream(file)) {
			byte[] magic = in.readNBytes(4);
			// "PK\3\4", a zip's local file header (APPNOTE 4.3.7), whatever the file is called
			return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
		}
	}

	private static boolean isZipName(String name) {
		return name.toLowerCase(Locale.ROOT).endsWith(".zip");
	}

	/** How many files and bytes the delivery has taken so far. */
	private static final class Budget {

		private int files;

		private long bytes;

		void count(String name) throws DeliveryUnreadableException {
			if (++this.files > MAX_FILES) {
				throw new DeliveryUnreadableException("more than " + MAX_FILES + " files by " + name
						+ ": not a certificate delivery");
			}
		}

		void spend(long size, String name) throws DeliveryUnreadableException {
			this.bytes += size;
			if (this.bytes > MAX_TOTAL_BYTES) {
				throw new DeliveryUnreadableException("the delivery unpacks to more than "
						+ (MAX_TOTAL_BYTES / 1024 / 1024) + " MiB by " + name + ": not a certificate delivery");
			}
		}

	}

}
