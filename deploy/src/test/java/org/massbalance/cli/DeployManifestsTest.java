package org.massbalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.massbalance.engine.config.EngineConfig;

/**
 * The deployment files under {@code deploy/} read as their tools read them: every Kubernetes
 * manifest parsed into its typed object, the compose file and the example {@code engine.properties}
 * parsed, and each checked against the engine itself: its config keys (through the same {@code
 * MASSBALANCE_<KEY>} mapping {@code run} uses), its health paths and its port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployManifestsTest {

  private static final Path DEPLOY = Path.of(System.getProperty("basedir", "."));
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, HasMetadata> objects = new LinkedHashMap<>();
  private Properties engineProperties;

  @BeforeAll
  void readManifests() throws IOException {
    Map<String, Class<? extends HasMetadata>> kinds =
        Map.of(
            "StatefulSet", StatefulSet.class,
            "Service", Service.class,
            "PodDisruptionBudget", PodDisruptionBudget.class,
            "Job", Job.class,
            "ConfigMap", ConfigMap.class,
            "Secret", Secret.class,
            "Namespace", io.fabric8.kubernetes.api.model.Namespace.class,
            "NetworkPolicy", NetworkPolicy.class);
    JsonNode kustomization = YAML.readTree(DEPLOY.resolve("k8s/kustomization.yaml").toFile());
    for (JsonNode resource : kustomization.path("resources")) {
      Path file = DEPLOY.resolve("k8s").resolve(resource.asText());
      Iterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile());
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        Class<? extends HasMetadata> type = kinds.get(doc.path("kind").asText());
        assertThat(type).as("a known kind in " + file + ": " + doc.path("kind")).isNotNull();
        HasMetadata object = YAML.treeToValue(doc, type);
        objects.put(object.getKind() + "/" + object.getMetadata().getName(), object);
      }
    }
    ConfigMap config = get("ConfigMap/massbalance-config", ConfigMap.class);
    engineProperties = new Properties();
    engineProperties.load(new StringReader(config.getData().get("engine.properties")));
  }

  @Test
  void shouldProbeTheEnginesHealthPathsOnItsApiPort() {
    Container engine = engineContainer();
    int apiPort = Integer.parseInt(engineProperties.getProperty("api.port"));
    assertThat(engine.getPorts())
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo("api");
              assertThat(p.getContainerPort()).isEqualTo(apiPort);
            });
    assertThat(engine.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
    assertThat(engine.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("api");
    assertThat(engine.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
    assertThat(engine.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("api");
  }

  @Test
  void shouldKeepStateOnAPersistentVolumeAtStateDir() {
    StatefulSet set = get("StatefulSet/massbalance", StatefulSet.class);
    String stateDir = engineProperties.getProperty("state.dir");
    assertThat(stateDir).isNotBlank();
    assertThat(engineContainer().getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getMountPath()).isEqualTo(stateDir);
              assertThat(set.getSpec().getVolumeClaimTemplates())
                  .extracting(c -> c.getMetadata().getName())
                  .contains(m.getName());
            });
  }

  @Test
  void shouldRunStandbysWithStaticMembershipAndAReachableAdvertisedHost() {
    StatefulSet set = get("StatefulSet/massbalance", StatefulSet.class);
    assertThat(set.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    assertThat(engineProperties.getProperty("num.standby.replicas")).isEqualTo("1");
    Map<String, String> env = env(engineContainer());
    assertThat(env.get("MASSBALANCE_MAIN_CONSUMER_GROUP_INSTANCE_ID")).isEqualTo("$(POD_NAME)");
    assertThat(env.get("MASSBALANCE_API_ADVERTISED_HOST"))
        .startsWith("$(POD_NAME).")
        .contains(set.getSpec().getServiceName());
  }

  @Test
  void shouldUseOnlyKeysTheEngineKnowsInTheConfigMapAndTheEnvironment() {
    Set<String> keys = new TreeSet<>(engineProperties.stringPropertyNames());
    keys.addAll(keysOf(env(engineContainer())));
    assertThat(keys).isNotEmpty().allSatisfy(k -> assertThat(isSetting(k)).as(k).isTrue());
  }

  @Test
  void shouldServeInstanceToInstanceQueriesThroughAHeadlessServiceOnTheApiPort() {
    StatefulSet set = get("StatefulSet/massbalance", StatefulSet.class);
    Service headless = get("Service/" + set.getSpec().getServiceName(), Service.class);
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    int apiPort = Integer.parseInt(engineProperties.getProperty("api.port"));
    assertThat(headless.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(apiPort);
    Map<String, String> podLabels = set.getSpec().getTemplate().getMetadata().getLabels();
    assertThat(podLabels).containsAllEntriesOf(headless.getSpec().getSelector());
    assertThat(podLabels)
        .containsAllEntriesOf(get("Service/massbalance", Service.class).getSpec().getSelector());
    PodDisruptionBudget pdb = get("PodDisruptionBudget/massbalance", PodDisruptionBudget.class);
    assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
  }

  @Test
  void shouldCreateTheTopicsWithAJobFromTheSameConfig() {
    Job job = get("Job/massbalance-topics", Job.class);
    Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getArgs()).startsWith("topics", "create", "--config");
    assertThat(job.getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo("massbalance-config"));
  }

  @Test
  void shouldPinEveryComposeImageAndCreateTopicsBeforeTheEngine() throws IOException {
    JsonNode compose = YAML.readTree(DEPLOY.resolve("compose/compose.yaml").toFile());
    JsonNode services = compose.path("services");
    assertThat(services.fieldNames())
        .toIterable()
        .contains("kafka", "schema-registry", "topics", "engine", "prometheus", "grafana");
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> s = it.next();
      String image = s.getValue().path("image").asText();
      assertThat(image).as(s.getKey() + " image").matches("[^:]+:[0-9A-Za-z][^:]*");
      assertThat(image).as(s.getKey() + " image").doesNotEndWith(":latest");
    }
    assertThat(services.path("topics").path("command").toString())
        .contains("\"topics\",\"create\"");
    assertThat(services.path("engine").path("depends_on").path("topics").path("condition").asText())
        .isEqualTo("service_completed_successfully");
    for (String service : List.of("topics", "engine")) {
      Map<String, String> env = new HashMap<>();
      services
          .path(service)
          .path("environment")
          .fields()
          .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
      assertThat(keysOf(env)).as(service).allSatisfy(k -> assertThat(isSetting(k)).as(k).isTrue());
    }
  }

  @Test
  void shouldListEveryEngineKeyWithItsDefaultInTheExampleProperties() throws IOException {
    List<String> lines = Files.readAllLines(DEPLOY.resolve("config/engine.properties"));
    Map<String, String> set = new LinkedHashMap<>();
    Set<String> commented = new TreeSet<>();
    for (String line : lines) {
      String l = line.strip();
      if (l.startsWith("#")) {
        String body = l.substring(1).strip();
        int eq = body.indexOf('=');
        if (eq > 0 && !body.substring(0, eq).contains(" ")) {
          commented.add(body.substring(0, eq));
        }
      } else if (l.contains("=")) {
        set.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
      }
    }
    for (ConfigDef.ConfigKey key : EngineConfig.definition().configKeys().values()) {
      assertThat(set.containsKey(key.name) || commented.contains(key.name))
          .as(key.name + " in deploy/config/engine.properties")
          .isTrue();
      if (set.containsKey(key.name)) {
        Object parsed = ConfigDef.parseType(key.name, set.get(key.name), key.type);
        assertThat(parsed).as(key.name + " is its default").isEqualTo(key.defaultValue);
      }
    }
    assertThat(set.keySet()).allSatisfy(k -> assertThat(isSetting(k)).as(k).isTrue());
  }

  @Test
  void shouldRunEveryContainerHardenedWithAWritableTmpOnly() {
    StatefulSet set = get("StatefulSet/massbalance", StatefulSet.class);
    Job job = get("Job/massbalance-topics", Job.class);
    for (PodSpec pod :
        List.of(set.getSpec().getTemplate().getSpec(), job.getSpec().getTemplate().getSpec())) {
      assertThat(pod.getAutomountServiceAccountToken()).isFalse();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      for (Container c : pod.getContainers()) {
        SecurityContext sc = c.getSecurityContext();
        assertThat(sc).as(c.getName()).isNotNull();
        assertThat(sc.getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
        assertThat(sc.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
        assertThat(sc.getRunAsNonRoot()).as(c.getName()).isTrue();
        assertThat(sc.getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
        assertThat(sc.getCapabilities().getAdd()).as(c.getName()).isNullOrEmpty();
        assertThat(sc.getSeccompProfile().getType()).as(c.getName()).isEqualTo("RuntimeDefault");
        assertThat(c.getVolumeMounts())
            .as(c.getName() + " has a writable /tmp")
            .anySatisfy(
                m -> {
                  assertThat(m.getMountPath()).isEqualTo("/tmp");
                  assertThat(pod.getVolumes())
                      .anySatisfy(
                          v -> {
                            assertThat(v.getName()).isEqualTo(m.getName());
                            assertThat(v.getEmptyDir()).isNotNull();
                          });
                });
      }
    }
  }

  @Test
  void shouldLetOnlyTheNamespaceAndTheIngressReachTheApiAndTheEngineOnlyKafkaPeersAndDns() {
    NetworkPolicy policy = get("NetworkPolicy/massbalance", NetworkPolicy.class);
    StatefulSet set = get("StatefulSet/massbalance", StatefulSet.class);
    int apiPort = Integer.parseInt(engineProperties.getProperty("api.port"));
    assertThat(set.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(policy.getSpec().getIngress())
        .allSatisfy(
            rule -> {
              assertThat(rule.getPorts())
                  .extracting(p -> p.getPort().getIntVal())
                  .containsExactly(apiPort);
              assertThat(rule.getFrom()).isNotEmpty();
              for (NetworkPolicyPeer from : rule.getFrom()) {
                assertThat(from.getIpBlock()).as("no address block: namespace or pods").isNull();
              }
            });
    // Egress: the other instances on the API port, Kafka and the registry, DNS; nothing else.
    List<Integer> ports = new ArrayList<>();
    policy
        .getSpec()
        .getEgress()
        .forEach(r -> r.getPorts().forEach(p -> ports.add(p.getPort().getIntVal())));
    assertThat(ports)
        .contains(apiPort, 9092, 8081, 53)
        .allSatisfy(p -> assertThat(p).isIn(apiPort, 9092, 9093, 8081, 53));
    assertThat(policy.getSpec().getEgress())
        .anySatisfy(
            r ->
                assertThat(r.getTo())
                    .anySatisfy(
                        t ->
                            assertThat(t.getPodSelector().getMatchLabels())
                                .containsAllEntriesOf(
                                    policy.getSpec().getPodSelector().getMatchLabels())));
    NetworkPolicy topics = get("NetworkPolicy/massbalance-topics", NetworkPolicy.class);
    assertThat(topics.getSpec().getIngress()).isNullOrEmpty();
    assertThat(topics.getSpec().getPolicyTypes()).contains("Ingress", "Egress");
  }

  @Test
  void shouldKeepNoSecretInTheRepositoryAndGenerateItFromFilesTheUserWrites() throws IOException {
    assertThat(objects.keySet()).noneMatch(k -> k.startsWith("Secret/"));
    JsonNode kustomization = YAML.readTree(DEPLOY.resolve("k8s/kustomization.yaml").toFile());
    JsonNode generator = kustomization.path("secretGenerator").get(0);
    assertThat(generator.path("name").asText()).isEqualTo("massbalance-secrets");
    assertThat(generator.path("literals").isMissingNode()).as("no literal secret").isTrue();
    Set<String> keys = new TreeSet<>();
    generator
        .path("files")
        .forEach(f -> keys.add(f.asText().substring(0, f.asText().indexOf('='))));
    for (EnvVar v : engineContainer().getEnv()) {
      if (v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null) {
        assertThat(v.getValueFrom().getSecretKeyRef().getName()).isEqualTo("massbalance-secrets");
        assertThat(keys).contains(v.getValueFrom().getSecretKeyRef().getKey());
      }
    }
    Map<String, String> env = env(engineContainer());
    assertThat(env)
        .containsKeys(
            "MASSBALANCE_API_TOKENS_READ",
            "MASSBALANCE_API_TOKENS_WRITE",
            "MASSBALANCE_API_INTERNAL_SECRET");
    try (var files = Files.walk(DEPLOY)) {
      files
          .filter(Files::isRegularFile)
          .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/src/"))
          .forEach(
              f -> {
                try {
                  assertThat(Files.readString(f).toLowerCase())
                      .as(f.toString())
                      .doesNotContain("change-me")
                      .doesNotContain("changeme");
                } catch (java.nio.charset.MalformedInputException binary) {
                  // not text
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    }
  }

  @Test
  void shouldPublishComposePortsOnLoopbackAndGrafanaWithoutAnonymousAccess() throws IOException {
    JsonNode services =
        YAML.readTree(DEPLOY.resolve("compose/compose.yaml").toFile()).path("services");
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> s = it.next();
      for (JsonNode port : s.getValue().path("ports")) {
        assertThat(port.asText()).as(s.getKey()).startsWith("127.0.0.1:");
      }
    }
    JsonNode grafana = services.path("grafana").path("environment");
    assertThat(grafana.path("GF_AUTH_ANONYMOUS_ENABLED").asText()).isEqualTo("false");
    assertThat(grafana.path("GF_SECURITY_ADMIN_PASSWORD").asText()).startsWith("${");
    JsonNode engine = services.path("engine").path("environment");
    assertThat(engine.path("MASSBALANCE_API_TOKENS_READ").asText()).startsWith("${");
    assertThat(Files.readString(DEPLOY.resolveSibling(".dockerignore").normalize()))
        .contains("**/target/", ".git/", "**/*.p12");
  }

  // ---- helpers -----------------------------------------------------------------------------

  private <T extends HasMetadata> T get(String id, Class<T> type) {
    HasMetadata o = objects.get(id);
    assertThat(o).as(id + " among " + objects.keySet()).isNotNull();
    return type.cast(o);
  }

  private Container engineContainer() {
    return get("StatefulSet/massbalance", StatefulSet.class)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0);
  }

  private static Map<String, String> env(Container c) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar v : c.getEnv()) {
      env.put(v.getName(), v.getValue() == null ? "(from " + v.getValueFrom() + ")" : v.getValue());
    }
    return env;
  }

  /** The settings {@code MASSBALANCE_*} variables set, through {@code run}'s own mapping. */
  private static Set<String> keysOf(Map<String, String> env) {
    return new TreeSet<>(RunCommand.fromEnvironment(env).stringPropertyNames());
  }

  /** An engine key, or a Kafka Streams, client or registry setting that passes through. */
  private static boolean isSetting(String key) {
    if (EngineConfig.definition().names().contains(key)
        || StreamsConfig.configDef().names().contains(key)
        || ConsumerConfig.configNames().contains(key)
        || ProducerConfig.configNames().contains(key)
        || AdminClientConfig.configNames().contains(key)
        || key.startsWith("schema.registry.")
        || key.startsWith("basic.auth.")) {
      return true;
    }
    List<String> consumerPrefixes =
        new ArrayList<>(
            List.of("consumer.", "main.consumer.", "restore.consumer.", "global.consumer."));
    for (String prefix : consumerPrefixes) {
      if (key.startsWith(prefix)
          && ConsumerConfig.configNames().contains(key.substring(prefix.length()))) {
        return true;
      }
    }
    return (key.startsWith("producer.")
            && ProducerConfig.configNames().contains(key.substring("producer.".length())))
        || (key.startsWith("admin.")
            && AdminClientConfig.configNames().contains(key.substring("admin.".length())));
  }
}
