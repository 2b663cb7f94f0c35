package io.toolgate.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.toolgate.invoke.ResultCacheStage;
import io.toolgate.security.RateLimits;

/**
 * The hand-kept native configuration in native/ must cover what the libraries reach by reflection and every resource
 * the server loads; Toolgate's own classes are registered by the extension's build step. No native image can be
 * built on this machine; this keeps the files from falling behind the code, which they had.
 */
@QuarkusTest
class NativeReflectionConfigTest {

    /**
     * The extension's build step registers every tool class and the records and enums its parameters and results are
     * made of (ToolDiscoveryTest in the deployment module checks that); the hand-kept file holds third-party
     * classes only, so it cannot fall behind Toolgate's own code again.
     */
    @Test
    void theHandKeptFileListsThirdPartyClassesOnly() throws Exception {
        assertThat(listedClasses().keySet()).noneMatch(name -> name.startsWith("io.toolgate."));
    }

    @Test
    void everyResourceTheServerLoadsIsIncludedInTheNativeImage() throws Exception {
        List<String> patterns = new ArrayList<>();
        for (JsonNode include : new ObjectMapper().readTree(Files.readString(Path.of("../native/resources-config.json")))
                .path("resources").path("includes")) {
            patterns.add(include.path("pattern").asText());
        }
        List<String> missing = new ArrayList<>();
        // The server's resources and the extension's (its META-INF files are Quarkus's own metadata).
        for (Path root : List.of(Path.of("src/main/resources"), Path.of("../extension/runtime/src/main/resources"))) {
            try (var files = Files.walk(root)) {
                files.filter(Files::isRegularFile)
                        .map(f -> root.relativize(f).toString().replace('\\', '/'))
                        .filter(name -> !name.equals("application.properties")) // Quarkus includes it itself
                        .filter(name -> !name.startsWith("META-INF/"))
                        .filter(name -> patterns.stream().noneMatch(name::matches))
                        .forEach(missing::add);
            }
        }
        assertThat(missing).as("resources not matched by native/resources-config.json").isEmpty();
    }

    /**
     * Caffeine builds each cache from a class generated for its combination of features (SSMSW: strong keys and
     * values, maximum size, expire after write) and each entry from a node class, both found by name and created
     * through a method handle; a native image without them fails at the first cached call (seen in a native build
     * of Toolgate: ClassNotFoundException com.github.benmanes.caffeine.cache.SSMSW from ResultCacheStage).
     */
    @Test
    void theGeneratedClassesOfEveryCaffeineCacheTheServerBuildsAreListed() throws Exception {
        Map<String, JsonNode> listed = listedClasses();
        List<Object> caches = List.of(
                ResultCacheStage.newCache(new ToolPolicy.ResultCache(true, Duration.ofMinutes(1), 100, false)),
                RateLimits.newLocalBuckets());
        List<String> problems = new ArrayList<>();
        for (Object cache : caches) {
            Object implementation = field(cache, "cache");
            Object nodeFactory = field(implementation, "nodeFactory");
            for (Class<?> generated : List.of(implementation.getClass(), nodeFactory.getClass())) {
                JsonNode e = listed.get(generated.getName());
                if (e == null || !e.path("allDeclaredConstructors").asBoolean()) {
                    problems.add(generated.getName() + ": needs allDeclaredConstructors");
                }
            }
        }
        assertThat(new TreeSet<>(problems)).as("missing from native/reflection-config.json").isEmpty();
    }

    /**
     * The native profile excludes H2's own reflection configuration, which registers its Lucene full-text classes
     * (Lucene is not on the class path, and Quarkus links every class at build time: the build fails), and lists what
     * H2 needs in native/h2-reflection-config.json instead. An H2 upgrade that registers more must not go unnoticed.
     */
    @Test
    void everyClassH2RegistersForReflectionIsListedUnlessItNeedsWhatToolgateLeavesOut() throws Exception {
        Set<String> leftOut = Set.of(
                "org.h2.fulltext.FullTextLucene", "org.h2.fulltext.FullTextLucene$FullTextTrigger",
                "org.apache.lucene.search.TotalHits", // Lucene
                "com.ibm.icu.text.Collator", // ICU4J, not on the class path
                "org.h2.tools.GUIConsole", "java.awt.Desktop", "java.awt.SystemTray", "java.awt.TrayIcon", // desktop
                "org.h2.server.TcpServer"); // H2's server mode, never started by Toolgate
        JsonNode h2Own;
        try (var in = org.h2.Driver.class.getResourceAsStream("/META-INF/native-image/reflect-config.json")) {
            assertThat(in).as("H2's own native-image reflection configuration").isNotNull();
            h2Own = new ObjectMapper().readTree(in);
        }
        Set<String> ours = new TreeSet<>();
        Path oursFile = Path.of("../native/h2-reflection-config.json");
        for (JsonNode entry : new ObjectMapper().readTree(Files.readString(oursFile))) {
            ours.add(entry.path("name").asText());
        }
        List<String> missing = new ArrayList<>();
        for (JsonNode entry : h2Own) {
            String name = entry.path("name").asText();
            if (!leftOut.contains(name) && !ours.contains(name)) {
                missing.add(name);
            }
        }
        assertThat(missing).as("registered by H2, missing from native/h2-reflection-config.json").isEmpty();
        assertThat(Files.readString(Path.of("pom.xml")))
                .as("the native profile excludes H2's configuration and uses ours")
                .contains("--exclude-config,com\\.h2database\\.h2-,/META-INF/native-image/reflect-config\\.json")
                .contains("native/h2-reflection-config.json");
    }

    /**
     * The data tools' SQL checks walk JSqlParser's syntax tree through the fields of its classes; in a native image
     * an unregistered class shows no fields and the walk would see nothing (SyntaxTreeWalk then refuses every
     * query). Every class of the parser's jar outside its JavaCC package must be listed, also after an upgrade.
     */
    @Test
    void everySyntaxClassOfJSqlParserIsListedWithItsFields() throws Exception {
        Set<String> inJar = new TreeSet<>();
        Path jar = Path.of(net.sf.jsqlparser.Model.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            zip.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.startsWith("net/sf/jsqlparser/") && n.endsWith(".class"))
                    .filter(n -> !n.startsWith("net/sf/jsqlparser/parser/"))
                    .filter(n -> !n.matches(".*\\$[0-9]+(\\$.*)?\\.class")) // anonymous classes
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .forEach(inJar::add);
        }
        Map<String, Boolean> listed = new HashMap<>();
        Path file = Path.of("../native/jsqlparser-reflection-config.json");
        for (JsonNode entry : new ObjectMapper().readTree(Files.readString(file))) {
            listed.put(entry.path("name").asText(), entry.path("allDeclaredFields").asBoolean());
        }
        assertThat(inJar).as("JSqlParser classes found").hasSizeGreaterThan(300);
        assertThat(inJar.stream().filter(n -> !Boolean.TRUE.equals(listed.get(n))).toList())
                .as("missing from %s (or without allDeclaredFields)", file).isEmpty();
        assertThat(Files.readString(Path.of("pom.xml"))).contains("native/jsqlparser-reflection-config.json");
    }

    private static Map<String, JsonNode> listedClasses() throws Exception {
        Map<String, JsonNode> listed = new HashMap<>();
        for (JsonNode entry : new ObjectMapper().readTree(Files.readString(Path.of("../native/reflection-config.json")))) {
            listed.put(entry.path("name").asText(), entry);
        }
        return listed;
    }

    /** A field's value, looked up through the class hierarchy (Caffeine's classes are not ours to change). */
    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + name);
    }
}
