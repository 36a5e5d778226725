package cn.xinyong.openapi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import cn.xinyong.openapi.platform.web.TrustedProxies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Offline checks of the Kubernetes manifests under {@code k8s/}: no cluster, no kustomize binary, no
 * Quarkus boot. Every manifest is parsed into the fabric8 typed model with unknown fields failing, every
 * kustomization is checked for dangling references, and the properties the service relies on in
 * production (probes, security context, resources, selectors, autoscaling, network policy) are asserted.
 */
class KubernetesManifestsTest {

    private static final String APP = "xinyong-open-api";
    private static final Map<String, String> APP_LABELS = Map.of(
            "app.kubernetes.io/name", APP,
            "app.kubernetes.io/part-of", "xinyong");

    /** apiVersion/kind -> typed model. A manifest of any other kind fails the test until it is added here. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/Namespace", Namespace.class,
            "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    private static final Set<String> KUSTOMIZATION_FILE_NAMES =
            Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of(
            "apiVersion", "kind", "metadata", "namespace", "namePrefix", "nameSuffix", "resources",
            "components", "patches", "patchesStrategicMerge", "patchesJson6902", "images", "replicas",
            "labels", "commonLabels", "commonAnnotations", "configMapGenerator", "secretGenerator",
            "generatorOptions", "buildMetadata", "crds", "openapi", "sortOptions");

    private static final Set<String> REQUIRED_CONFIG_KEYS = Set.of(
            "XINYONG_JWT_KEYS", "XINYONG_JWT_ISSUER", "XINYONG_JWT_AUDIENCE", "XINYONG_TRUSTED_PROXIES",
            "XINYONG_REDIS_URL", "XINYONG_REDIS_CLUSTER", "XINYONG_RATELIMIT_REDIS_URL", "XINYONG_OPENSEARCH_URL",
            "XINYONG_OPENSEARCH_REPLICAS", "XINYONG_PG_HOSTPORT", "XINYONG_PG_DATABASE", "XINYONG_DUMPS_ENABLED",
            "XINYONG_DUMPS_DIR", "QUARKUS_LOG_CONSOLE_JSON_ENABLED");

    private static final Set<String> REQUIRED_SECRET_KEYS = Set.of(
            "XINYONG_PG_USER", "XINYONG_PG_PASSWORD", "XINYONG_INGEST_TOKEN", "XINYONG_PAGING_CURSOR_SECRET",
            "XINYONG_PERSONS_HASH_KEY", "XINYONG_XINYI_SIGNING_KEY", "XINYONG_XINYI_SIGNING_PREVIOUS_KEYS");

    /** Secret keys the service runs without (empty: none); a placeholder there would be read as a real value. */
    private static final Set<String> OPTIONAL_SECRET_KEYS = Set.of("XINYONG_XINYI_SIGNING_PREVIOUS_KEYS");

    private static final String SECRETS = "xinyong-open-api-secrets";
    private static final String JWKS_SECRET = "xinyong-open-api-jwks";

    /** Where a setting must come from in the rendered pod: a ConfigMap or a Secret. */
    enum Source { CONFIG_MAP, SECRET }

    /**
     * Every variable the service needs in production (application.properties reads them; without one a partner's
     * token is refused, a caller shares the ingress's bucket, or a backend is not found), with the kind of object
     * that must provide it. A secret never comes from a ConfigMap or a literal in the manifest.
     */
    static final Map<String, Source> REQUIRED_IN_PRODUCTION = new java.util.TreeMap<>(Map.ofEntries(
            Map.entry("XINYONG_JWT_KEYS", Source.CONFIG_MAP),
            Map.entry("XINYONG_JWT_ISSUER", Source.CONFIG_MAP),
            Map.entry("XINYONG_JWT_AUDIENCE", Source.CONFIG_MAP),
            Map.entry("XINYONG_XINYI_SIGNING_KEY", Source.SECRET),
            Map.entry("XINYONG_XINYI_SIGNING_PREVIOUS_KEYS", Source.SECRET),
            Map.entry("XINYONG_PAGING_CURSOR_SECRET", Source.SECRET),
            Map.entry("XINYONG_PERSONS_HASH_KEY", Source.SECRET),
            Map.entry("XINYONG_INGEST_TOKEN", Source.SECRET),
            Map.entry("XINYONG_TRUSTED_PROXIES", Source.CONFIG_MAP),
            Map.entry("XINYONG_REDIS_URL", Source.CONFIG_MAP),
            Map.entry("XINYONG_REDIS_CLUSTER", Source.CONFIG_MAP),
            Map.entry("XINYONG_RATELIMIT_REDIS_URL", Source.CONFIG_MAP),
            Map.entry("XINYONG_OPENSEARCH_URL", Source.CONFIG_MAP),
            Map.entry("XINYONG_OPENSEARCH_REPLICAS", Source.CONFIG_MAP),
            Map.entry("XINYONG_PG_HOSTPORT", Source.CONFIG_MAP),
            Map.entry("XINYONG_PG_DATABASE", Source.CONFIG_MAP),
            Map.entry("XINYONG_PG_USER", Source.SECRET),
            Map.entry("XINYONG_PG_PASSWORD", Source.SECRET),
            Map.entry("XINYONG_DUMPS_ENABLED", Source.CONFIG_MAP),
            Map.entry("XINYONG_DUMPS_DIR", Source.CONFIG_MAP)));

    /** One YAML document of a manifest file. {@code object} is null when it did not parse. */
    record Manifest(Path file, int document, String key, boolean deletePatch, HasMetadata object) {
        String where() {
            return root.relativize(file) + "#" + document;
        }
    }

    private static Path root;
    private static Path k8s;
    private static ObjectMapper yaml;
    private static final List<Manifest> manifests = new ArrayList<>();
    private static final List<String> parseFailures = new ArrayList<>();
    private static final List<Path> kustomizations = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        root = projectRoot();
        k8s = root.resolve("k8s");
        yaml = strictYamlMapper();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(k8s)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (KUSTOMIZATION_FILE_NAMES.contains(name)) {
                kustomizations.add(file);
            } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                int document = 0;
                for (JsonNode tree : readDocuments(file)) {
                    manifests.add(parse(file, document++, tree));
                }
            }
        }
    }

    /**
     * A YAML mapper that fails on unknown properties. fabric8 model classes collect unknown fields into an
     * {@code additionalProperties} map through {@code @JsonAnySetter}, which would defeat
     * FAIL_ON_UNKNOWN_PROPERTIES, so the any-setter is removed from every fabric8 bean deserializer.
     */
    static ObjectMapper strictYamlMapper() {
        SimpleModule noAnySetter = new SimpleModule("fabric8-strict");
        noAnySetter.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(
                    DeserializationConfig config, BeanDescription description, BeanDeserializerBuilder builder) {
                if (description.getBeanClass().getName().startsWith("io.fabric8.kubernetes.")) {
                    builder.setAnySetter(null);
                }
                return builder;
            }
        });
        return new ObjectMapper(new YAMLFactory())
                .registerModule(noAnySetter)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    private static List<JsonNode> readDocuments(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNextValue()) {
                JsonNode tree = it.nextValue();
                if (tree != null && !tree.isNull() && !tree.isMissingNode() && !tree.isEmpty()) {
                    documents.add(tree);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return documents;
    }

    private static Manifest parse(Path file, int document, JsonNode tree) {
        String key = tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
        String where = root.relativize(file) + "#" + document;
        boolean deletePatch = false;
        if (tree.has("$patch")) {
            // A strategic-merge directive of a kustomize patch; the rest must still be a valid object.
            if (!"delete".equals(tree.get("$patch").asText())) {
                parseFailures.add(where + ": unsupported $patch directive " + tree.get("$patch"));
                return new Manifest(file, document, key, false, null);
            }
            deletePatch = true;
            tree = ((ObjectNode) tree.deepCopy()).without("$patch");
        }
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            parseFailures.add(where + ": no typed model registered for " + key);
            return new Manifest(file, document, key, deletePatch, null);
        }
        try {
            HasMetadata object = yaml.treeToValue(tree, type);
            if (object.getMetadata() == null || isBlank(object.getMetadata().getName())) {
                parseFailures.add(where + ": " + key + " without metadata.name");
            }
            return new Manifest(file, document, key, deletePatch, object);
        } catch (IOException | IllegalArgumentException e) {
            parseFailures.add(where + ": " + key + ": " + e.getMessage());
            return new Manifest(file, document, key, deletePatch, null);
        }
    }

    // ---------------------------------------------------------------- parsing and kustomizations

    @Test
    void everyManifestParsesIntoTheTypedModelWithoutUnknownFields() {
        assertTrue(parseFailures.isEmpty(), "manifests that do not parse strictly:\n" + String.join("\n", parseFailures));
        Set<String> baseKinds = inDir(base()).stream().map(Manifest::key).collect(Collectors.toSet());
        assertEquals(Set.of("v1/ConfigMap", "v1/Secret", "v1/PersistentVolumeClaim", "v1/Service", "apps/v1/Deployment",
                "autoscaling/v2/HorizontalPodAutoscaler", "policy/v1/PodDisruptionBudget",
                "networking.k8s.io/v1/NetworkPolicy"), baseKinds, "kinds in k8s/base");
    }

    @Test
    void strictParsingRejectsMisspelledFields() {
        // Proves the mapper really fails on unknown fields, at the top level and deep inside a pod spec.
        String misspelledProbe = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers:
                        - name: x
                          readinesProbe: {httpGet: {path: /q/health/ready, port: 8080}}
                """;
        String misspelledServiceField = """
                apiVersion: v1
                kind: Service
                metadata: {name: x}
                spec: {selectr: {a: b}}
                """;
        assertThrows(UnrecognizedPropertyException.class, () -> yaml.readValue(misspelledProbe, Deployment.class));
        assertThrows(UnrecognizedPropertyException.class, () -> yaml.readValue(misspelledServiceField, Service.class));
    }

    @Test
    void kustomizationsReferenceOnlyExistingFilesAndEveryManifestIsWiredIn() throws IOException {
        assertTrue(kustomizations.contains(base().resolve("kustomization.yaml")), "k8s/base/kustomization.yaml missing");
        assertTrue(kustomizations.contains(production().resolve("kustomization.yaml")),
                "k8s/overlays/production/kustomization.yaml missing");
        Set<Path> referenced = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (Path kustomization : kustomizations) {
            JsonNode k = readSingle(kustomization);
            Path dir = kustomization.getParent();
            String where = root.relativize(kustomization).toString();
            assertEquals("kustomize.config.k8s.io/v1beta1", k.path("apiVersion").asText(), where + " apiVersion");
            assertEquals("Kustomization", k.path("kind").asText(), where + " kind");
            for (Iterator<String> names = k.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!KUSTOMIZATION_FIELDS.contains(field)) {
                    problems.add(where + ": unknown field " + field);
                }
            }
            for (String resource : texts(k.path("resources"))) {
                Path target = dir.resolve(resource).normalize();
                if (Files.isDirectory(target)) {
                    if (KUSTOMIZATION_FILE_NAMES.stream().noneMatch(n -> Files.isRegularFile(target.resolve(n)))) {
                        problems.add(where + ": resource directory without kustomization: " + resource);
                    }
                } else if (!Files.isRegularFile(target)) {
                    problems.add(where + ": missing resource " + resource);
                }
                referenced.add(target);
            }
            List<String> patchFiles = new ArrayList<>();
            for (JsonNode patch : k.path("patches")) {
                if (patch.has("path")) {
                    patchFiles.add(patch.get("path").asText());
                } else if (!patch.has("patch")) {
                    problems.add(where + ": patch entry with neither path nor inline patch: " + patch);
                }
            }
            patchFiles.addAll(texts(k.path("patchesStrategicMerge")));
            for (JsonNode patch : k.path("patchesJson6902")) {
                patchFiles.add(patch.path("path").asText());
            }
            for (JsonNode generator : concat(k.path("configMapGenerator"), k.path("secretGenerator"))) {
                for (String source : concat(texts(generator.path("files")), texts(generator.path("envs")))) {
                    patchFiles.add(source.contains("=") ? source.substring(source.indexOf('=') + 1) : source);
                }
            }
            for (String file : patchFiles) {
                Path target = dir.resolve(file).normalize();
                if (!Files.isRegularFile(target)) {
                    problems.add(where + ": missing file " + file);
                }
                referenced.add(target);
            }
        }
        for (Manifest m : manifests) {
            if (!referenced.contains(m.file().normalize())) {
                problems.add(m.where() + ": not listed by any kustomization (it would never be applied)");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void productionPatchesTargetObjectsOfTheBase() {
        Set<String> baseObjects = inDir(base()).stream()
                .map(m -> m.key() + "/" + m.object().getMetadata().getName())
                .collect(Collectors.toSet());
        List<Manifest> patches = patchesOf(production());
        assertFalse(patches.isEmpty(), "the production overlay patches nothing");
        for (Manifest patch : patches) {
            String target = patch.key() + "/" + patch.object().getMetadata().getName();
            assertTrue(baseObjects.contains(target), patch.where() + " patches " + target + ", which the base lacks");
        }
        // A strategic-merge patch of a container whose name differs from the base ADDS a container (without image).
        Container baseContainer = appContainer(the(base(), Deployment.class));
        for (Manifest patch : patches) {
            if (patch.object() instanceof Deployment d && d.getSpec() != null && d.getSpec().getTemplate() != null) {
                for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                    assertEquals(baseContainer.getName(), c.getName(), patch.where() + " container name");
                }
            }
        }
    }

    // ---------------------------------------------------------------- Deployment

    @Test
    void deploymentRunsTheServiceImageOnPort8080WithItsConfiguration() {
        Deployment deployment = the(base(), Deployment.class);
        assertEquals(APP, deployment.getMetadata().getName());
        assertLabels(deployment);
        assertNull(deployment.getSpec().getReplicas(),
                "spec.replicas must stay unset: the HorizontalPodAutoscaler owns the replica count");
        LabelSelector selector = deployment.getSpec().getSelector();
        assertNonEmpty(selector, "Deployment selector");
        assertTrue(selects(selector, podLabels(deployment)), "Deployment selector does not match its pod template labels");
        assertTrue(podLabels(deployment).entrySet().containsAll(APP_LABELS.entrySet()), "pod template labels");

        Container container = appContainer(deployment);
        assertEquals("xinyong-open-api:1.0.0", container.getImage());
        ContainerPort http = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named http"));
        assertEquals(8080, http.getContainerPort());
        assertTrue(http.getProtocol() == null || "TCP".equals(http.getProtocol()), "http port protocol");

        Set<String> configMaps = new TreeSet<>();
        Set<String> secrets = new TreeSet<>();
        for (EnvFromSource source : nullSafe(container.getEnvFrom())) {
            if (source.getConfigMapRef() != null) {
                configMaps.add(source.getConfigMapRef().getName());
                assertNotEquals(Boolean.TRUE, source.getConfigMapRef().getOptional(), "the ConfigMap must not be optional");
            }
            if (source.getSecretRef() != null) {
                secrets.add(source.getSecretRef().getName());
                assertNotEquals(Boolean.TRUE, source.getSecretRef().getOptional(), "the Secret must not be optional");
            }
        }
        assertEquals(Set.of("xinyong-open-api-config"), configMaps, "envFrom ConfigMaps");
        assertEquals(Set.of("xinyong-open-api-secrets"), secrets, "envFrom Secrets");
        assertEquals(the(base(), ConfigMap.class).getMetadata().getName(), configMaps.iterator().next());
        assertEquals(SECRETS, secrets.iterator().next());
        assertNotNull(named(base(), Secret.class, SECRETS), "the base defines the Secret the pods read");

        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        assertNotNull(annotations, "pod template annotations");
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
        assertEquals(String.valueOf(http.getContainerPort()), annotations.get("prometheus.io/port"));
    }

    @Test
    void deploymentProbesHitTheQuarkusHealthEndpoints() {
        Deployment deployment = the(base(), Deployment.class);
        Container container = appContainer(deployment);
        assertProbe("startupProbe", container.getStartupProbe(), "/q/health/started", container);
        assertProbe("readinessProbe", container.getReadinessProbe(), "/q/health/ready", container);
        assertProbe("livenessProbe", container.getLivenessProbe(), "/q/health/live", container);
        // Startup must outlast Flyway migrations and first connections before liveness may restart the pod.
        Probe startup = container.getStartupProbe();
        int startupBudget = orDefault(startup.getPeriodSeconds(), 10) * orDefault(startup.getFailureThreshold(), 3);
        assertTrue(startupBudget >= 60, "startup probe allows only " + startupBudget + " s");
        assertEquals(30L, deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
    }

    @Test
    void deploymentHasARestrictedSecurityContextAndAWritableTmp() {
        PodSpec pod = the(base(), Deployment.class).getSpec().getTemplate().getSpec();
        PodSecurityContext podContext = pod.getSecurityContext() != null ? pod.getSecurityContext() : new PodSecurityContext();
        assertNotEquals(Boolean.TRUE, pod.getHostNetwork(), "hostNetwork");
        for (Container c : pod.getContainers()) {
            SecurityContext sc = c.getSecurityContext();
            assertNotNull(sc, c.getName() + ": container securityContext");
            String n = c.getName() + ": ";
            assertEquals(Boolean.TRUE, first(sc.getRunAsNonRoot(), podContext.getRunAsNonRoot()), n + "runAsNonRoot");
            assertEquals(1001L, first(sc.getRunAsUser(), podContext.getRunAsUser()), n + "runAsUser");
            assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), n + "allowPrivilegeEscalation");
            assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), n + "readOnlyRootFilesystem");
            assertNotEquals(Boolean.TRUE, sc.getPrivileged(), n + "privileged");
            assertNotNull(sc.getCapabilities(), n + "capabilities");
            assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), n + "capabilities.drop");
            assertTrue(nullSafe(sc.getCapabilities().getAdd()).isEmpty(), n + "capabilities.add");
            var seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile() : podContext.getSeccompProfile();
            assertNotNull(seccomp, n + "seccompProfile");
            assertEquals("RuntimeDefault", seccomp.getType(), n + "seccompProfile.type");
        }
        Container container = appContainer(the(base(), Deployment.class));
        VolumeMount tmp = nullSafe(container.getVolumeMounts()).stream()
                .filter(m -> "/tmp".equals(m.getMountPath())).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at /tmp on a read-only root filesystem"));
        assertNotEquals(Boolean.TRUE, tmp.getReadOnly(), "/tmp must be writable");
        Volume volume = nullSafe(pod.getVolumes()).stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + tmp.getName()));
        assertNotNull(volume.getEmptyDir(), "/tmp must be an emptyDir");
    }

    @Test
    void deploymentRequestsAndLimitsResources() {
        ResourceRequirements base = appContainer(the(base(), Deployment.class)).getResources();
        assertNotNull(base, "resources");
        assertQuantity("500m", base.getRequests(), "cpu");
        assertQuantity("512Mi", base.getRequests(), "memory");
        assertQuantity("2", base.getLimits(), "cpu");
        assertQuantity("1Gi", base.getLimits(), "memory");
        assertRequestsWithinLimits(base, "base");

        Deployment patch = patchOf(production(), Deployment.class);
        ResourceRequirements production = appContainer(patch).getResources();
        assertNotNull(production, "production resources patch");
        assertQuantity("4", production.getLimits(), "cpu");
        assertQuantity("2Gi", production.getLimits(), "memory");
        assertRequestsWithinLimits(merge(base, production), "production");
    }

    @Test
    void podsSpreadOverNodes() {
        Deployment deployment = the(base(), Deployment.class);
        List<TopologySpreadConstraint> constraints = nullSafe(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints());
        TopologySpreadConstraint byHost = constraints.stream()
                .filter(c -> "kubernetes.io/hostname".equals(c.getTopologyKey())).findFirst()
                .orElseThrow(() -> new AssertionError("no topology spread constraint on kubernetes.io/hostname"));
        assertNonEmpty(byHost.getLabelSelector(), "topology spread labelSelector");
        assertTrue(selects(byHost.getLabelSelector(), podLabels(deployment)), "topology spread selector misses the pods");
        assertTrue(byHost.getMaxSkew() != null && byHost.getMaxSkew() >= 1, "maxSkew");
    }

    // ---------------------------------------------------------------- Service, HPA, PDB

    @Test
    void serviceSelectsThePodsAndForwardsPort80ToHttp() {
        Deployment deployment = the(base(), Deployment.class);
        Service service = the(base(), Service.class);
        assertLabels(service);
        assertEquals("ClusterIP", service.getSpec().getType() == null ? "ClusterIP" : service.getSpec().getType());
        Map<String, String> selector = service.getSpec().getSelector();
        assertTrue(selector != null && !selector.isEmpty(), "Service selector is empty");
        assertTrue(podLabels(deployment).entrySet().containsAll(selector.entrySet()),
                "Service selector " + selector + " does not match pod labels " + podLabels(deployment));
        ServicePort port = service.getSpec().getPorts().stream().filter(p -> p.getPort() == 80).findFirst()
                .orElseThrow(() -> new AssertionError("Service has no port 80"));
        assertEquals("http", port.getTargetPort().getStrVal(), "Service targetPort");
        assertEquals(8080, resolvePort(port.getTargetPort(), appContainer(deployment)));
    }

    @Test
    void autoscalerTargetsTheDeploymentWithSaneBounds() {
        Deployment deployment = the(base(), Deployment.class);
        HorizontalPodAutoscaler hpa = the(base(), HorizontalPodAutoscaler.class);
        assertLabels(hpa);
        var target = hpa.getSpec().getScaleTargetRef();
        assertEquals("apps/v1", target.getApiVersion());
        assertEquals("Deployment", target.getKind());
        assertEquals(deployment.getMetadata().getName(), target.getName());
        int min = hpa.getSpec().getMinReplicas();
        int max = hpa.getSpec().getMaxReplicas();
        assertEquals(3, min, "minReplicas");
        assertEquals(30, max, "maxReplicas");
        assertTrue(min <= max, "minReplicas " + min + " > maxReplicas " + max);
        MetricSpec cpu = hpa.getSpec().getMetrics().stream()
                .filter(m -> "Resource".equals(m.getType()) && "cpu".equals(m.getResource().getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no cpu metric"));
        assertEquals("Utilization", cpu.getResource().getTarget().getType());
        assertEquals(65, cpu.getResource().getTarget().getAverageUtilization());
        assertNotNull(appContainer(deployment).getResources().getRequests().get("cpu"),
                "CPU utilization is relative to the cpu request, which must be set");

        HorizontalPodAutoscaler patch = patchOf(production(), HorizontalPodAutoscaler.class);
        int productionMin = patch.getSpec().getMinReplicas();
        int productionMax = patch.getSpec().getMaxReplicas() != null ? patch.getSpec().getMaxReplicas() : max;
        assertEquals(6, productionMin, "production minReplicas");
        assertTrue(productionMin <= productionMax, "production minReplicas " + productionMin + " > maxReplicas " + productionMax);
    }

    @Test
    void disruptionBudgetCoversThePodsAndLeavesRoomForDrains() {
        Deployment deployment = the(base(), Deployment.class);
        PodDisruptionBudget pdb = the(base(), PodDisruptionBudget.class);
        assertLabels(pdb);
        assertNonEmpty(pdb.getSpec().getSelector(), "PDB selector");
        assertTrue(selects(pdb.getSpec().getSelector(), podLabels(deployment)), "PDB selector misses the pods");
        IntOrString minAvailable = pdb.getSpec().getMinAvailable();
        assertNotNull(minAvailable, "minAvailable");
        assertEquals(2, minAvailable.getIntVal(), "minAvailable");
        // With minAvailable >= the replica floor a node drain could never evict a pod.
        int hpaMin = the(base(), HorizontalPodAutoscaler.class).getSpec().getMinReplicas();
        assertTrue(minAvailable.getIntVal() < hpaMin, "minAvailable " + minAvailable.getIntVal() + " >= minReplicas " + hpaMin);
    }

    // ---------------------------------------------------------------- NetworkPolicy

    @Test
    void networkPolicyAdmitsOnlyIngressNginxAndMonitoringOn8080() {
        Deployment deployment = the(base(), Deployment.class);
        NetworkPolicy policy = the(base(), NetworkPolicy.class);
        assertLabels(policy);
        assertNonEmpty(policy.getSpec().getPodSelector(), "NetworkPolicy podSelector");
        assertTrue(selects(policy.getSpec().getPodSelector(), podLabels(deployment)), "NetworkPolicy misses the pods");
        assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(policy.getSpec().getPolicyTypes()), "policyTypes");

        int http = resolvePort(new IntOrString("http"), appContainer(deployment));
        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        assertFalse(rules.isEmpty(), "no ingress rule");
        Set<String> peers = new TreeSet<>();
        for (NetworkPolicyIngressRule rule : rules) {
            assertFalse(nullSafe(rule.getFrom()).isEmpty(), "an ingress rule without 'from' admits every source");
            assertEquals(Set.of("TCP/8080"), ports(rule.getPorts()), "ingress ports");
            assertEquals(Set.of("TCP/" + http), ports(rule.getPorts()), "ingress must open the container's http port");
            for (NetworkPolicyPeer peer : rule.getFrom()) {
                assertNull(peer.getIpBlock(), "ingress ipBlock");
                boolean anyNamespace = peer.getNamespaceSelector() != null && isEmpty(peer.getNamespaceSelector());
                assertFalse(anyNamespace && (peer.getPodSelector() == null || isEmpty(peer.getPodSelector())),
                        "a peer selecting every pod of every namespace");
                peers.add(describe(peer));
            }
        }
        assertTrue(peers.contains("namespace{app.kubernetes.io/name=ingress-nginx}"), "ingress-nginx namespace: " + peers);
        assertTrue(peers.contains("namespace{*} pod{app.kubernetes.io/name=ingress-nginx}"), "ingress-nginx pods: " + peers);
        assertTrue(peers.contains("namespace{kubernetes.io/metadata.name=monitoring}"), "monitoring namespace: " + peers);
        assertEquals(3, peers.size(), "unexpected ingress peers: " + peers);
    }

    @Test
    void networkPolicyLetsOutOnlyRedisOpenSearchPostgresAndDns() {
        NetworkPolicy policy = the(base(), NetworkPolicy.class);
        Set<String> allowed = new TreeSet<>();
        for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            assertFalse(nullSafe(rule.getPorts()).isEmpty(), "an egress rule without ports opens every port: " + rule);
            for (NetworkPolicyPort port : rule.getPorts()) {
                assertNull(port.getEndPort(), "egress port ranges");
            }
            allowed.addAll(ports(rule.getPorts()));
        }
        assertEquals(Set.of("TCP/6379", "TCP/9200", "TCP/5432", "UDP/53", "TCP/53"), allowed, "egress ports");

        // The endpoints configured in the ConfigMap must be reachable through those ports.
        Map<String, String> config = the(base(), ConfigMap.class).getData();
        for (Map<String, String> settings : List.of(config, productionConfig())) {
            for (String key : List.of("XINYONG_REDIS_URL", "XINYONG_RATELIMIT_REDIS_URL", "XINYONG_OPENSEARCH_URL")) {
                for (int port : uriPorts(settings.get(key))) {
                    assertTrue(allowed.contains("TCP/" + port), key + ": port " + port + " blocked");
                }
            }
            assertTrue(allowed.contains("TCP/" + uriPort("tcp://" + settings.get("XINYONG_PG_HOSTPORT"))), "PostgreSQL port blocked");
        }
    }

    // ---------------------------------------------------------------- ConfigMap, Secret, overlay

    @Test
    void configMapAndSecretCarryTheSettingsTheServiceReads() {
        ConfigMap config = the(base(), ConfigMap.class);
        assertLabels(config);
        Map<String, String> data = config.getData();
        assertTrue(data.keySet().containsAll(REQUIRED_CONFIG_KEYS), "ConfigMap keys missing: " + missing(REQUIRED_CONFIG_KEYS, data.keySet()));
        assertTrue(data.get("XINYONG_REDIS_URL").matches("rediss?://[^,\\s]+(,rediss?://[^,\\s]+)*"), "XINYONG_REDIS_URL");
        assertTrue(data.get("XINYONG_RATELIMIT_REDIS_URL").matches("rediss?://[^,\\s]+(,rediss?://[^,\\s]+)*"), "XINYONG_RATELIMIT_REDIS_URL");
        assertTrue(Set.of("true", "false").contains(data.get("XINYONG_REDIS_CLUSTER")), "XINYONG_REDIS_CLUSTER");
        assertTrue(data.get("XINYONG_OPENSEARCH_URL").matches("https?://[^,\\s]+(,https?://[^,\\s]+)*"), "XINYONG_OPENSEARCH_URL");
        assertTrue(data.get("XINYONG_OPENSEARCH_REPLICAS").matches("\\d+"), "XINYONG_OPENSEARCH_REPLICAS");
        assertTrue(data.get("XINYONG_PG_HOSTPORT").matches("[^:/\\s]+:\\d+"), "XINYONG_PG_HOSTPORT is host:port");
        assertEquals("xinyong", data.get("XINYONG_PG_DATABASE"));
        TrustedProxies.of(List.of(data.get("XINYONG_TRUSTED_PROXIES").split(",")));
        assertEquals("true", data.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"));

        Secret secret = named(base(), Secret.class, SECRETS);
        assertLabels(secret);
        Map<String, String> stringData = secret.getStringData();
        assertNotNull(stringData, "Secret stringData");
        assertEquals(REQUIRED_SECRET_KEYS, stringData.keySet(), "Secret keys");
        assertTrue(nullSafe(secret.getData()).isEmpty(), "the base Secret must not carry encoded data");
        stringData.forEach((key, value) -> assertEquals(OPTIONAL_SECRET_KEYS.contains(key) ? "" : "change-me", value,
                key + " must stay a placeholder in the repository (empty when optional: the service reads any other "
                        + "value as a setting)"));
        Secret jwks = named(base(), Secret.class, JWKS_SECRET);
        assertLabels(jwks);
        assertEquals(Set.of("jwks.json"), jwks.getStringData().keySet(), "JWKS Secret keys");
        assertEquals("{\"keys\":[]}", jwks.getStringData().get("jwks.json"), "the base JWKS must stay an empty placeholder");
        Set<String> both = new TreeSet<>(data.keySet());
        both.retainAll(stringData.keySet());
        assertTrue(both.isEmpty(), "keys in both ConfigMap and Secret: " + both);
        assertTrue(data.keySet().stream().noneMatch(k -> k.contains("PASSWORD") || k.contains("TOKEN") || k.contains("SECRET")),
                "secret-looking key in the ConfigMap: " + data.keySet());
    }

    @Test
    void productionOverlaySetsNamespaceImageAndKeepsPlaceholdersOut() {
        JsonNode k = readSingle(production().resolve("kustomization.yaml"));
        assertEquals("xinyong", k.path("namespace").asText(), "production namespace");
        assertTrue(texts(k.path("resources")).contains("../../base"), "production must build on ../../base");

        String image = appContainer(the(base(), Deployment.class)).getImage();
        String imageName = image.substring(0, image.lastIndexOf(':'));
        JsonNode override = null;
        for (JsonNode i : k.path("images")) {
            if (imageName.equals(i.path("name").asText())) {
                override = i;
            }
        }
        assertNotNull(override, "no images: entry matches the base image name " + imageName + " (the override would do nothing)");
        assertTrue(override.hasNonNull("newTag") || override.hasNonNull("digest"), "image override without newTag or digest");

        // The base placeholder Secret must not reach the cluster: either deleted or replaced by a generator.
        for (Secret placeholder : all(base(), Secret.class)) {
            String name = placeholder.getMetadata().getName();
            boolean deleted = patchesOf(production()).stream().anyMatch(m -> m.deletePatch() && m.object() instanceof Secret s
                    && s.getMetadata().getName().equals(name));
            boolean generated = false;
            for (JsonNode generator : k.path("secretGenerator")) {
                generated |= name.equals(generator.path("name").asText()) && "replace".equals(generator.path("behavior").asText());
            }
            assertTrue(deleted || generated, "production would apply the placeholder Secret " + name + " of the base");
        }

        Namespace namespace = the(production(), Namespace.class);
        assertEquals("xinyong", namespace.getMetadata().getName());
        assertEquals("restricted", namespace.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"));
    }

    // ---------------------------------------------------------------- production settings

    @Test
    void theProductionPodGetsEveryRequiredSettingFromTheObjectThatDefinesIt() {
        List<String> problems = productionSettingProblems(productionContainer(), productionVolumes(), productionConfigMaps(),
                productionSecretKeys(), persistentVolumeClaims());
        assertTrue(problems.isEmpty(), "the production overlay would not serve:\n" + String.join("\n", problems));
    }

    @Test
    void theSettingsCheckFailsOnAMissingSecretOrSetting() {
        // Proves the check above bites: take a production build apart and see each gap reported.
        Map<String, Map<String, String>> configMaps = productionConfigMaps();
        Map<String, String> config = configMaps.get("xinyong-open-api-config");
        config.remove("XINYONG_JWT_ISSUER");
        config.put("XINYONG_TRUSTED_PROXIES", "0.0.0.0/0");
        config.put("XINYONG_REDIS_CLUSTER", "false");
        config.put("XINYONG_XINYI_SIGNING_KEY", "in-the-config-map");
        Map<String, Set<String>> secrets = productionSecretKeys();
        secrets.get(SECRETS).remove("XINYONG_XINYI_SIGNING_KEY");
        secrets.get(SECRETS).remove("XINYONG_PERSONS_HASH_KEY");
        List<Volume> volumes = new ArrayList<>(productionVolumes());
        volumes.removeIf(v -> v.getSecret() != null && JWKS_SECRET.equals(v.getSecret().getSecretName()));
        String problems = String.join("\n", productionSettingProblems(productionContainer(), volumes, configMaps, secrets,
                persistentVolumeClaims()));
        for (String expected : List.of("XINYONG_JWT_ISSUER is not set", "XINYONG_TRUSTED_PROXIES trusts every address",
                "XINYONG_REDIS_CLUSTER must be true", "XINYONG_XINYI_SIGNING_KEY comes from ConfigMap",
                "XINYONG_PERSONS_HASH_KEY is not set", "XINYONG_JWT_KEYS")) {
            assertTrue(problems.contains(expected), "not reported: " + expected + "\nreported:\n" + problems);
        }
    }

    @Test
    void theReadmeNamesEverySettingAndEverySecretKey() throws IOException {
        String readme = Files.readString(k8s.resolve("README.md"));
        Set<String> undocumented = new TreeSet<>();
        for (String key : concat(new ArrayList<>(REQUIRED_IN_PRODUCTION.keySet()), List.of("jwks.json", SECRETS, JWKS_SECRET))) {
            if (!readme.contains("`" + key + "`")) {
                undocumented.add(key);
            }
        }
        assertTrue(undocumented.isEmpty(), "k8s/README.md does not name " + undocumented);
    }

    /** What keeps the rendered production pod from serving: settings missing, from the wrong object, or unsafe. */
    static List<String> productionSettingProblems(Container container, List<Volume> volumes,
            Map<String, Map<String, String>> configMaps, Map<String, Set<String>> secrets,
            Map<String, PersistentVolumeClaim> claims) {
        List<String> problems = new ArrayList<>();
        Map<String, Setting> env = environment(container, configMaps, secrets, problems);
        REQUIRED_IN_PRODUCTION.forEach((name, source) -> {
            Setting setting = env.get(name);
            if (setting == null) {
                problems.add(name + " is not set");
            } else if (setting.source() != source) {
                problems.add(name + " comes from " + setting.describe() + " but must come from a "
                        + (source == Source.SECRET ? "Secret" : "ConfigMap"));
            } else if (source == Source.CONFIG_MAP && isBlank(setting.value())) {
                problems.add(name + " is empty (" + setting.describe() + ")");
            }
        });
        String cluster = value(env, "XINYONG_REDIS_CLUSTER");
        if (cluster != null && !"true".equals(cluster)) {
            problems.add("XINYONG_REDIS_CLUSTER must be true in production (a Redis Cluster), not " + cluster);
        }
        String replicas = value(env, "XINYONG_OPENSEARCH_REPLICAS");
        if (replicas != null && !(replicas.matches("\\d+") && Integer.parseInt(replicas) >= 1)) {
            problems.add("XINYONG_OPENSEARCH_REPLICAS must be at least 1 on a cluster, not " + replicas);
        }
        String proxies = value(env, "XINYONG_TRUSTED_PROXIES");
        if (proxies != null) {
            try {
                TrustedProxies trusted = TrustedProxies.of(List.of(proxies.split(",")));
                if (trusted.trusts("203.0.113.7") || trusted.trusts("2001:db8::7")) {
                    problems.add("XINYONG_TRUSTED_PROXIES trusts every address (" + proxies + "): anyone could pick a bucket");
                }
            } catch (IllegalArgumentException e) {
                problems.add("XINYONG_TRUSTED_PROXIES would stop the start: " + e.getMessage());
            }
        }
        for (String key : List.of("XINYONG_REDIS_URL", "XINYONG_RATELIMIT_REDIS_URL")) {
            String urls = value(env, key);
            if (urls != null && !urls.matches("rediss?://[^,\\s]+(,rediss?://[^,\\s]+)*")) {
                problems.add(key + " is not a comma-separated list of redis:// URLs: " + urls);
            }
        }
        String search = value(env, "XINYONG_OPENSEARCH_URL");
        if (search != null && !search.matches("https?://[^,\\s]+(,https?://[^,\\s]+)*")) {
            problems.add("XINYONG_OPENSEARCH_URL is not a comma-separated list of http(s):// URLs: " + search);
        }
        String keys = value(env, "XINYONG_JWT_KEYS");
        if (keys != null && !keys.startsWith("https://")) {
            String file = keys.startsWith("file:") ? keys.substring("file:".length()) : keys;
            problems.addAll(mountedFileProblems("XINYONG_JWT_KEYS", file, container, volumes, secrets));
        }
        String dumps = value(env, "XINYONG_DUMPS_DIR");
        if (dumps != null) {
            VolumeMount mount = nullSafe(container.getVolumeMounts()).stream().filter(m -> m.getMountPath().equals(dumps))
                    .findFirst().orElse(null);
            Volume volume = mount == null ? null
                    : volumes.stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElse(null);
            PersistentVolumeClaim claim = volume == null || volume.getPersistentVolumeClaim() == null ? null
                    : claims.get(volume.getPersistentVolumeClaim().getClaimName());
            if (claim == null || !nullSafe(claim.getSpec().getAccessModes()).contains("ReadWriteMany")
                    || Boolean.TRUE.equals(mount.getReadOnly())) {
                problems.add("XINYONG_DUMPS_DIR " + dumps + " must be a writable mount of a ReadWriteMany volume claim "
                        + "(every instance serves the dumps one of them writes)");
            }
        }
        return problems;
    }

    /** Problems with a file the service reads that must be mounted from a Secret (or ConfigMap) holding it. */
    private static List<String> mountedFileProblems(String name, String file, Container container, List<Volume> volumes,
            Map<String, Set<String>> secrets) {
        Path path = Path.of(file);
        VolumeMount mount = nullSafe(container.getVolumeMounts()).stream()
                .filter(m -> path.getParent() != null && path.getParent().toString().equals(m.getMountPath()))
                .findFirst().orElse(null);
        Volume volume = mount == null ? null
                : volumes.stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElse(null);
        if (volume == null || volume.getSecret() == null) {
            return List.of(name + " names " + file + ", which no Secret volume provides");
        }
        String fileName = path.getFileName().toString();
        String key = nullSafe(volume.getSecret().getItems()).stream().filter(i -> fileName.equals(i.getPath()))
                .map(io.fabric8.kubernetes.api.model.KeyToPath::getKey).findFirst()
                .orElse(nullSafe(volume.getSecret().getItems()).isEmpty() ? fileName : null);
        Set<String> defined = secrets.get(volume.getSecret().getSecretName());
        if (key == null || defined == null || !defined.contains(key)) {
            return List.of(name + " names " + file + ", but Secret " + volume.getSecret().getSecretName()
                    + " does not define it (keys " + defined + ")");
        }
        return List.of();
    }

    /** A variable of the pod and where it comes from. */
    record Setting(String name, Source source, String object, String value) {
        String describe() {
            return source == null ? "a literal value" : (source == Source.SECRET ? "Secret " : "ConfigMap ") + object;
        }
    }

    private static String value(Map<String, Setting> env, String name) {
        Setting setting = env.get(name);
        return setting == null ? null : setting.value();
    }

    /**
     * The container's variables as the kubelet sets them: envFrom sources in order (a later one wins), then env (wins
     * over envFrom). A reference to an object or key that does not exist is a problem (the pod would not start).
     */
    static Map<String, Setting> environment(Container container, Map<String, Map<String, String>> configMaps,
            Map<String, Set<String>> secrets, List<String> problems) {
        Map<String, Setting> env = new LinkedHashMap<>();
        for (EnvFromSource from : nullSafe(container.getEnvFrom())) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                Map<String, String> data = configMaps.get(name);
                if (data == null) {
                    problems.add("envFrom ConfigMap " + name + " does not exist");
                    continue;
                }
                data.forEach((k, v) -> env.put(prefix + k, new Setting(prefix + k, Source.CONFIG_MAP, name, v)));
            }
            if (from.getSecretRef() != null) {
                String name = from.getSecretRef().getName();
                Set<String> keys = secrets.get(name);
                if (keys == null) {
                    problems.add("envFrom Secret " + name + " is defined nowhere");
                    continue;
                }
                keys.forEach(k -> env.put(prefix + k, new Setting(prefix + k, Source.SECRET, name, "(secret)")));
            }
        }
        for (EnvVar var : nullSafe(container.getEnv())) {
            EnvVarSource from = var.getValueFrom();
            if (from == null) {
                env.put(var.getName(), new Setting(var.getName(), null, null, var.getValue()));
            } else if (from.getConfigMapKeyRef() != null) {
                String name = from.getConfigMapKeyRef().getName();
                String key = from.getConfigMapKeyRef().getKey();
                String value = nullSafe(configMaps.get(name)).get(key);
                if (value == null) {
                    problems.add(var.getName() + " refers to key " + key + " that ConfigMap " + name + " lacks");
                } else {
                    env.put(var.getName(), new Setting(var.getName(), Source.CONFIG_MAP, name, value));
                }
            } else if (from.getSecretKeyRef() != null) {
                String name = from.getSecretKeyRef().getName();
                String key = from.getSecretKeyRef().getKey();
                if (!secrets.getOrDefault(name, Set.of()).contains(key)) {
                    problems.add(var.getName() + " refers to key " + key + " that Secret " + name + " lacks");
                } else {
                    env.put(var.getName(), new Setting(var.getName(), Source.SECRET, name, "(secret)"));
                }
            }
        }
        return env;
    }

    /** The ConfigMaps of the production build by name: the base's, with the overlay's ConfigMap patches merged over them. */
    private static Map<String, Map<String, String>> productionConfigMaps() {
        Map<String, Map<String, String>> maps = new LinkedHashMap<>();
        for (ConfigMap c : all(base(), ConfigMap.class)) {
            maps.put(c.getMetadata().getName(), new LinkedHashMap<>(nullSafe(c.getData())));
        }
        for (Manifest m : patchesOf(production())) {
            if (m.object() instanceof ConfigMap c) {
                Map<String, String> target = maps.get(c.getMetadata().getName());
                assertNotNull(target, m.where() + " patches a ConfigMap the base lacks");
                if (m.deletePatch()) {
                    maps.remove(c.getMetadata().getName());
                } else {
                    target.putAll(nullSafe(c.getData()));
                }
            }
        }
        return maps;
    }

    private static Map<String, String> productionConfig() {
        return productionConfigMaps().get("xinyong-open-api-config");
    }

    /**
     * The keys of the Secrets production pods read. The overlay deletes the base's placeholders (the real Secrets come
     * from the secret store), so the placeholders are the contract: the keys the real Secrets must hold.
     */
    private static Map<String, Set<String>> productionSecretKeys() {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        for (Secret s : all(base(), Secret.class)) {
            Set<String> names = new TreeSet<>(nullSafe(s.getStringData()).keySet());
            names.addAll(nullSafe(s.getData()).keySet());
            keys.put(s.getMetadata().getName(), names);
        }
        return keys;
    }

    private static Map<String, PersistentVolumeClaim> persistentVolumeClaims() {
        Map<String, PersistentVolumeClaim> claims = new LinkedHashMap<>();
        all(base(), PersistentVolumeClaim.class).forEach(c -> claims.put(c.getMetadata().getName(), c));
        return claims;
    }

    /** The production container: the base's, with the overlay's strategic-merge patch (env by name, mounts by path). */
    private static Container productionContainer() {
        Container merged = new io.fabric8.kubernetes.api.model.ContainerBuilder(appContainer(the(base(), Deployment.class))).build();
        for (Manifest m : patchesOf(production())) {
            if (m.object() instanceof Deployment d && d.getSpec() != null && d.getSpec().getTemplate() != null) {
                for (Container patch : d.getSpec().getTemplate().getSpec().getContainers()) {
                    if (patch.getEnvFrom() != null && !patch.getEnvFrom().isEmpty()) {
                        merged.setEnvFrom(patch.getEnvFrom());
                    }
                    Map<String, EnvVar> env = new LinkedHashMap<>();
                    nullSafe(merged.getEnv()).forEach(e -> env.put(e.getName(), e));
                    nullSafe(patch.getEnv()).forEach(e -> env.put(e.getName(), e));
                    merged.setEnv(new ArrayList<>(env.values()));
                    Map<String, VolumeMount> mounts = new LinkedHashMap<>();
                    nullSafe(merged.getVolumeMounts()).forEach(v -> mounts.put(v.getMountPath(), v));
                    nullSafe(patch.getVolumeMounts()).forEach(v -> mounts.put(v.getMountPath(), v));
                    merged.setVolumeMounts(new ArrayList<>(mounts.values()));
                }
            }
        }
        return merged;
    }

    private static List<Volume> productionVolumes() {
        Map<String, Volume> volumes = new LinkedHashMap<>();
        nullSafe(the(base(), Deployment.class).getSpec().getTemplate().getSpec().getVolumes()).forEach(v -> volumes.put(v.getName(), v));
        for (Manifest m : patchesOf(production())) {
            if (m.object() instanceof Deployment d && d.getSpec() != null && d.getSpec().getTemplate() != null) {
                nullSafe(d.getSpec().getTemplate().getSpec().getVolumes()).forEach(v -> volumes.put(v.getName(), v));
            }
        }
        return new ArrayList<>(volumes.values());
    }

    // ---------------------------------------------------------------- helpers

    private static Path base() {
        return k8s.resolve("base");
    }

    private static Path production() {
        return k8s.resolve("overlays").resolve("production");
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("k8s"))) {
                return d;
            }
        }
        throw new IllegalStateException("no k8s/ directory above " + dir);
    }

    private static JsonNode readSingle(Path file) {
        List<JsonNode> documents = readDocuments(file);
        assertEquals(1, documents.size(), file + " must hold one YAML document");
        return documents.get(0);
    }

    /** The parsed manifests directly in {@code dir} (not in sub-directories). */
    private static List<Manifest> inDir(Path dir) {
        return manifests.stream().filter(m -> m.file().getParent().equals(dir)).filter(m -> m.object() != null).toList();
    }

    /** The manifests that the kustomization in {@code dir} lists as patches. */
    private static List<Manifest> patchesOf(Path dir) {
        JsonNode k = readSingle(dir.resolve("kustomization.yaml"));
        Set<Path> files = new LinkedHashSet<>();
        for (JsonNode patch : k.path("patches")) {
            if (patch.has("path")) {
                files.add(dir.resolve(patch.get("path").asText()).normalize());
            }
        }
        for (String file : texts(k.path("patchesStrategicMerge"))) {
            files.add(dir.resolve(file).normalize());
        }
        return inDir(dir).stream().filter(m -> files.contains(m.file().normalize())).toList();
    }

    private static <T extends HasMetadata> T the(Path dir, Class<T> type) {
        List<T> found = inDir(dir).stream().filter(m -> !patchesOf(dir).contains(m)).map(Manifest::object)
                .filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "expected one " + type.getSimpleName() + " in " + root.relativize(dir) + " (parse failures: " + parseFailures + ")");
        return found.get(0);
    }

    /** Every object of a type in {@code dir} (patches left out). */
    private static <T extends HasMetadata> List<T> all(Path dir, Class<T> type) {
        return inDir(dir).stream().filter(m -> !patchesOf(dir).contains(m)).map(Manifest::object)
                .filter(type::isInstance).map(type::cast).toList();
    }

    /** The object of a type and name in {@code dir}. */
    private static <T extends HasMetadata> T named(Path dir, Class<T> type, String name) {
        return all(dir, type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in " + root.relativize(dir)));
    }

    private static <T extends HasMetadata> T patchOf(Path dir, Class<T> type) {
        List<T> found = patchesOf(dir).stream().map(Manifest::object).filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "expected one " + type.getSimpleName() + " patch in " + root.relativize(dir));
        return found.get(0);
    }

    private static Container appContainer(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), "containers");
        assertEquals(APP, containers.get(0).getName(), "container name");
        return containers.get(0);
    }

    private static Map<String, String> podLabels(Deployment deployment) {
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    private static void assertLabels(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        assertNotNull(labels, object.getKind() + " labels");
        APP_LABELS.forEach((k, v) -> assertEquals(v, labels.get(k), object.getKind() + " label " + k));
    }

    private static void assertProbe(String name, Probe probe, String path, Container container) {
        assertNotNull(probe, name);
        assertNotNull(probe.getHttpGet(), name + " must be an HTTP GET");
        assertEquals(path, probe.getHttpGet().getPath(), name + " path");
        assertEquals(8080, resolvePort(probe.getHttpGet().getPort(), container), name + " port");
        assertTrue(probe.getHttpGet().getScheme() == null || "HTTP".equals(probe.getHttpGet().getScheme()), name + " scheme");
    }

    /** Resolves a numeric or named port against the container's ports. */
    private static int resolvePort(IntOrString port, Container container) {
        assertNotNull(port, "port");
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return nullSafe(container.getPorts()).stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }

    private static void assertQuantity(String expected, Map<String, Quantity> quantities, String resource) {
        assertNotNull(quantities, resource);
        Quantity actual = quantities.get(resource);
        assertNotNull(actual, resource);
        assertEquals(0, new Quantity(expected).compareTo(actual), resource + ": expected " + expected + ", got " + actual);
    }

    private static void assertRequestsWithinLimits(ResourceRequirements resources, String where) {
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = resources.getRequests().get(resource);
            Quantity limit = resources.getLimits().get(resource);
            assertNotNull(request, where + " request " + resource);
            assertNotNull(limit, where + " limit " + resource);
            assertTrue(request.compareTo(limit) <= 0, where + ": " + resource + " request " + request + " > limit " + limit);
        }
    }

    /** Strategic merge of resource maps: the patch's entries win. */
    private static ResourceRequirements merge(ResourceRequirements base, ResourceRequirements patch) {
        ResourceRequirements merged = new ResourceRequirements();
        merged.setRequests(mergeMaps(base.getRequests(), patch.getRequests()));
        merged.setLimits(mergeMaps(base.getLimits(), patch.getLimits()));
        return merged;
    }

    private static Map<String, Quantity> mergeMaps(Map<String, Quantity> base, Map<String, Quantity> patch) {
        Map<String, Quantity> merged = new LinkedHashMap<>(nullSafe(base));
        merged.putAll(nullSafe(patch));
        return merged;
    }

    /** Whether a label selector (matchLabels and matchExpressions) selects the given labels. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        for (Map.Entry<String, String> e : nullSafe(selector.getMatchLabels()).entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement r : nullSafe(selector.getMatchExpressions())) {
            String value = labels.get(r.getKey());
            List<String> values = nullSafe(r.getValues());
            boolean ok = switch (r.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + r.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEmpty(LabelSelector selector) {
        return nullSafe(selector.getMatchLabels()).isEmpty() && nullSafe(selector.getMatchExpressions()).isEmpty();
    }

    private static void assertNonEmpty(LabelSelector selector, String what) {
        assertNotNull(selector, what);
        assertFalse(isEmpty(selector), what + " is empty and would select every pod");
    }

    private static String describe(NetworkPolicyPeer peer) {
        List<String> parts = new ArrayList<>();
        if (peer.getNamespaceSelector() != null) {
            parts.add("namespace{" + describe(peer.getNamespaceSelector()) + "}");
        }
        if (peer.getPodSelector() != null) {
            parts.add("pod{" + describe(peer.getPodSelector()) + "}");
        }
        return String.join(" ", parts);
    }

    private static String describe(LabelSelector selector) {
        if (isEmpty(selector)) {
            return "*";
        }
        assertTrue(nullSafe(selector.getMatchExpressions()).isEmpty(), "matchExpressions in network policy peers");
        return new java.util.TreeMap<>(selector.getMatchLabels()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static Set<String> ports(List<NetworkPolicyPort> ports) {
        Set<String> result = new TreeSet<>();
        for (NetworkPolicyPort p : nullSafe(ports)) {
            assertNotNull(p.getPort(), "a NetworkPolicy port entry without port opens every port");
            assertNotNull(p.getPort().getIntVal(), "use numeric ports in the NetworkPolicy: " + p.getPort());
            result.add((p.getProtocol() == null ? "TCP" : p.getProtocol()) + "/" + p.getPort().getIntVal());
        }
        return result;
    }

    /** The port of every URL of a comma-separated list. */
    private static List<Integer> uriPorts(String urls) {
        assertNotNull(urls, "endpoints");
        List<Integer> ports = new ArrayList<>();
        for (String url : urls.split(",")) {
            ports.add(uriPort(url));
        }
        return ports;
    }

    private static int uriPort(String hosts) {
        assertNotNull(hosts, "endpoint");
        URI uri = URI.create(hosts.split(",")[0].trim());
        assertTrue(uri.getPort() > 0, "no explicit port in " + hosts);
        return uri.getPort();
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        for (JsonNode n : array) {
            result.add(n.asText());
        }
        return result;
    }

    private static List<JsonNode> concat(JsonNode a, JsonNode b) {
        List<JsonNode> result = new ArrayList<>();
        a.forEach(result::add);
        b.forEach(result::add);
        return result;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> result = new ArrayList<>(a);
        result.addAll(b);
        return result;
    }

    private static Set<String> missing(Set<String> required, Set<String> present) {
        return required.stream().filter(Predicate.not(present::contains)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static <T> T first(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static int orDefault(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> nullSafe(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
