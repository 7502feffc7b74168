package org.massbalance.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigException;
import org.massbalance.engine.config.EngineConfig;
import org.massbalance.engine.runtime.ClusterTopics;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.engine.runtime.StartupException;
import org.massbalance.engine.runtime.TopicRequirements;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code massbalance topics create|check --config FILE}: every topic the engine needs, with the
 * contract's settings (partitions, replication factor, {@code min.insync.replicas}, 5 years of
 * retention, compaction where the contract says), on an existing cluster. {@code create} makes the
 * missing ones and leaves existing ones as they are; {@code check} lists every difference and exits
 * 1 when there is one. The settings come from the same file and {@code MASSBALANCE_<KEY>} variables
 * as {@code run}.
 */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = {
      "Creates or checks every topic the engine needs, with the contract's settings.",
      "Kafka Streams creates its own changelog and repartition topics at the first start."
    },
    subcommands = {TopicsCommand.Create.class, TopicsCommand.Check.class})
public final class TopicsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Options shared by create and check. */
  abstract static class Action implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ConfigFileOption config;

    @Option(
        names = "--partitions",
        paramLabel = "N",
        description =
            "Partitions of each topic (default: ${DEFAULT-VALUE}); the transfers topic always"
                + " has the movements topic's count.",
        defaultValue = "4")
    int partitions;

    @Option(
        names = "--client-config",
        paramLabel = "FILE",
        description =
            "Properties file of Kafka client settings for a secured cluster (security.protocol,"
                + " sasl.*, ssl.*), read over --config.")
    java.nio.file.Path clientConfig;

    EngineConfig engineConfig() throws Exception {
      java.util.Properties settings = config.settings(System.getenv());
      if (clientConfig != null) {
        settings.putAll(
            org.massbalance.commandline.ClusterOptions.read("--client-config", clientConfig));
      }
      try {
        return new EngineConfig(settings);
      } catch (ConfigException e) {
        throw new StartupException(
            "invalid configuration: " + e.getMessage() + "; correct it and try again", e);
      }
    }

    static Admin admin(EngineConfig config) {
      Map<String, Object> settings = EngineRunner.adminSettings(config);
      org.massbalance.commandline.ClusterCheck.requireCluster(settings);
      return Admin.create(settings);
    }

    short replicationFactor(EngineConfig config) {
      return config.getShort(EngineConfig.REPLICATION_FACTOR_CONFIG);
    }
  }

  /** {@code topics create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Creates the missing topics; existing ones are left as they are (see check).")
  static final class Create extends Action {
    @Override
    public Integer call() throws Exception {
      EngineConfig config = engineConfig();
      List<TopicRequirements.Topic> topics = TopicRequirements.of(config);
      try (Admin admin = admin(config)) {
        Map<String, ClusterTopics.Existing> existing =
            ClusterTopics.describe(
                admin, topics.stream().map(TopicRequirements.Topic::name).toList());
        ClusterTopics.Existing movements =
            existing.get(config.getString(EngineConfig.TOPIC_MOVEMENTS_CONFIG));
        int count = movements == null ? partitions : movements.partitions();
        List<TopicRequirements.Topic> missing =
            topics.stream().filter(t -> !existing.containsKey(t.name())).toList();
        List<String> created =
            ClusterTopics.create(admin, missing, count, replicationFactor(config));
        for (TopicRequirements.Topic t : topics) {
          spec.commandLine()
              .getOut()
              .printf(
                  "%-40s %s%n",
                  t.name(), created.contains(t.name()) ? "created" : "exists (left as it is)");
        }
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  /** {@code topics check}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Lists every difference from the contract's settings; exit 1 when there is one.")
  static final class Check extends Action {

    @Option(
        names = "--check-partitions",
        description = "Also require --partitions partitions on every topic.")
    boolean checkPartitions;

    @Override
    public Integer call() throws Exception {
      EngineConfig config = engineConfig();
      List<TopicRequirements.Topic> topics = TopicRequirements.of(config);
      List<String> problems = new ArrayList<>();
      try (Admin admin = admin(config)) {
        Map<String, ClusterTopics.Existing> existing =
            ClusterTopics.describe(
                admin, topics.stream().map(TopicRequirements.Topic::name).toList());
        ClusterTopics.Existing movements =
            existing.get(config.getString(EngineConfig.TOPIC_MOVEMENTS_CONFIG));
        for (TopicRequirements.Topic t : topics) {
          ClusterTopics.Existing e = existing.get(t.name());
          if (e == null) {
            problems.add(t.name() + " (" + t.key() + "): missing");
            continue;
          }
          int want = checkPartitions ? partitions : 0;
          if (t.role() == TopicRequirements.Role.INTERNAL && movements != null) {
            want = movements.partitions();
          }
          for (String d :
              TopicRequirements.differences(
                  t,
                  e.partitions(),
                  e.replicationFactor(),
                  e.settings(),
                  want,
                  replicationFactor(config))) {
            problems.add(t.name() + " (" + t.key() + "): " + d);
          }
        }
      }
      if (problems.isEmpty()) {
        spec.commandLine()
            .getOut()
            .println("topics: all " + topics.size() + " as the contract wants");
        spec.commandLine().getOut().flush();
        return 0;
      }
      for (String p : problems) {
        spec.commandLine().getOut().println(p);
      }
      spec.commandLine().getOut().flush();
      spec.commandLine()
          .getErr()
          .println(
              "topics: "
                  + problems.size()
                  + " difference(s) from the contract's settings; fix them with kafka-configs or"
                  + " `massbalance topics create` (for missing topics)");
      spec.commandLine().getErr().flush();
      return 1;
    }
  }
}
