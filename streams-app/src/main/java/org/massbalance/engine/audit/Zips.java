package org.massbalance.engine.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Zip archives whose bytes depend only on their content: entries in the given order, each stamped
 * with the same DOS time (1980-01-01 00:00, independent of the time zone) and no extra fields.
 */
public final class Zips {

  /** The time every entry carries. */
  static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

  private Zips() {}

  /** Writes {@code files} of {@code dir}, in this order, as a zip to {@code out} (closed). */
  public static void write(Path dir, List<String> files, OutputStream out) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String name : files) {
        zip.putNextEntry(entry(name));
        Files.copy(dir.resolve(name), zip);
        zip.closeEntry();
      }
    }
  }

  /**
   * Copies the zip file {@code in} to {@code out} (closed), entries in their order with fixed
   * times: removes the writing time that libraries (POI) stamp on each entry.
   */
  public static void normalise(Path in, OutputStream out) throws IOException {
    try (ZipFile src = new ZipFile(in.toFile());
        ZipOutputStream zip = new ZipOutputStream(out)) {
      var entries = src.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        zip.putNextEntry(entry(e.getName()));
        try (InputStream data = src.getInputStream(e)) {
          data.transferTo(zip);
        }
        zip.closeEntry();
      }
    }
  }

  private static ZipEntry entry(String name) {
    ZipEntry z = new ZipEntry(name);
    z.setTimeLocal(ENTRY_TIME);
    return z;
  }
}
