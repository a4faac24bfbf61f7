package dev.certaudit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files of the database and the reports, which map the organisation's weak points: created
 * for their owner and the owner's group only, folders 750 and files 640 on a POSIX file system. The
 * process's umask still applies and can take more away (027 or 077), never give more back; a folder that
 * is there already is left as it is.
 */
public final class PrivateFiles {

	private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxr-x---");

	private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r-----");

	private PrivateFiles() {
	}

	/** The folder and those above it that are missing. */
	public static Path createFolders(Path folder) throws IOException {
		return Files.createDirectories(folder, attributes(folder, FOLDER));
	}

	/** A new, empty file; its folder must be there. */
	public static Path createFile(Path file) throws IOException {
		return Files.createFile(file, attributes(file, FILE));
	}

	private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> permissions) {
		if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[0];
		}
		return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) };
	}

}
