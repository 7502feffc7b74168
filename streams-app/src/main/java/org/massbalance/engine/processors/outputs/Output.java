package org.massbalance.engine.processors.outputs;

import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * One typed output of a processor: what it carries ({@code T}) and the child nodes, by name, it
 * goes to. The topology names the children and hands each processor its outputs (ADR 17), so a
 * record reaches exactly the nodes of its kind, in the order named, with no split, branch or cast
 * node on the way.
 *
 * @param children the names of the child nodes, in the order they receive a record
 * @param <T> the type of the values forwarded
 */
public record Output<T>(List<String> children) {

  /** Validates and copies. */
  public Output {
    if (children.isEmpty()) {
      throw new IllegalArgumentException("an output needs at least one child node");
    }
    children = List.copyOf(children);
  }

  /** The output to the named child nodes, in this order. */
  public static <T> Output<T> to(String... children) {
    return new Output<>(List.of(children));
  }

  /** Forwards the record to each child node of this output, in order. */
  public void forward(ProcessorContext<String, ? super T> context, Record<String, T> record) {
    for (String child : children) {
      context.forward(record, child);
    }
  }
}
