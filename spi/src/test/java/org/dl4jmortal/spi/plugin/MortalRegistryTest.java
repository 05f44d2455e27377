package org.dl4jmortal.spi.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.dl4jmortal.spi.distill.Distiller;
import org.dl4jmortal.spi.plugin.fixture.AlphaPlugin;
import org.dl4jmortal.spi.plugin.fixture.BetaPlugin;
import org.dl4jmortal.spi.plugin.fixture.ExplodingPlugin;
import org.dl4jmortal.spi.plugin.fixture.MisnamedPlugin;
import org.dl4jmortal.spi.plugin.fixture.TwiceInOnePlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry as a third party meets it: plugin jars on a class path, found by {@link java.util.ServiceLoader}.
 * The fixture plugins are packed into real jar files at test time and loaded child-first, so that every class and
 * services file comes from the jar named in the messages.
 */
class MortalRegistryTest {
    private static final String FIXTURE_PACKAGE = "org.dl4jmortal.spi.plugin.fixture.";

    @TempDir
    Path dir;

    @Test
    void aPluginJarIsListedWithKindNameClassPluginVersionJarAndDescription() throws IOException {
        Path jar = jar("greeters-1.0.jar", AlphaPlugin.class);
        MortalRegistry r = MortalRegistry.load(loader(jar));
        List<PluginInfo> infos = r.plugins();
        assertEquals(1, infos.size(), infos.toString());
        PluginInfo i = infos.get(0);
        assertEquals("greeter", i.kind());
        assertEquals("hello", i.name());
        assertEquals(HelloGreeter.class.getName(), i.implementation());
        assertEquals(AlphaPlugin.class.getName(), i.plugin());
        assertEquals("dev", i.version(), "a jar without Implementation-Version reports 'dev'");
        assertEquals(jar.toUri().getPath(), i.source());
        assertEquals("says hello (test fixture)", i.description());
        assertEquals(Set.of("hello"), r.names(Greeter.KIND));
        assertEquals("hello mortal", r.get(Greeter.KIND, "hello").greet("mortal"));
    }

    @Test
    void theVersionComesFromTheJarManifest() throws IOException {
        Path jar = jar("greeters-2.3.4.jar", "2.3.4", AlphaPlugin.class);
        assertEquals("2.3.4", MortalRegistry.load(loader(jar)).plugins().get(0).version());
    }

    @Test
    void oneNameFromTwoJarsNamesBothPluginsAndBothJars() throws IOException {
        Path a = jar("alpha.jar", AlphaPlugin.class);
        Path b = jar("beta.jar", BetaPlugin.class);
        PluginException e = assertThrows(PluginException.class, () -> MortalRegistry.load(loader(a, b)));
        String m = e.getMessage();
        assertTrue(m.contains("greeter name 'hello'") && m.contains(AlphaPlugin.class.getName())
                && m.contains(BetaPlugin.class.getName()) && m.contains(a.toUri().getPath())
                && m.contains(b.toUri().getPath()), m);
    }

    @Test
    void twoIdenticalCopiesOfAPluginJarLoadItOnceFromTheFirst() throws IOException {
        Path a = jar("alpha-1.0.jar", AlphaPlugin.class);
        Path copy = Files.copy(a, dir.resolve("lib-alpha-1.0.jar"));
        List<PluginInfo> infos = MortalRegistry.load(loader(a, copy)).plugins();
        assertEquals(1, infos.size(), infos.toString());
        assertEquals(a.toUri().getPath(), infos.get(0).source());
    }

    @Test
    void twoDifferentBuildsOfOnePluginClassNameBothJarsInsteadOfPickingTheFirst() throws IOException {
        Path a = jar("alpha-1.0.jar", AlphaPlugin.class);
        Path b = jar("alpha-1.1.jar", null, AlphaPlugin.class, new byte[]{0});
        PluginException e = assertThrows(PluginException.class, () -> MortalRegistry.load(loader(a, b)));
        String m = e.getMessage();
        assertTrue(m.contains(AlphaPlugin.class.getName()) && m.contains(a.toUri().getPath())
                && m.contains(b.toUri().getPath()) && m.contains("only one copy"), m);
    }

    @Test
    void aListedClassThatIsMissingNamesTheClassAndTheJar() throws IOException {
        Path jar = jarWithServices("broken.jar", "com.example.MissingPlugin");
        PluginException e = assertThrows(PluginException.class, () -> MortalRegistry.load(loader(jar)));
        String m = e.getMessage();
        assertTrue(m.contains("com.example.MissingPlugin") && m.contains(jar.toUri().getPath())
                && m.contains("not found"), m);
    }

    @Test
    void aPluginThatThrowsInItsConstructorNamesTheCause() throws IOException {
        Path jar = jar("exploding.jar", ExplodingPlugin.class);
        PluginException e = assertThrows(PluginException.class, () -> MortalRegistry.load(loader(jar)));
        String m = e.getMessage();
        assertTrue(m.contains(ExplodingPlugin.class.getName()) && m.contains(jar.toUri().getPath())
                && m.contains("boom: licence file missing"), m);
    }

    @Test
    void aBindingKeyThatDiffersFromNameIsRefused() throws IOException {
        Path jar = jar("misnamed.jar", MisnamedPlugin.class);
        PluginException e = assertThrows(PluginException.class, () -> MortalRegistry.load(loader(jar)));
        String m = e.getMessage();
        assertTrue(m.contains("'hullo'") && m.contains("'hello'") && m.contains(jar.toUri().getPath()), m);
    }

    @Test
    void oneNameTwiceInOnePluginIsRefusedNamingThePlugin() {
        PluginException e = assertThrows(PluginException.class, () -> MortalRegistry.of(new TwiceInOnePlugin()));
        assertTrue(e.getMessage().contains(TwiceInOnePlugin.class.getName())
                && e.getMessage().contains("hello") && e.getMessage().contains(HolaGreeter.class.getName()),
                e.getMessage());
    }

    @Test
    void anUnknownNameListsTheInstalledOnes() {
        MortalRegistry r = MortalRegistry.of(new AlphaPlugin());
        PluginException e = assertThrows(PluginException.class, () -> r.get(Greeter.KIND, "hi"));
        assertEquals("unknown greeter 'hi'; installed greeter plugins: [hello]", e.getMessage());
    }

    @Test
    void theFourBuiltInKindsAreKnown() {
        assertEquals("distiller", PluginKind.DISTILLER.name());
        assertSame(Distiller.class, PluginKind.DISTILLER.type());
        assertTrue(PluginKind.known().containsAll(List.of(PluginKind.DEVICE, PluginKind.EXPORTER,
                PluginKind.RECONSTRUCTOR, PluginKind.DISTILLER, Greeter.KIND)), PluginKind.known().toString());
        assertSame(PluginKind.DISTILLER, PluginKind.define("distiller", Distiller.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PluginKind.define("distiller", Greeter.class));
        assertTrue(e.getMessage().contains("already defined for " + Distiller.class.getName()), e.getMessage());
    }

    private Path jar(String name, Class<?> plugin) throws IOException {
        return jar(name, null, plugin);
    }

    private Path jar(String name, String version, Class<?> plugin) throws IOException {
        return jar(name, version, plugin, new byte[0]);
    }

    /** @param extra bytes appended to the class file: a different build of the same class (never loaded) */
    private Path jar(String name, String version, Class<?> plugin, byte[] extra) throws IOException {
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (version != null) {
                out.putNextEntry(new JarEntry("META-INF/MANIFEST.MF"));
                out.write(("Manifest-Version: 1.0\nImplementation-Version: " + version + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            String path = plugin.getName().replace('.', '/') + ".class";
            out.putNextEntry(new JarEntry(path));
            try (InputStream in = plugin.getClassLoader().getResourceAsStream(path)) {
                in.transferTo(out);
            }
            out.write(extra);
            services(out, plugin.getName());
        }
        return jar;
    }

    private Path jarWithServices(String name, String listed) throws IOException {
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            services(out, listed);
        }
        return jar;
    }

    private static void services(JarOutputStream out, String listed) throws IOException {
        out.putNextEntry(new JarEntry(MortalRegistry.SERVICES_FILE));
        OutputStream o = out;
        o.write(("# test fixture\n" + listed + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static ClassLoader loader(Path... jars) throws IOException {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toUri().toURL();
        }
        return new ChildFirst(urls, MortalRegistryTest.class.getClassLoader());
    }

    /** Loads the fixture package from its own jars first, everything else from the test class path. */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(FIXTURE_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
            }
        }
    }
}
