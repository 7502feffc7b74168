package org.massbalance.engine.audit.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * The files of a package, each read by nobody after it is written: while a file is written its
 * SHA-256 (for the manifest), CRC-32 and size (for the zip) are computed, and, for a file the zip
 * compresses, its deflated form is written beside it, so that the manifest and the zip need no
 * second pass over the files. Files already compressed (XLSX, PDF) are stored in the zip as they
 * are.
 */
public final class PackageFiles implements AutoCloseable {

  /** What is known of a written file. */
  public record Written(String name, String sha256, long crc, long size, Path deflated) {}

  private final Path dir;
  private final Path work;
  private final int level;
  private final Map<String, Written> written = new ConcurrentHashMap<>();

  /**
   * Files in {@code dir}; deflated parts in {@code work}.
   *
   * @param level the zip's deflate level
   */
  public PackageFiles(Path dir, Path work, int level) {
    this.dir = dir;
    this.work = work;
    this.level = level;
  }

  /** The package directory. */
  public Path dir() {
    return dir;
  }

  /**
   * A new file {@code name} in the package directory (replaced if present).
   *
   * @param deflateInZip whether the zip compresses it (its deflated form is made now)
   */
  public OutputStream create(String name, boolean deflateInZip) throws IOException {
    Files.createDirectories(dir);
    Files.createDirectories(work);
    OutputStream file = new BufferedOutputStream(Files.newOutputStream(dir.resolve(name)), 1 << 16);
    Path part = deflateInZip ? Files.createTempFile(work, "zip-", ".deflate") : null;
    return new Tee(name, file, part);
  }

  /** What was written as {@code name}; fails if it was not written (or not closed). */
  public Written get(String name) {
    Written w = written.get(name);
    if (w == null) {
      throw new IllegalStateException(name + " was not written");
    }
    return w;
  }

  /** The manifest ({@code sha256sum} format) of {@code names}, in their order. */
  public String manifest(List<String> names) {
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      b.append(get(n).sha256()).append("  ").append(n).append('\n');
    }
    return b.toString();
  }

  /**
   * Writes the zip of {@code names} (in their order) to {@code out} (closed), with {@code first}'s
   * bytes as its first entry, deflated now.
   */
  public void zip(String firstName, byte[] first, List<String> names, OutputStream out)
      throws IOException {
    try (ZipAssembler zip = new ZipAssembler(new BufferedOutputStream(out, 1 << 16))) {
      zip.deflated(firstName, first, level);
      for (String n : names) {
        Written w = get(n);
        if (w.deflated() == null) {
          zip.stored(n, w.crc(), w.size(), dir.resolve(n));
        } else {
          zip.deflated(n, w.crc(), w.size(), w.deflated());
        }
      }
    }
  }

  @Override
  public void close() {
    for (Written w : written.values()) {
      if (w.deflated() != null) {
        try {
          Files.deleteIfExists(w.deflated());
        } catch (IOException e) {
          // left in the work directory, removed with it
        }
      }
    }
  }

  /** The SHA-256 of {@code bytes}, lower-case hex. */
  public static String sha256(byte[] bytes) {
    MessageDigest md = sha256();
    return HexFormat.of().formatHex(md.digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** Writes to the file, the digests and the deflated part at once. */
  private final class Tee extends OutputStream {
    private final String name;
    private final OutputStream file;
    private final Path part;
    private final OutputStream deflated;
    private final Deflater deflater;
    private final MessageDigest sha = sha256();
    private final CRC32 crc = new CRC32();
    private long size;
    private boolean closed;

    Tee(String name, OutputStream file, Path part) throws IOException {
      this.name = name;
      this.file = file;
      this.part = part;
      if (part != null) {
        deflater = new Deflater(level, true);
        deflated =
            new DeflaterOutputStream(
                new BufferedOutputStream(Files.newOutputStream(part), 1 << 16), deflater, 1 << 16);
      } else {
        deflater = null;
        deflated = null;
      }
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      file.write(b, off, len);
      sha.update(b, off, len);
      crc.update(b, off, len);
      if (deflated != null) {
        deflated.write(b, off, len);
      }
      size += len;
    }

    @Override
    public void flush() throws IOException {
      file.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      file.close();
      if (deflated != null) {
        try {
          deflated.close();
        } finally {
          deflater.end();
        }
      }
      written.put(
          name,
          new Written(name, HexFormat.of().formatHex(sha.digest()), crc.getValue(), size, part));
    }
  }

  /** Bytes of {@code s} in UTF-8. */
  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
