package org.massbalance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.massbalance.engine.runtime.EngineRunner;
import org.massbalance.local.LocalSecurity;
import org.massbalance.local.LocalStack;
import org.massbalance.local.PortInUseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code massbalance local}: the local stack (broker, schema registry, contract topics) and, unless
 * {@code --no-engine}, the engine. Prints {@code bootstrap=}, {@code registry=} and {@code api=}
 * lines once ready, then runs until interrupted.
 */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a local Kafka broker, schema registry and the contract topics, and the engine.",
      "Prints bootstrap=HOST:PORT, registry=URL and api=URL once ready; runs until Ctrl-C."
    })
public final class LocalCommand implements Callable<Integer> {

  private static final String HOST = "127.0.0.1";

  @Spec CommandSpec spec;

  @Mixin LocalPortOptions ports;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Keep broker, registry and engine state here across restarts "
              + "(default: a temporary directory removed at exit).")
  Path dataDir;

  @Option(names = "--no-engine", description = "Start broker and registry only.")
  boolean noEngine;

  @Option(
      names = "--secure",
      description =
          "Secure the stack: SASL_SSL (SCRAM-SHA-512) on the broker, HTTPS and basic auth on the"
              + " registry, HTTPS with reader and writer tokens on the API, certificates of an"
              + " authority made here; writes client.properties and the tokens into the data"
              + " directory.")
  boolean secure;

  @Option(
      names = "--partitions",
      defaultValue = "4",
      description = "Partitions of each contract topic created (default ${DEFAULT-VALUE}).")
  int partitions;

  private final CompletableFuture<Integer> done = new CompletableFuture<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean ready;
  private volatile boolean hookFired;

  @Override
  public Integer call() throws Exception {
    for (int port : new int[] {ports.kafkaPort(), ports.registryPort(), ports.apiPort()}) {
      if (port < 0 || port > 65535) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "port out of range: " + port);
      }
    }
    if (partitions < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--partitions must be at least 1");
    }
    if (!noEngine) {
      PortInUseException.checkFree("engine API", HOST, ports.apiPort());
    }
    LocalStack stack =
        ports.stack(HOST).dataDir(dataDir).partitions(partitions).secure(secure).build();
    EngineRunner engine = null;
    Thread hook =
        new Thread(
            () -> {
              hookFired = true;
              done.complete(0);
              try {
                // Keep the JVM alive until the command thread has closed everything.
                closed.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "massbalance-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stack.start();
      if (!noEngine) {
        Properties settings = new Properties();
        if (secure) {
          settings.putAll(stack.security().engineSettings());
        }
        settings.put("bootstrap.servers", stack.bootstrapServers());
        settings.put("schema.registry.url", stack.registryUrl());
        settings.put("api.port", String.valueOf(ports.apiPort()));
        settings.put("api.host", HOST);
        settings.put("api.advertised.host", "localhost");
        settings.put("state.dir", stack.dataDir().resolve("streams").toString());
        engine = EngineRunner.start(settings);
        watch(engine);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("bootstrap=" + stack.bootstrapServers());
      out.println("registry=" + stack.registryUrl());
      if (engine != null) {
        out.println("api=" + engine.apiUrl());
      }
      if (secure) {
        out.println("client-config=" + stack.clientConfig());
        out.println("read-token-file=" + LocalSecurity.readTokenFile(stack.dataDir()));
        out.println("write-token-file=" + LocalSecurity.writeTokenFile(stack.dataDir()));
        out.println(
            "# every command takes --client-config "
                + stack.clientConfig()
                + "; API commands --token-file one of the token files");
      }
      out.flush();
      ready = true;
      return done.get();
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    } finally {
      ready = false;
      closeQuietly(engine, stack);
      closed.countDown();
      if (!hookFired) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is exiting: nothing to remove
        }
      }
    }
  }

  /** True once the stack (and engine) are up and the lines are printed. */
  public boolean isReady() {
    return ready;
  }

  /** Stops the command as Ctrl-C would (for tests and embedding). */
  public void stop() {
    done.complete(0);
  }

  private void watch(EngineRunner engine) {
    Thread watcher =
        new Thread(
            () -> {
              try {
                engine.awaitTermination();
                if (!done.isDone()) {
                  spec.commandLine().getErr().println("massbalance: error: the engine stopped");
                  spec.commandLine().getErr().flush();
                  done.complete(1);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "massbalance-engine-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void closeQuietly(EngineRunner engine, LocalStack stack) {
    if (engine != null) {
      try {
        engine.close();
      } catch (RuntimeException e) {
        System.err.println("massbalance: closing the engine failed: " + e.getMessage());
      }
    }
    try {
      stack.close();
    } catch (RuntimeException e) {
      System.err.println("massbalance: closing the local stack failed: " + e.getMessage());
    }
  }
}
