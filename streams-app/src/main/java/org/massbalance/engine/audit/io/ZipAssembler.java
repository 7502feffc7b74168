package org.massbalance.engine.audit.io;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a zip archive from entries whose bytes are ready: stored ones copied as they are, deflated
 * ones compressed beforehand (while their file was written) and copied, so that nothing is
 * compressed twice and every entry's sizes and CRC stand in its local header (no data descriptors).
 * Every entry carries the same DOS time (1980-01-01 00:00) and no other extra field than ZIP64's,
 * which an entry or the directory gets only when a size or an offset needs it. The same entries
 * give the same bytes.
 */
public final class ZipAssembler implements Closeable {

  private static final long MAX32 = 0xFFFFFFFFL;
  private static final int DOS_DATE = (1 << 5) | 1; // 1980-01-01
  private static final int DOS_TIME = 0;

  private record Written(
      byte[] name, int method, long crc, long size, long compressed, long offset) {}

  private final CountingOutputStream out;
  private final List<Written> entries = new ArrayList<>();
  private final boolean forceZip64;

  /** An archive written to {@code out} (closed with it). */
  public ZipAssembler(OutputStream out) {
    this(out, false);
  }

  ZipAssembler(OutputStream out, boolean forceZip64) {
    this.out = new CountingOutputStream(out);
    this.forceZip64 = forceZip64;
  }

  /** A stored entry: the bytes of {@code file} as they are (its CRC and size given). */
  public void stored(String name, long crc, long size, Path file) throws IOException {
    header(name, 0, crc, size, size);
    copy(file);
  }

  /**
   * A deflated entry whose raw deflate stream (no zlib header) is {@code compressed}.
   *
   * @param crc the CRC-32 of the uncompressed bytes
   * @param size the uncompressed size
   */
  public void deflated(String name, long crc, long size, Path compressed) throws IOException {
    header(name, 8, crc, size, Files.size(compressed));
    copy(compressed);
  }

  /** A deflated entry of {@code data}, compressed now at {@code level}. */
  public void deflated(String name, byte[] data, int level) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(data);
    ByteArrayOutputStream c = new ByteArrayOutputStream(data.length / 2 + 64);
    Deflater d = new Deflater(level, true);
    try (DeflaterOutputStream z = new DeflaterOutputStream(c, d)) {
      z.write(data);
    } finally {
      d.end();
    }
    byte[] bytes = c.toByteArray();
    header(name, 8, crc.getValue(), data.length, bytes.length);
    out.write(bytes);
  }

  private void copy(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      in.transferTo(out);
    }
  }

  private void header(String name, int method, long crc, long size, long compressed)
      throws IOException {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    long offset = out.count;
    boolean z64 = size >= MAX32 || compressed >= MAX32 || forceZip64;
    LittleEndian h = new LittleEndian();
    h.i32(0x04034b50);
    h.i16(z64 ? 45 : 20);
    h.i16(nonAscii(n) ? 0x0800 : 0);
    h.i16(method);
    h.i16(DOS_TIME);
    h.i16(DOS_DATE);
    h.i32((int) crc);
    h.i32(z64 ? (int) MAX32 : (int) compressed);
    h.i32(z64 ? (int) MAX32 : (int) size);
    h.i16(n.length);
    h.i16(z64 ? 20 : 0);
    h.bytes(n);
    if (z64) {
      h.i16(0x0001);
      h.i16(16);
      h.i64(size);
      h.i64(compressed);
    }
    out.write(h.toByteArray());
    entries.add(new Written(n, method, crc, size, compressed, offset));
  }

  private static boolean nonAscii(byte[] b) {
    for (byte x : b) {
      if (x < 0) {
        return true;
      }
    }
    return false;
  }

  /** Writes the central directory and closes the output. */
  @Override
  public void close() throws IOException {
    long cdStart = out.count;
    for (Written e : entries) {
      boolean bigSize = forceZip64 || e.size >= MAX32;
      boolean bigCompressed = forceZip64 || e.compressed >= MAX32;
      boolean bigOffset = forceZip64 || e.offset >= MAX32;
      LittleEndian extra = new LittleEndian();
      if (bigSize || bigCompressed || bigOffset) {
        LittleEndian fields = new LittleEndian();
        if (bigSize) {
          fields.i64(e.size);
        }
        if (bigCompressed) {
          fields.i64(e.compressed);
        }
        if (bigOffset) {
          fields.i64(e.offset);
        }
        byte[] f = fields.toByteArray();
        extra.i16(0x0001);
        extra.i16(f.length);
        extra.bytes(f);
      }
      byte[] x = extra.toByteArray();
      boolean z64 = x.length > 0;
      LittleEndian c = new LittleEndian();
      c.i32(0x02014b50);
      c.i16(z64 ? 45 : 20);
      c.i16(z64 ? 45 : 20);
      c.i16(nonAscii(e.name) ? 0x0800 : 0);
      c.i16(e.method);
      c.i16(DOS_TIME);
      c.i16(DOS_DATE);
      c.i32((int) e.crc);
      c.i32(bigCompressed ? (int) MAX32 : (int) e.compressed);
      c.i32(bigSize ? (int) MAX32 : (int) e.size);
      c.i16(e.name.length);
      c.i16(x.length);
      c.i16(0);
      c.i16(0);
      c.i16(0);
      c.i32(0);
      c.i32(bigOffset ? (int) MAX32 : (int) e.offset);
      c.bytes(e.name);
      c.bytes(x);
      out.write(c.toByteArray());
    }
    long cdSize = out.count - cdStart;
    boolean z64 = forceZip64 || entries.size() >= 0xFFFF || cdStart >= MAX32 || cdSize >= MAX32;
    LittleEndian end = new LittleEndian();
    if (z64) {
      long z64End = out.count;
      end.i32(0x06064b50);
      end.i64(44);
      end.i16(45);
      end.i16(45);
      end.i32(0);
      end.i32(0);
      end.i64(entries.size());
      end.i64(entries.size());
      end.i64(cdSize);
      end.i64(cdStart);
      end.i32(0x07064b50);
      end.i32(0);
      end.i64(z64End);
      end.i32(1);
    }
    end.i32(0x06054b50);
    end.i16(0);
    end.i16(0);
    end.i16(Math.min(entries.size(), 0xFFFF));
    end.i16(Math.min(entries.size(), 0xFFFF));
    end.i32(z64 ? (int) MAX32 : (int) cdSize);
    end.i32(z64 ? (int) MAX32 : (int) cdStart);
    end.i16(0);
    out.write(end.toByteArray());
    out.close();
  }

  private static final class LittleEndian extends ByteArrayOutputStream {
    void i16(int v) {
      write(v & 0xff);
      write((v >>> 8) & 0xff);
    }

    void i32(int v) {
      i16(v & 0xffff);
      i16((v >>> 16) & 0xffff);
    }

    void i64(long v) {
      i32((int) v);
      i32((int) (v >>> 32));
    }

    void bytes(byte[] b) {
      write(b, 0, b.length);
    }
  }

  private static final class CountingOutputStream extends OutputStream {
    private final OutputStream out;
    long count;

    CountingOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
