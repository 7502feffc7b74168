package org.massbalance.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files of the local stack that hold secrets: readable by their owner only, where POSIX allows. */
final class LocalFiles {

  private LocalFiles() {}

  /** Makes {@code file} readable and writable by its owner only (no-op without POSIX). */
  static void ownerOnly(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: its own permissions apply
    }
  }

  /** Writes {@code text} to {@code file}, readable by its owner only. */
  static void writeSecret(Path file, String text) {
    try {
      Files.deleteIfExists(file);
      Files.createFile(file);
      ownerOnly(file);
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + file, e);
    }
  }
}
