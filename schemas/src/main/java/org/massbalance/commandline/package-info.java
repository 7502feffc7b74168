/**
 * Command-line options that commands of several modules share, as picocli mixins: a command takes
 * them with {@code @Mixin ClusterOptions cluster;} instead of declaring the options again, so an
 * option has one name, label and description wherever it appears. They live in this module, the one
 * every module with commands depends on ({@code streams-app}'s {@code export}, {@code producers}'
 * {@code ingest}, {@code deploy}'s {@code audit}); options shared only within one module live
 * beside its commands ({@code WorkloadOptions} in the generator, {@code LocalPortOptions} and
 * {@code ConfigFileOption} in the launcher).
 */
package org.massbalance.commandline;
