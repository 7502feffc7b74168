package org.massbalance.engine.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A table row ({@code String}, {@code BigDecimal}, {@code Long}, {@code Boolean}, null) as bytes.
 */
final class RowCodec {

  private RowCodec() {}

  static byte[] encode(Object[] row) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream(64 + row.length * 16);
      DataOutputStream out = new DataOutputStream(b);
      out.writeShort(row.length);
      for (Object v : row) {
        if (v == null) {
          out.writeByte(0);
        } else if (v instanceof String s) {
          out.writeByte(1);
          text(out, s);
        } else if (v instanceof BigDecimal d) {
          out.writeByte(2);
          text(out, d.toString());
        } else if (v instanceof Long n) {
          out.writeByte(3);
          out.writeLong(n);
        } else if (v instanceof Boolean x) {
          out.writeByte(4);
          out.writeBoolean(x);
        } else {
          out.writeByte(1);
          text(out, String.valueOf(v));
        }
      }
      out.flush();
      return b.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Object[] decode(byte[] bytes) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      Object[] row = new Object[in.readShort()];
      for (int i = 0; i < row.length; i++) {
        row[i] =
            switch (in.readByte()) {
              case 0 -> null;
              case 1 -> text(in);
              case 2 -> new BigDecimal(text(in));
              case 3 -> in.readLong();
              case 4 -> in.readBoolean();
              default -> throw new IllegalStateException("bad row encoding");
            };
      }
      return row;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    byte[] u = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(u.length);
    out.write(u);
  }

  private static String text(DataInputStream in) throws IOException {
    return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
  }
}
