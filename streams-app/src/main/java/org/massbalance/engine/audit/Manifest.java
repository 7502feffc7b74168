package org.massbalance.engine.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code MANIFEST.sha256}: one line per file, {@code <sha-256 hex> <name>}, in the given order —
 * the format {@code sha256sum -c} checks.
 */
public final class Manifest {

  /** The manifest's file name. */
  public static final String FILE = "MANIFEST.sha256";

  private Manifest() {}

  /** The manifest text of {@code files} in {@code dir}. */
  public static String of(Path dir, List<String> files) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String name : files) {
      b.append(sha256(dir.resolve(name))).append("  ").append(name).append('\n');
    }
    return b.toString();
  }

  /** The SHA-256 of a file, lower-case hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
