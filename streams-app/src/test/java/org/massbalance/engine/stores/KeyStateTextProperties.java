package org.massbalance.engine.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/**
 * Text in a stored key state (lot ids, NOP IDs, months, period figures) is written as a presence
 * byte, the UTF-8 length as a zig-zag variable-length number and the UTF-8 bytes, whatever the
 * text: ASCII, which the writer copies without an intermediate array, or not.
 */
class KeyStateTextProperties {

  @Property(tries = 2000)
  void shouldWriteAnyTextAsItsUtf8BytesAndReadItBack(
      @ForAll @StringLength(max = 200) String lotId, @ForAll @StringLength(max = 20) String nop) {
    assertRoundTripAndLayout(lotId, nop);
  }

  @Property(tries = 2000)
  void shouldWriteAsciiTextAsItsUtf8BytesAndReadItBack(
      @ForAll
          @StringLength(max = 200)
          @CharRange(from = ' ', to = '~')
          @Chars({'\u0000', '\u007f', '\u0080', 'é'})
          String lotId) {
    assertRoundTripAndLayout(lotId, null);
  }

  private static void assertRoundTripAndLayout(String lotId, String nop) {
    KeyState.OpenLot lot = new KeyState.OpenLot(lotId, 1, 2, 3, new BigDecimal("1.5"), nop);

    byte[] stored = KeyStateSerde.encodeLot(lot);

    byte[] id = lotId.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(KeyStateSerde.LOT_FORMAT);
    expected.write(1);
    long z = (long) id.length << 1;
    while ((z & ~0x7FL) != 0) {
      expected.write((int) ((z & 0x7F) | 0x80));
      z >>>= 7;
    }
    expected.write((int) z);
    expected.writeBytes(id);
    byte[] head = expected.toByteArray();
    assertThat(Arrays.copyOf(stored, head.length)).isEqualTo(head);

    KeyState.OpenLot back = KeyStateSerde.decodeLot(stored);
    assertThat(back.lotId).isEqualTo(new String(id, StandardCharsets.UTF_8));
    assertThat(back.nopId)
        .isEqualTo(
            nop == null
                ? null
                : new String(nop.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }
}
